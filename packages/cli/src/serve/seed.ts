/**
 * `--seed FILE`: a directory snapshot in the `saml-jit provision --directory` format (Organization,
 * Profile, UserRole, User, Contact, Account, Network, Portal, CustomField; every key optional, a
 * missing array empty), checked here and upserted by `Directory.seed` at start. Seeding is an
 * upsert by Id, so every instance of a fleet may seed the same file.
 */
import { readFile } from 'node:fs/promises';
import {
  type CustomFieldDef,
  DEFAULT_ORGANIZATION,
  type DirectorySnapshot,
  type Organization,
  type SObjectRecord,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';
import { isObject } from './json-fields.js';
import { MAX_CONFIG_FILE_BYTES } from './sources.js';

type Result<T> = E.Either<CliFailure, T>;

const RECORD_KEYS = ['Profile', 'UserRole', 'User', 'Contact', 'Account', 'Network', 'Portal'] as const;
const ORGANIZATION_FIELDS = [
  'Id',
  'DefaultLocaleSidKey',
  'TimeZoneSidKey',
  'LanguageLocaleKey',
  'DefaultCurrencyIsoCode',
  'EmailEncodingKey',
] as const;

const isFieldValue = (v: unknown): boolean =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v));

const recordsOf = (key: string, raw: unknown): Result<readonly SObjectRecord[]> => {
  if (raw === undefined) return E.right([]);
  if (!Array.isArray(raw)) return E.left(cliFailure(`--seed: ${key} must be an array of records`));
  for (const [i, r] of raw.entries()) {
    if (!isObject(r) || typeof r.Id !== 'string' || r.Id === '') {
      return E.left(cliFailure(`--seed: ${key}[${i}] must be an object with a non-empty string Id`));
    }
    const field = Object.entries(r).find(([, v]) => !isFieldValue(v));
    if (field !== undefined) {
      return E.left(cliFailure(`--seed: ${key}[${i}].${field[0]} must be a string, number, boolean or null`));
    }
  }
  return E.right(raw as SObjectRecord[]);
};

const organizationOf = (raw: unknown): Result<Organization> => {
  if (raw === undefined) return E.right(DEFAULT_ORGANIZATION);
  if (!isObject(raw)) return E.left(cliFailure('--seed: Organization must be an object'));
  const missing = ORGANIZATION_FIELDS.find((f) => typeof raw[f] !== 'string' || raw[f] === '');
  return missing === undefined
    ? E.right(raw as unknown as Organization)
    : E.left(cliFailure(`--seed: Organization.${missing} must be a non-empty string`));
};

const customFieldsOf = (raw: unknown): Result<readonly CustomFieldDef[]> => {
  if (raw === undefined) return E.right([]);
  if (!Array.isArray(raw)) return E.left(cliFailure('--seed: CustomField must be an array'));
  for (const [i, f] of raw.entries()) {
    if (!isObject(f) || !['Object', 'Name', 'Type'].every((k) => typeof f[k] === 'string' && f[k] !== '')) {
      return E.left(cliFailure(`--seed: CustomField[${i}] needs string Object, Name and Type`));
    }
  }
  return E.right(raw as CustomFieldDef[]);
};

/**
 * Checks a parsed snapshot. A missing Organization is the default organization (en_US, USD…).
 * @example
 * decodeSnapshot({ Profile: [{ Id: '00e000000000001AAA', Name: 'Standard User' }] })
 */
export const decodeSnapshot = (raw: unknown): Result<DirectorySnapshot> => {
  if (!isObject(raw)) return E.left(cliFailure('--seed must hold a JSON object'));
  const known = new Set<string>([...RECORD_KEYS, 'Organization', 'CustomField']);
  const unknown = Object.keys(raw).find((k) => !known.has(k));
  if (unknown !== undefined)
    return E.left(cliFailure(`--seed: '${unknown}' is not an sObject of the snapshot`));
  const organization = organizationOf(raw.Organization);
  if (E.isLeft(organization)) return organization;
  const customFields = customFieldsOf(raw.CustomField);
  if (E.isLeft(customFields)) return customFields;
  const tables: Partial<Record<(typeof RECORD_KEYS)[number], readonly SObjectRecord[]>> = {};
  for (const key of RECORD_KEYS) {
    const records = recordsOf(key, raw[key]);
    if (E.isLeft(records)) return records;
    tables[key] = records.right;
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

/**
 * Reads and checks `--seed FILE`.
 * @example
 * const snapshot = await loadSnapshot('seed.json'); // Left(CliFailure) → exit status 2
 */
export const loadSnapshot = async (path: string): Promise<Result<DirectorySnapshot>> => {
  let raw: unknown;
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_CONFIG_FILE_BYTES) return E.left(cliFailure(`--seed '${path}' is too large`));
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    if (cause instanceof SyntaxError) return E.left(cliFailure(`--seed '${path}' is not valid JSON`));
    const code = cause instanceof Error && 'code' in cause ? String(cause.code) : 'unreadable';
    return E.left(cliFailure(`cannot read --seed file '${path}' (${code})`));
  }
  return decodeSnapshot(raw);
};
