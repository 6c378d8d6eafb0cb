/**
 * The real-IdP interop corpus's `manifest.json`, read once and typed: what each response needs
 * (encoding, trusted certificates, pinned clock, SP values, decryption key) and what must come of
 * it. Every test that runs the corpus (the validator's, the CLI's) reads it through here, so a
 * change of the manifest's shape fails in one place, with the entry and the field it concerns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';

/** How the response file is encoded (the corpus README, "Using the manifest"). */
export type InteropEncoding = 'xml' | 'base64' | 'deflate-base64' | 'form-urlencoded-base64';

/** What must come of an entry: accepted with these values, or rejected for this category. */
export type InteropExpect =
  | {
      readonly ok: true;
      readonly nameId: string;
      readonly nameIdFormat?: string;
      /**
       * Attribute name → values; `[]` for an Attribute without any AttributeValue. Every entry's
       * own positive lists them; an `otherwise` may not.
       */
      readonly attributes?: Readonly<Record<string, readonly string[]>>;
      /** A library-policy condition; when the library's answer to it is "no", `otherwise` applies. */
      readonly condition?: string;
      readonly otherwise?: InteropExpect;
    }
  | {
      readonly ok: false;
      /** `signature`, `wrapping`, `time`, `audience`… */
      readonly category: string;
      readonly otherDefects?: readonly string[];
      readonly condition?: string;
      readonly otherwise?: InteropExpect;
    };

export interface InteropEntry {
  readonly id: string;
  /** The IdP product, e.g. `Okta`, `SimpleSAMLphp`. */
  readonly idp: string;
  /** The response file, relative to the corpus directory. */
  readonly response: string;
  readonly encoding: InteropEncoding;
  readonly root: 'Response' | 'Assertion';
  /** Certificate or metadata files, and the SHA-1 fingerprints of the certificates to trust. */
  readonly trust: { readonly certs: readonly string[]; readonly sha1: readonly string[] };
  readonly decryptionKey: string | null;
  readonly requiresSha1: boolean;
  /** The instant to pin the clock to (ISO-8601). */
  readonly clock: string;
  readonly sp: {
    readonly entityId: string;
    readonly acsUrl: string | null;
    readonly inResponseTo: string | null;
  };
  readonly idpEntityId: string;
  /** Which elements are signed: `response`, `assertion`, `both`, `none`. */
  readonly signed?: string;
  readonly algorithms?: { readonly encryption?: { readonly data?: string } };
  readonly expect: InteropExpect;
}

const ENCODINGS: readonly string[] = ['xml', 'base64', 'deflate-base64', 'form-urlencoded-base64'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): v is string | null => v === null || isString(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

const isAttributes = (x: unknown): boolean => isObject(x) && Object.values(x).every(isStrings);
const isExpect = (x: unknown, top: boolean): boolean =>
  isObject(x) &&
  (x.ok === true
    ? isString(x.nameId) && (isAttributes(x.attributes) || (!top && x.attributes === undefined))
    : x.ok === false && isString(x.category)) &&
  (x.otherwise === undefined || isExpect(x.otherwise, false));

/** The first field of `e` that does not have the manifest's shape, or null. */
const problemOf = (e: Json): string | null => {
  const trust = e.trust;
  const sp = e.sp;
  const checks: readonly [string, boolean][] = [
    ['id', isString(e.id)],
    ['idp', isString(e.idp)],
    ['response', isString(e.response)],
    ['encoding', isString(e.encoding) && ENCODINGS.includes(e.encoding)],
    ['root', e.root === 'Response' || e.root === 'Assertion'],
    ['trust', isObject(trust) && isStrings(trust.certs) && isStrings(trust.sha1)],
    ['decryptionKey', isNullableString(e.decryptionKey)],
    ['requiresSha1', typeof e.requiresSha1 === 'boolean'],
    ['clock', isString(e.clock) && !Number.isNaN(Date.parse(e.clock))],
    [
      'sp',
      isObject(sp) &&
        isString(sp.entityId) &&
        isNullableString(sp.acsUrl) &&
        isNullableString(sp.inResponseTo),
    ],
    ['idpEntityId', isString(e.idpEntityId)],
    ['expect', isExpect(e.expect, true)],
  ];
  return checks.find(([, ok]) => !ok)?.[0] ?? null;
};

/**
 * Reads and checks `<dir>/manifest.json`. Never throws: a missing file, bad JSON or an entry of
 * another shape is a Left naming what is wrong.
 * @example
 * const manifest = loadInteropManifest('../shared/fixtures/interop');
 * if (E.isRight(manifest)) manifest.right.filter((e) => e.expect.ok).length // 46
 */
export const loadInteropManifest = (dir: string): E.Either<string, readonly InteropEntry[]> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch (e) {
    return E.left(`cannot read ${join(dir, 'manifest.json')}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(parsed)) return E.left('manifest.json is not a list of entries');
  for (const [i, entry] of parsed.entries()) {
    if (!isObject(entry)) return E.left(`manifest entry ${i} is not an object`);
    const problem = problemOf(entry);
    if (problem !== null) return E.left(`manifest entry ${String(entry.id ?? i)}: bad ${problem}`);
  }
  return E.right(parsed as InteropEntry[]);
};
