/**
 * The options every validating command shares (`verify`, and `provision` which adds its own), and
 * their reading: option values checked, configuration files read into memory. Everything here
 * happens before any SAML Response is read, so a bad setting is exit status 2 and nothing else.
 *
 * `VerifySettings` is plain data (strings, bytes, a Date) on purpose: it crosses into the
 * validation worker by structured clone, where `resolveVerifySettings` parses it again.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_MIN_RSA_KEY_BITS, LOWEST_MIN_RSA_KEY_BITS } from '@saml-jit/saml';
import * as E from 'fp-ts/lib/Either.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import { type CliFailure, cliFailure } from '../io.js';

/** The connection name outstanding `--request-id`s are bound to within one run. */
export const CLI_CONNECTION = 'saml-jit-cli';

/** A configuration file's bytes, with the option and path it came from (for messages). */
export interface ConfigFile {
  readonly option: string;
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface VerifySettings {
  readonly idpCerts: readonly ConfigFile[];
  readonly idpMetadata: ConfigFile | null;
  readonly decryptionKeys: readonly ConfigFile[];
  /** `--idp-entity-id`; when null, the metadata's entityID is the expected Issuer. */
  readonly idpEntityId: string | null;
  readonly spEntityId: string;
  readonly acsUrl: string | null;
  /** `--now`; null means the system clock. */
  readonly now: Date | null;
  readonly clockSkewSeconds: number;
  readonly requestIds: readonly string[];
  readonly rejectUnsolicited: boolean;
  readonly allowSha1: boolean;
  /** `--min-rsa-key-bits` (saml-jit extension): the shortest RSA key trusted, default 2048. */
  readonly minRsaKeyBits: number;
  /** `--report`: add the validation report to every output line. */
  readonly report: boolean;
}

/** The validation options shared by `verify` and `provision`, in the contract's order. */
export const VERIFY_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'idp-cert',
    kind: 'list',
    metavar: 'FILE',
    help: "a certificate trusted for the IdP's signatures: PEM (one or several), DER, or bare base64",
  },
  {
    name: 'idp-metadata',
    kind: 'value',
    metavar: 'FILE',
    help: 'IdP metadata XML: entityID (the expected Issuer unless --idp-entity-id) and signing certificates',
  },
  { name: 'idp-entity-id', kind: 'value', metavar: 'ID', help: "the IdP's entity ID: the expected Issuer" },
  { name: 'sp-entity-id', kind: 'value', metavar: 'ID', help: "this SP's entity ID: the expected Audience" },
  {
    name: 'acs-url',
    kind: 'value',
    metavar: 'URL',
    help: "this SP's ACS URL: the expected Destination and Recipient",
  },
  {
    name: 'now',
    kind: 'value',
    metavar: 'ISO-8601',
    help: 'the instant to validate at, with a zone, e.g. 2024-05-01T12:00:00Z (default: the system clock)',
  },
  { name: 'clock-skew', kind: 'value', metavar: 'SECONDS', help: 'allowed clock skew, default 180' },
  {
    name: 'request-id',
    kind: 'list',
    metavar: 'ID',
    help: 'an outstanding AuthnRequest ID, answerable once per run',
  },
  { name: 'reject-unsolicited', kind: 'flag', help: 'refuse responses without InResponseTo (IdP-initiated)' },
  {
    name: 'decryption-key',
    kind: 'list',
    metavar: 'FILE',
    help: "the SP's PEM private key for EncryptedAssertion, EncryptedID and EncryptedAttribute",
  },
  { name: 'allow-sha1', kind: 'flag', help: 'accept RSA-SHA1 / SHA-1 signatures (off by default)' },
  {
    name: 'min-rsa-key-bits',
    kind: 'value',
    metavar: 'BITS',
    help: 'the shortest RSA key trusted, 1024 to 16384, default 2048 (saml-jit extension)',
  },
  {
    name: 'report',
    kind: 'flag',
    help: 'add the validation report to each output line (saml-jit extension)',
  },
];

export const DEFAULT_CLOCK_SKEW_SECONDS = 180;
/** A day: anything larger is a mistake, not a skew, and would accept long-expired assertions. */
export const MAX_CLOCK_SKEW_SECONDS = 86_400;

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO-8601 instant with a zone. `Date.parse` alone would take `2017-02-30` as March 2nd and a
 * zoneless time as local time; both would silently move the validation instant.
 */
export const parseInstant = (text: string): E.Either<CliFailure, Date> => {
  const m = ISO_INSTANT.exec(text);
  const ms = Date.parse(text);
  const bad = E.left(
    cliFailure(`--now '${text}' is not an ISO-8601 instant with a zone (e.g. 2024-05-01T12:00:00Z)`),
  );
  if (m === null || Number.isNaN(ms)) return bad;
  const [, y, mo, d, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return bad;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return bad;
  return E.right(new Date(ms));
};

/** `--min-rsa-key-bits`: whole bits from 1024 (never fewer) to 16384. */
export const parseMinRsaKeyBits = (text: string): E.Either<CliFailure, number> =>
  /^\d{4,5}$/.test(text) && Number(text) >= LOWEST_MIN_RSA_KEY_BITS && Number(text) <= 16_384
    ? E.right(Number(text))
    : E.left(cliFailure(`--min-rsa-key-bits '${text}' is not a whole number of bits from 1024 to 16384`));

export const parseClockSkew = (text: string): E.Either<CliFailure, number> =>
  /^\d{1,6}$/.test(text) && Number(text) <= MAX_CLOCK_SKEW_SECONDS
    ? E.right(Number(text))
    : E.left(
        cliFailure(
          `--clock-skew '${text}' is not a whole number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}`,
        ),
      );

const readConfigFile = async (option: string, path: string): Promise<E.Either<CliFailure, ConfigFile>> => {
  try {
    return E.right({ option, path, bytes: new Uint8Array(await readFile(path)) });
  } catch (cause) {
    const code = cause instanceof Error && 'code' in cause ? String(cause.code) : 'unreadable';
    return E.left(cliFailure(`cannot read --${option} file '${path}' (${code})`));
  }
};

const readAll = async (
  option: string,
  paths: readonly string[],
): Promise<E.Either<CliFailure, ConfigFile[]>> => {
  const files: ConfigFile[] = [];
  for (const path of paths) {
    const f = await readConfigFile(option, path);
    if (E.isLeft(f)) return f;
    files.push(f.right);
  }
  return E.right(files);
};

const nonEmpty = (option: string, value: string | undefined): E.Either<CliFailure, string | null> =>
  value === undefined
    ? E.right(null)
    : value.trim() === ''
      ? E.left(cliFailure(`--${option} must not be empty`))
      : E.right(value);

/**
 * Checks the option values and reads the configuration files named by `parsed`. Whether those
 * files hold usable certificates and keys is `resolveVerifySettings`'s job.
 * @example
 * const settings = await readVerifySettings(parsed); // Left(CliFailure) → exit status 2
 */
export const readVerifySettings = async (
  parsed: ParsedArgs,
): Promise<E.Either<CliFailure, VerifySettings>> => {
  const v = (name: string): string | undefined => parsed.values.get(name);
  const list = (name: string): readonly string[] => parsed.lists.get(name) ?? [];
  const idpEntityId = nonEmpty('idp-entity-id', v('idp-entity-id'));
  if (E.isLeft(idpEntityId)) return idpEntityId;
  const spEntityId = nonEmpty('sp-entity-id', v('sp-entity-id'));
  if (E.isLeft(spEntityId)) return spEntityId;
  if (spEntityId.right === null) return E.left(cliFailure('missing --sp-entity-id (the expected Audience)'));
  const acsUrl = nonEmpty('acs-url', v('acs-url'));
  if (E.isLeft(acsUrl)) return acsUrl;
  const nowText = v('now');
  const now = nowText === undefined ? E.right(null) : parseInstant(nowText);
  if (E.isLeft(now)) return now;
  const skewText = v('clock-skew');
  const skew = skewText === undefined ? E.right(DEFAULT_CLOCK_SKEW_SECONDS) : parseClockSkew(skewText);
  if (E.isLeft(skew)) return skew;
  const bitsText = v('min-rsa-key-bits');
  const minRsaKeyBits =
    bitsText === undefined ? E.right(DEFAULT_MIN_RSA_KEY_BITS) : parseMinRsaKeyBits(bitsText);
  if (E.isLeft(minRsaKeyBits)) return minRsaKeyBits;
  const requestIds = list('request-id');
  if (requestIds.some((id) => id === '')) return E.left(cliFailure('--request-id must not be empty'));
  const metadataPath = v('idp-metadata');
  if (metadataPath === undefined && idpEntityId.right === null) {
    return E.left(cliFailure('missing --idp-entity-id (or --idp-metadata): the expected Issuer'));
  }
  if (metadataPath === undefined && list('idp-cert').length === 0) {
    return E.left(cliFailure('no trusted IdP certificate: give --idp-cert or --idp-metadata'));
  }
  const certs = await readAll('idp-cert', list('idp-cert'));
  if (E.isLeft(certs)) return certs;
  const metadata =
    metadataPath === undefined ? E.right(null) : await readConfigFile('idp-metadata', metadataPath);
  if (E.isLeft(metadata)) return metadata;
  const keys = await readAll('decryption-key', list('decryption-key'));
  if (E.isLeft(keys)) return keys;
  return E.right({
    idpCerts: certs.right,
    idpMetadata: metadata.right,
    decryptionKeys: keys.right,
    idpEntityId: idpEntityId.right,
    spEntityId: spEntityId.right,
    acsUrl: acsUrl.right,
    now: now.right,
    clockSkewSeconds: skew.right,
    requestIds,
    rejectUnsolicited: parsed.flags.has('reject-unsolicited'),
    allowSha1: parsed.flags.has('allow-sha1'),
    minRsaKeyBits: minRsaKeyBits.right,
    report: parsed.flags.has('report'),
  });
};
