/**
 * fast-check arbitraries for the core's types: attribute maps (hostile and well-formed), declared
 * custom fields, and the attributes of a provisionable user. Aligned with the codecs: every
 * arbitrary named `valid…` produces input the decoder accepts.
 */
import fc from 'fast-check';
import {
  ACCOUNT_FIELDS,
  type Attributes,
  CONTACT_FIELDS,
  type CustomFieldDef,
  type FieldSpec,
  LINK_FIELDS,
  PORTAL_FIELDS,
  SUPPORTED_CUSTOM_FIELD_TYPES,
  USER_FIELDS,
  type ValueKind,
} from '../src/index.js';

type NonEmpty = readonly [string, ...string[]];

const CATALOGUE: Readonly<Record<string, FieldSpec>> = {
  ...USER_FIELDS,
  ...CONTACT_FIELDS,
  ...ACCOUNT_FIELDS,
  ...LINK_FIELDS,
  ...PORTAL_FIELDS,
};

export const KNOWN_NAMES = Object.keys(CATALOGUE);

/** Strings that exercise every value codec's edges. */
export const arbValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '1', '0', 'true', 'TRUE', 'True', 'false', 'yes', ' ', '-0', '1e400', '.5', '007'),
  fc.constantFrom('2024-02-29', '2023-02-29', '2024-13-01', '2024-01-01T10:00:00Z', '2024-01-01T10:00'),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
);

/** Any attribute name: catalogue names, custom-looking names, unknown ones, hostile ones. */
export const arbAttributeName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_NAMES),
  fc.constantFrom('ProvisionVersion', 'user.Email', 'USER.Email', 'User.', 'User.Id', 'User.PostalCode'),
  fc.constantFrom('__proto__', 'constructor', 'User.__proto__', 'toString', 'Sfdc.SamlAssertion'),
  fc
    .tuple(fc.constantFrom('User.', 'Contact.', 'Account.'), fc.string(), fc.constantFrom('__c', ''))
    .map(([p, s, c]) => p + s + c),
  fc.string(),
);

const arbValues = (v: fc.Arbitrary<string>): fc.Arbitrary<NonEmpty> =>
  fc.array(v, { minLength: 1, maxLength: 3 }) as fc.Arbitrary<unknown> as fc.Arbitrary<NonEmpty>;

/** Any attribute map (document order preserved): most are refused, none may crash the decoder. */
export const arbAttributes: fc.Arbitrary<Attributes> = fc
  .array(fc.tuple(arbAttributeName, arbValues(arbValue)), { maxLength: 12 })
  .map((entries) => new Map(entries));

const TYPES = [...Object.keys(SUPPORTED_CUSTOM_FIELD_TYPES), 'MultiselectPicklist', 'Lookup', 'text'];

/** Declared custom fields, supported types and not; one declaration per Object.Name, as in a directory. */
export const arbCustomFields: fc.Arbitrary<readonly CustomFieldDef[]> = fc.uniqueArray(
  fc.record({
    Object: fc.constantFrom('User', 'Contact', 'Account'),
    Name: fc.constantFrom('Badge__c', 'Tier__c', 'Since__c', 'Score__c', 'VIP__c'),
    Type: fc.constantFrom(...TYPES),
  }),
  { maxLength: 6, selector: (d) => `${d.Object}.${d.Name}` },
);

/** A value the codec of `kind` accepts. */
export const arbValidValue = (kind: ValueKind): fc.Arbitrary<string> => {
  switch (kind) {
    case 'text':
      return fc.string();
    case 'boolean':
      return arbValue;
    case 'integer':
      return fc.oneof(fc.constant(''), fc.integer({ min: -1e12, max: 1e12 }).map(String));
    case 'decimal':
      return fc.oneof(fc.constant(''), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String));
    case 'date':
      return fc.oneof(
        fc.constant(''),
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      );
    case 'datetime':
      return fc.oneof(
        fc.constant(''),
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      );
  }
};

/** Attributes the decoder accepts: catalogue names and declared, supported custom fields. */
export const arbValidAttributes = (declared: readonly CustomFieldDef[]): fc.Arbitrary<Attributes> => {
  const custom = declared
    .filter((d) => Object.hasOwn(SUPPORTED_CUSTOM_FIELD_TYPES, d.Type))
    .map((d) => ({
      name: `${d.Object}.${d.Name}`,
      kind: SUPPORTED_CUSTOM_FIELD_TYPES[d.Type as keyof typeof SUPPORTED_CUSTOM_FIELD_TYPES] as ValueKind,
      strict: false,
    }));
  const known = Object.entries(CATALOGUE).map(([name, s]) => ({ name, kind: s.kind, strict: !!s.strict }));
  const entry = fc
    .constantFrom(...known, ...custom)
    .chain(({ name, kind, strict }) =>
      fc.tuple(
        fc.constant(name),
        strict
          ? arbValidValue(kind).map((v) => [v] as const)
          : arbValues(arbValidValue(kind)).map((vs) => vs as NonEmpty),
      ),
    );
  return fc
    .tuple(fc.array(entry, { maxLength: 10 }), fc.boolean())
    .map(
      ([entries, version]) =>
        new Map<string, NonEmpty>([...(version ? [['ProvisionVersion', ['1.0']] as const] : []), ...entries]),
    );
};

/** A federation ID: non-blank, exact bytes. */
export const arbFederationId: fc.Arbitrary<string> = fc
  .string({ minLength: 1, maxLength: 20 })
  .filter((s) => s.trim() !== '');

/** The attributes of a user standard JIT can create: the four required fields and optional ones. */
export const arbUserAttributes = (profileNames: readonly string[]): fc.Arbitrary<Attributes> =>
  fc
    .record(
      {
        email: fc.emailAddress(),
        lastName: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== ''),
        firstName: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined }),
        profile: fc.constantFrom(...profileNames),
        username: fc.emailAddress(),
        title: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        isActive: fc.option(fc.constantFrom('1', 'true', 'false', '0'), { nil: undefined }),
      },
      { requiredKeys: ['email', 'lastName', 'profile', 'username'] },
    )
    .map((r) => {
      const m = new Map<string, NonEmpty>([
        ['User.Email', [r.email]],
        ['User.LastName', [r.lastName]],
        ['User.ProfileId', [r.profile]],
        ['User.Username', [r.username]],
      ]);
      if (r.firstName !== undefined) m.set('User.FirstName', [r.firstName]);
      if (r.title !== undefined) m.set('User.Title', [r.title]);
      if (r.isActive !== undefined) m.set('User.IsActive', [r.isActive]);
      return m;
    });
