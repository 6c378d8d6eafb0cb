/**
 * fast-check arbitraries for text: what can reach a store from a SAML document (XML 1.0
 * characters, so never NUL or a lone surrogate), identifiers shaped like Salesforce's, and tokens.
 * The mix leans on characters that break careless adapters: SQL `LIKE` wildcards, Redis glob
 * metacharacters, quotes, backslashes and astral code points.
 */
import { KEY_PREFIX, type WritableSObject } from '@saml-jit/core';
import fc from 'fast-check';

/** True for a code point XML 1.0 allows in a document. */
export const isXmlCodePoint = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** Characters with a meaning in SQL, LIKE, Redis patterns, JSON or shells. */
const TRICKY = [...`%_*?[]^-\\'"\`;:{}$ \t\n\r`];
const ALNUM = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];

/** One XML 1.0 character, biased towards ASCII and characters that trip adapters. */
export const xmlCharArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ALNUM) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0x80, max: 0x10ffff })
      .filter(isXmlCodePoint)
      .map((cp) => String.fromCodePoint(cp)),
  },
);

/**
 * Text an IdP can send: any XML 1.0 characters.
 * @example
 * fc.assert(fc.property(xmlTextArb({ minLength: 1 }), (s) => !s.includes('\u0000')));
 */
export const xmlTextArb = (
  constraints: { readonly minLength?: number; readonly maxLength?: number } = {},
): fc.Arbitrary<string> =>
  fc.string({
    unit: xmlCharArb,
    minLength: constraints.minLength ?? 0,
    maxLength: constraints.maxLength ?? 24,
  });

/**
 * A record Id as `IdGenerator.recordId` makes them: the sObject's key prefix and 15 alphanumerics.
 * @example
 * fc.sample(recordIdArb('User'), 1) // ['005Ab3…']
 */
export const recordIdArb = (sobject: WritableSObject): fc.Arbitrary<string> =>
  fc
    .string({ unit: fc.constantFrom(...ALNUM), minLength: 15, maxLength: 15 })
    .map((s) => KEY_PREFIX[sobject] + s);

/** An opaque token (request ID, session ID): `_` and 22–43 alphanumerics, as `IdGenerator.token`. */
export const tokenArb: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...ALNUM), minLength: 22, maxLength: 43 })
  .map((s) => `_${s}`);

/** A connection (IdP) name as configured by an operator. */
export const connectionNameArb: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...ALNUM, '-', '_', '.'), minLength: 1, maxLength: 20 })
  .map((s) => `idp-${s}`);

/** An instant between 2000 and 2099, at millisecond precision (what every store keeps). */
export const instantArb: fc.Arbitrary<Date> = fc.date({
  min: new Date('2000-01-01T00:00:00.000Z'),
  max: new Date('2099-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
