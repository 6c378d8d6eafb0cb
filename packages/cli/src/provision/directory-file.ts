/**
 * `--directory FILE`: the org's records by sObject, with Salesforce field API names, in the
 * `DirectorySnapshot` format. Every key is optional (a missing array is empty; a missing
 * `Organization` is the default org); anything the dry run could misread is refused before any
 * response is read (exit status 2): an unknown sObject key (a typo would silently empty it), a row
 * without an `Id`, a field that is not an API name or whose value is not a JSON scalar, two rows
 * with one `Id`, two users sharing a `FederationIdentifier` or `Username`.
 */
import {
  type CustomFieldDef,
  DEFAULT_ORGANIZATION,
  type DirectorySnapshot,
  type FieldValue,
  type Organization,
  type SObjectRecord,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';
import { readJsonFile } from './json-file.js';

const RECORD_KEYS = ['Profile', 'UserRole', 'User', 'Contact', 'Account', 'Network', 'Portal'] as const;
type RecordKey = (typeof RECORD_KEYS)[number];
const KEYS: readonly string[] = ['Organization', ...RECORD_KEYS, 'CustomField'];
const ORGANIZATION_FIELDS = Object.keys(DEFAULT_ORGANIZATION) as (keyof Organization)[];
/** A Salesforce field API name. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

const isScalar = (v: unknown): v is FieldValue =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v));

type Fail = (what: string) => E.Either<CliFailure, never>;

const decodeRow = (
  key: RecordKey,
  index: number,
  row: unknown,
  fail: Fail,
): E.Either<CliFailure, SObjectRecord> => {
  const at = `${key}[${index}]`;
  if (!isObject(row)) return fail(`${at} is not an object`);
  const out: Record<string, FieldValue> = {};
  for (const [field, value] of Object.entries(row)) {
    if (!FIELD_NAME.test(field)) return fail(`${at} has a field that is not an API name`);
    if (!isScalar(value)) return fail(`${at}.${field} is not a string, number, boolean or null`);
    out[field] = value;
  }
  if (typeof out.Id !== 'string' || out.Id === '') return fail(`${at} has no string Id`);
  return E.right(out as SObjectRecord);
};

/** No two rows with one Id; no two users with one FederationIdentifier or Username. */
const duplicate = (key: RecordKey, rows: readonly SObjectRecord[]): string | null => {
  const fields = key === 'User' ? ['Id', 'FederationIdentifier', 'Username'] : ['Id'];
  for (const field of fields) {
    const seen = new Set<FieldValue>();
    for (const r of rows) {
      const v = r[field];
      if (v === null || v === undefined) continue;
      if (seen.has(v)) return `two ${key} rows share the ${field} ${JSON.stringify(v)}`;
      seen.add(v);
    }
  }
  return null;
};

const decodeOrganization = (u: unknown, fail: Fail): E.Either<CliFailure, Organization> => {
  if (u === undefined) return E.right(DEFAULT_ORGANIZATION);
  if (!isObject(u)) return fail('Organization is not an object');
  const out: Record<string, string> = { ...DEFAULT_ORGANIZATION };
  for (const [field, value] of Object.entries(u)) {
    if (!(ORGANIZATION_FIELDS as string[]).includes(field))
      return fail(`Organization has an unknown field (known: ${ORGANIZATION_FIELDS.join(', ')})`);
    if (typeof value !== 'string' || value === '')
      return fail(`Organization.${field} is not a non-empty string`);
    out[field] = value;
  }
  return E.right(out as unknown as Organization);
};

const decodeCustomFields = (u: unknown, fail: Fail): E.Either<CliFailure, CustomFieldDef[]> => {
  if (u === undefined) return E.right([]);
  if (!Array.isArray(u)) return fail('CustomField is not an array');
  const out: CustomFieldDef[] = [];
  for (const [i, row] of u.entries()) {
    if (
      !isObject(row) ||
      typeof row.Object !== 'string' ||
      typeof row.Name !== 'string' ||
      typeof row.Type !== 'string'
    )
      return fail(`CustomField[${i}] needs string Object, Name and Type`);
    out.push({ Object: row.Object, Name: row.Name, Type: row.Type });
  }
  return E.right(out);
};

/**
 * Checks a parsed `--directory` document.
 * @example
 * decodeDirectory({ User: [{ Id: '005000000000001', Username: 'a@x.test' }] }, 'org.json') // Right(snapshot)
 */
export const decodeDirectory = (u: unknown, path: string): E.Either<CliFailure, DirectorySnapshot> => {
  const fail: Fail = (what) => E.left(cliFailure(`--directory '${path}': ${what}`));
  if (!isObject(u)) return fail('not a JSON object');
  const unknown = Object.keys(u).find((k) => !KEYS.includes(k));
  if (unknown !== undefined) return fail(`unknown key '${unknown}' (known: ${KEYS.join(', ')})`);
  const organization = decodeOrganization(u.Organization, fail);
  if (E.isLeft(organization)) return organization;
  const customFields = decodeCustomFields(u.CustomField, fail);
  if (E.isLeft(customFields)) return customFields;
  const tables: Partial<Record<RecordKey, SObjectRecord[]>> = {};
  for (const key of RECORD_KEYS) {
    const value = u[key] ?? [];
    if (!Array.isArray(value)) return fail(`${key} is not an array`);
    const rows: SObjectRecord[] = [];
    for (const [i, row] of value.entries()) {
      const decoded = decodeRow(key, i, row, fail);
      if (E.isLeft(decoded)) return decoded;
      rows.push(decoded.right);
    }
    const clash = duplicate(key, rows);
    if (clash !== null) return fail(clash);
    tables[key] = rows;
  }
  return E.right({
    Organization: organization.right,
    Profile: tables.Profile ?? [],
    UserRole: tables.UserRole ?? [],
    User: tables.User ?? [],
    Contact: tables.Contact ?? [],
    Account: tables.Account ?? [],
    Network: tables.Network ?? [],
    Portal: tables.Portal ?? [],
    CustomField: customFields.right,
  });
};

/** Reads and checks the `--directory` file. */
export const readDirectoryFile = async (path: string): Promise<E.Either<CliFailure, DirectorySnapshot>> => {
  const json = await readJsonFile('directory', path);
  return E.isLeft(json) ? json : decodeDirectory(json.right, path);
};
