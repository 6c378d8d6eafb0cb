/**
 * Attribute decoding: the assertion's attributes (name → non-empty list of strings) into typed
 * `DecodedAttributes`, or the JIT failure Salesforce would report. Total (never throws) and
 * invertible: `decodeAttributes(encodeAttributes(d), fields)` is `d` for every decoded `d`.
 *
 * Rules (docs/jit-rules.md has the reasons):
 * - Names are case-sensitive. Only `User.*`, `Contact.*`, `Account.*`, `ProvisionVersion` and the
 *   portal names are read; anything else (IdPs send many attributes) is ignored.
 * - `ProvisionVersion`: absent means `1.0`; any value but `1.0` → 13.
 * - Unknown standard field → 9; `X__c` not declared → 8; declared with an unsupported type → 15.
 * - Multi-valued: a field takes its first value in document order; a *strict* field (identity,
 *   authorization, record matching) with several distinct values is refused with its own code.
 * - A value that does not parse as its type → the object's API error (5 User, 26 Contact,
 *   22 Account) with `INVALID_TYPE_ON_FIELD_IN_RECORD <Field>`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { type JitFailure, jitFailure } from '../errors/error.js';
import type { JitCode } from '../errors/jit-table.js';
import type { Attributes } from '../model/assertion.js';
import type { CustomFieldDef, FieldValue } from '../model/records.js';
import {
  ACCOUNT_FIELDS,
  CONTACT_FIELDS,
  type FieldSpec,
  LINK_FIELDS,
  PORTAL_FIELDS,
  PROVISION_VERSION_ATTRIBUTE,
  SUPPORTED_PROVISION_VERSION,
  USER_FIELDS,
} from './catalogue.js';
import { isCustomFieldName, resolveCustomField } from './custom-fields.js';
import { VALUE_CODECS, type ValueKind, type ValueOfKind } from './values.js';

type Catalogue = Readonly<Record<string, FieldSpec>>;
type Fields<C extends Catalogue> = {
  readonly [K in keyof C as C[K]['field']]?: ValueOfKind[C[K]['kind']];
};

export type UserAttributes = Fields<typeof USER_FIELDS>;
export type ContactAttributes = Fields<typeof CONTACT_FIELDS>;
export type AccountAttributes = Fields<typeof ACCOUNT_FIELDS>;
export type LinkAttributes = Fields<typeof LINK_FIELDS>;
export type PortalAttributes = Fields<typeof PORTAL_FIELDS>;
/** Declared custom fields by API name (`Badge__c`), typed by their declared `Type`. */
export type CustomValues = Readonly<Record<string, FieldValue>>;

/** The objects whose custom fields JIT writes. */
export type CustomObject = 'User' | 'Contact' | 'Account';

/** What the assertion says, typed. A key is present exactly when its attribute was sent. */
export interface DecodedAttributes {
  readonly provisionVersion: typeof SUPPORTED_PROVISION_VERSION;
  /** `User.*` standard fields by User API name (`User.Zip` → `PostalCode`…). */
  readonly user: UserAttributes;
  readonly contact: ContactAttributes;
  readonly account: AccountAttributes;
  readonly custom: { readonly [O in CustomObject]: CustomValues };
  /** `User.Contact`, `User.Account`, `Contact.Account`, `Account.Owner`, `Contact.Owner`, `User.PortalRole`, `User.Role`. */
  readonly links: LinkAttributes;
  /** `portal_id`, `organization_id`, `siteUrl`. */
  readonly portal: PortalAttributes;
}

type Group = 'user' | 'contact' | 'account' | 'links' | 'portal';

const CATALOGUES: readonly (readonly [Group, Catalogue])[] = [
  ['user', USER_FIELDS],
  ['links', LINK_FIELDS],
  ['contact', CONTACT_FIELDS],
  ['account', ACCOUNT_FIELDS],
  ['portal', PORTAL_FIELDS],
];

const API_ERROR: Readonly<Record<CustomObject, JitCode>> = {
  User: 'USER_CREATION_API_ERROR',
  Contact: 'CONTACT_CREATION_API_ERROR',
  Account: 'ACCOUNT_CREATION_API_ERROR',
};

const GROUP_OBJECT: Readonly<Record<Group, CustomObject>> = {
  user: 'User',
  links: 'User',
  contact: 'Contact',
  account: 'Account',
  portal: 'User',
};

const lookup = (name: string): readonly [Group, FieldSpec] | null => {
  for (const [group, cat] of CATALOGUES) {
    // Object.hasOwn: an attribute named `constructor` must not find Object.prototype's.
    if (Object.hasOwn(cat, name)) return [group, cat[name] as FieldSpec];
  }
  return null;
};

const customObjectOf = (name: string): CustomObject | null => {
  for (const o of ['User', 'Contact', 'Account'] as const) if (name.startsWith(`${o}.`)) return o;
  return null;
};

/** The values actually usable: strings only (defensive against untyped callers). */
const stringValues = (values: unknown): readonly string[] =>
  Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];

const decodeValue = (
  kind: ValueKind,
  raw: string,
  object: CustomObject,
  field: string,
  attribute: string,
): E.Either<JitFailure, FieldValue> => {
  const codec: t.Decoder<string, FieldValue> = VALUE_CODECS[kind];
  const result = codec.decode(raw);
  return E.isRight(result)
    ? E.right(result.right)
    : E.left(
        jitFailure(API_ERROR[object], {
          errorDetails: `INVALID_TYPE_ON_FIELD_IN_RECORD ${field}`,
          details: { attribute },
        }),
      );
};

const checkVersion = (attributes: Attributes): JitFailure | null => {
  const values = stringValues(attributes.get(PROVISION_VERSION_ATTRIBUTE));
  return values.every((v) => v === SUPPORTED_PROVISION_VERSION)
    ? null
    : jitFailure('UNSUPPORTED_VERSION', { details: { attribute: PROVISION_VERSION_ATTRIBUTE } });
};

/**
 * Decodes every attribute JIT understands, checking custom fields against the declared ones.
 * @example
 * decodeAttributes(new Map([['User.Email', ['ada@example.com']], ['User.IsActive', ['1']]]), [])
 * // Right({ provisionVersion: '1.0', user: { Email: 'ada@example.com', IsActive: true }, … })
 */
export const decodeAttributes = (
  attributes: Attributes,
  customFields: readonly CustomFieldDef[],
): E.Either<JitFailure, DecodedAttributes> => {
  const version = checkVersion(attributes);
  if (version !== null) return E.left(version);
  const groups: Record<Group, Record<string, FieldValue>> = {
    user: {},
    contact: {},
    account: {},
    links: {},
    portal: {},
  };
  const custom: Record<CustomObject, Record<string, FieldValue>> = { User: {}, Contact: {}, Account: {} };

  for (const [name, rawValues] of attributes) {
    if (typeof name !== 'string' || name === PROVISION_VERSION_ATTRIBUTE) continue;
    const values = stringValues(rawValues);
    const first = values[0];
    if (first === undefined) continue; // an attribute without values says nothing
    const known = lookup(name);
    if (known !== null) {
      const [group, spec] = known;
      if (spec.strict !== undefined && values.some((v) => v !== first))
        return E.left(jitFailure(spec.strict, { details: { attribute: name, reason: 'several values' } }));
      const value = decodeValue(spec.kind, first, GROUP_OBJECT[group], spec.field, name);
      if (E.isLeft(value)) return value;
      groups[group][spec.field] = value.right;
      continue;
    }
    const object = customObjectOf(name);
    if (object === null) continue; // not ours: ignored
    const field = name.slice(object.length + 1);
    if (!isCustomFieldName(field))
      return E.left(jitFailure('UNRECOGNIZED_STANDARD_FIELD', { details: { attribute: name } }));
    const resolved = resolveCustomField(customFields, object, field);
    if (resolved._tag === 'undeclared')
      return E.left(jitFailure('UNRECOGNIZED_CUSTOM_FIELD', { details: { attribute: name } }));
    if (resolved._tag === 'unsupported')
      return E.left(
        jitFailure('UNSUPPORTED_CUSTOM_FIELD_TYPE', { details: { attribute: name, type: resolved.type } }),
      );
    const value = decodeValue(resolved.kind, first, object, field, name);
    if (E.isLeft(value)) return value;
    custom[object][field] = value.right;
  }

  return E.right({
    provisionVersion: SUPPORTED_PROVISION_VERSION,
    user: groups.user as UserAttributes,
    contact: groups.contact as ContactAttributes,
    account: groups.account as AccountAttributes,
    custom,
    links: groups.links as LinkAttributes,
    portal: groups.portal as PortalAttributes,
  });
};

/** The attribute value of a decoded field value: the inverse of every value codec. */
const encodeValue = (v: FieldValue): string =>
  v === null ? '' : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);

/**
 * The attributes that decode to `decoded` (one value each, `ProvisionVersion` first).
 * @example
 * encodeAttributes(decoded).get('User.Zip') // ['94105'] when decoded.user.PostalCode is '94105'
 */
export const encodeAttributes = (decoded: DecodedAttributes): Attributes => {
  const out = new Map<string, readonly [string, ...string[]]>();
  out.set(PROVISION_VERSION_ATTRIBUTE, [decoded.provisionVersion]);
  for (const [group, cat] of CATALOGUES) {
    const values = decoded[group] as Readonly<Record<string, FieldValue | undefined>>;
    for (const [attribute, spec] of Object.entries(cat)) {
      const v = values[spec.field];
      if (v !== undefined) out.set(attribute, [encodeValue(v)]);
    }
  }
  for (const object of ['User', 'Contact', 'Account'] as const)
    for (const [field, v] of Object.entries(decoded.custom[object]))
      out.set(`${object}.${field}`, [encodeValue(v)]);
  return out;
};
