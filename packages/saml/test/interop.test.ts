/**
 * The real-IdP corpus: every entry of the shared manifest (new entries are picked up
 * automatically). Positives must be accepted with the manifest's NameID and attributes;
 * negatives rejected with a code of the manifest's category. Entries whose outcome depends on a
 * library policy (`condition`) follow our documented policies (docs/validation.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock, memoryReplayCache, memoryRequestStore, type ValidationCode } from '@saml-jit/core';
import { type InteropEntry, type InteropExpect, loadInteropManifest } from '@saml-jit/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MIN_RSA_KEY_BITS,
  parseCertificates,
  parseIdpMetadata,
  parsePrivateKey,
  rsaKeyShorterThan,
  type TrustedCertificate,
  validateResponse,
} from '../src/index.js';
import { interopAvailable, interopDir } from './support/fixtures.js';

type Entry = InteropEntry;
type Expect = InteropExpect;

/** Our answer to each library-policy condition of the manifest (see docs/validation.md). */
const policies = (enforceCertificateValidity: boolean): Record<string, boolean> => ({
  'deflated-post-accepted': false,
  'bare-wsfed-assertion-accepted': false,
  'idp-cert-validity-not-enforced': !enforceCertificateValidity,
  'idp-cert-validity-enforced': enforceCertificateValidity,
  'sp-decryption-cert-validity-enforced': false,
  'c14n11-unsupported': true,
});

/** Manifest category → the codes that express it. */
const CATEGORY: Record<string, readonly ValidationCode[]> = {
  signature: [
    'SIGNATURE_MISSING',
    'SIGNATURE_INVALID',
    'SIGNATURE_DIGEST_MISMATCH',
    'SIGNATURE_UNTRUSTED_KEY',
    'SIGNATURE_STRUCTURE_INVALID',
    'SIGNATURE_REFERENCE_INVALID',
    'SIGNATURE_POLICY_UNMET',
  ],
  wrapping: ['SIGNATURE_WRAPPING', 'DUPLICATE_ID', 'ASSERTION_MULTIPLE', 'SIGNATURE_REFERENCE_INVALID'],
  'unsupported-algorithm': [
    'SIGNATURE_ALGORITHM_DISALLOWED',
    'SIGNATURE_TRANSFORM_DISALLOWED',
    'ENCRYPTION_ALGORITHM_DISALLOWED',
  ],
  policy: [
    'INPUT_ENCODING_INVALID',
    'XML_ROOT_INVALID',
    'ENCRYPTION_ALGORITHM_DISALLOWED',
    'BEARER_CONFIRMATION_MISSING',
    'BEARER_CONFIRMATION_INCOMPLETE',
    'SIGNATURE_POLICY_UNMET',
  ],
  destination: ['DESTINATION_MISMATCH', 'RECIPIENT_MISMATCH'],
  audience: ['AUDIENCE_MISMATCH', 'AUDIENCE_MISSING'],
  issuer: ['ISSUER_MISMATCH'],
  time: [
    'ASSERTION_EXPIRED',
    'ASSERTION_NOT_YET_VALID',
    'SUBJECT_CONFIRMATION_EXPIRED',
    'CERTIFICATE_NOT_VALID_AT_CLOCK',
  ],
  status: ['STATUS_NOT_SUCCESS'],
  decryption: ['DECRYPTION_FAILED'],
};

const dir = interopDir();
const read = (rel: string): string => readFileSync(join(dir, rel), 'utf8');

const trusted = (entry: Entry): TrustedCertificate[] => {
  const out: TrustedCertificate[] = [];
  for (const rel of entry.trust.certs) {
    const text = read(rel);
    const certs = text.includes('EntityDescriptor')
      ? E.map((m: { signingCertificates: readonly TrustedCertificate[] }) => m.signingCertificates)(
          parseIdpMetadata(text),
        )
      : parseCertificates(text);
    if (E.isLeft(certs)) throw new Error(`${entry.id}: cannot read ${rel}: ${certs.left.message}`);
    out.push(...certs.right);
  }
  const pins = new Set(entry.trust.sha1);
  return out.filter((c) => pins.has(c.sha1Fingerprint));
};

const received = (entry: Entry): string => {
  const text = read(entry.response);
  // What the HTTP layer hands the validator: the form value, URL-decoded.
  return entry.encoding === 'form-urlencoded-base64' ? decodeURIComponent(text.trim()) : text;
};

const resolveExpect = (e: Expect, policy: Record<string, boolean>): Expect => {
  if (e.condition === undefined) return e;
  const holds = policy[e.condition];
  if (holds === undefined) throw new Error(`unknown manifest condition ${e.condition}: decide a policy`);
  return holds ? e : (e.otherwise as Expect);
};

/** RSA keys under 2048 bits among these pinned certificates (SimpleSAMLphp, OAM…). */
const hasShortRsaKey = (certs: readonly TrustedCertificate[]): boolean =>
  certs.some((c) => rsaKeyShorterThan(c, DEFAULT_MIN_RSA_KEY_BITS));

const validate = async (
  entry: Entry,
  enforceCertificateValidity: boolean,
  // Default: what the admin of an IdP with a 1024-bit key configures (the corpus checks the protocol).
  minRsaKeyBits?: number,
) => {
  const certificates = trusted(entry);
  const clock = fixedClock(new Date(entry.clock));
  const requestStore = memoryRequestStore();
  const now = clock.now();
  if (entry.sp.inResponseTo !== null) {
    await requestStore.save({
      id: entry.sp.inResponseTo,
      connection: 'interop',
      issuedAt: new Date(now.getTime() - 60_000),
      expiresAt: new Date(now.getTime() + 3_600_000),
      relayState: null,
    })();
  }
  const key = entry.decryptionKey === null ? null : parsePrivateKey(read(entry.decryptionKey));
  if (key !== null && E.isLeft(key)) throw new Error(`${entry.id}: bad decryption key`);
  return validateResponse(
    received(entry),
    {
      connection: 'interop',
      idpEntityId: entry.idpEntityId,
      idpCertificates: certificates,
      spEntityId: entry.sp.entityId,
      acsUrl: entry.sp.acsUrl,
      ...(key === null ? {} : { decryptionKeys: [key.right] }),
      allowSha1: entry.requiresSha1,
      enforceCertificateValidity,
      minRsaKeyBits: minRsaKeyBits ?? (hasShortRsaKey(certificates) ? 1024 : DEFAULT_MIN_RSA_KEY_BITS),
    },
    { clock, replayCache: memoryReplayCache(), requestStore },
  )();
};

const loaded = interopAvailable() ? loadInteropManifest(dir) : E.right([]);
if (E.isLeft(loaded)) throw new Error(loaded.left);
const manifest: readonly Entry[] = loaded.right;

const check = async (entry: Entry, enforceCertificateValidity: boolean) => {
  const expected = resolveExpect(entry.expect, policies(enforceCertificateValidity));
  const result = await validate(entry, enforceCertificateValidity);
  if (expected.ok) {
    if (E.isLeft(result)) {
      throw new Error(
        `${entry.id}: rejected ${result.left.error.code}: ${result.left.error.message} ${JSON.stringify(result.left.error.details ?? {})}`,
      );
    }
    const a = result.right.assertion;
    expect(a.nameId?.value).toBe(expected.nameId);
    if (expected.nameIdFormat !== undefined) expect(a.nameId?.format).toBe(expected.nameIdFormat);
    if (expected.attributes !== undefined) {
      // The core model holds non-empty value lists: an Attribute with no AttributeValue at all is
      // absent (an empty <AttributeValue/> is kept as ''). The manifest lists it with [].
      const withValues = Object.entries(expected.attributes).filter(([, v]) => v.length > 0);
      expect(Object.fromEntries(a.attributes)).toEqual(Object.fromEntries(withValues));
    }
    return;
  }
  if (E.isRight(result)) throw new Error(`${entry.id}: accepted, expected a ${expected.category} rejection`);
  const allowed = [expected.category ?? '', ...(expected.otherDefects ?? [])].flatMap(
    (c) => CATEGORY[c] ?? [],
  );
  // Security review (CBC decryption oracle): an AES-CBC EncryptedAssertion in an unsigned Response
  // answers DECRYPTION_FAILED for every failure before its own signature verified.
  const cbcInUnsignedResponse =
    entry.algorithms?.encryption?.data?.endsWith('-cbc') === true &&
    entry.signed !== 'response' &&
    entry.signed !== 'both';
  if (cbcInUnsignedResponse && expected.category === 'signature') allowed.push('DECRYPTION_FAILED');
  expect(allowed, `${entry.id}: ${result.left.error.code} (${result.left.error.message})`).toContain(
    result.left.error.code,
  );
};

describe('interop corpus (real IdP responses)', () => {
  it('finds the corpus', () => {
    expect(interopAvailable(), `no manifest.json under ${dir} (set SAML_JIT_FIXTURES)`).toBe(true);
    expect(manifest.length).toBeGreaterThanOrEqual(129);
  });

  describe('default policy (certificate validity not enforced)', () => {
    for (const entry of manifest) {
      const ok = resolveExpect(entry.expect, policies(false)).ok;
      it(`${ok ? 'accepts' : 'rejects'} ${entry.id}`, () => check(entry, false));
    }
  });

  describe('default minRsaKeyBits (2048): an IdP signing with a shorter RSA key is not trusted', () => {
    const short = manifest.filter((entry) => hasShortRsaKey(trusted(entry)));
    it('the corpus has such IdPs', () => expect(short.length).toBeGreaterThan(0));
    for (const entry of short) {
      it(`refuses ${entry.id} → NO_TRUSTED_CERTIFICATE`, async () => {
        const result = await validate(entry, false, DEFAULT_MIN_RSA_KEY_BITS);
        expect(E.isLeft(result) && result.left.error.code).toBe('NO_TRUSTED_CERTIFICATE');
      });
    }
  });

  describe('enforceCertificateValidity: true', () => {
    const dependent = manifest.filter((e) => e.expect.condition?.startsWith('idp-cert-validity') === true);
    for (const entry of dependent) it(`${entry.id}`, () => check(entry, true));
  });
});
