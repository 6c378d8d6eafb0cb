/**
 * `saml-jit verify` on the real-IdP corpus (`../shared/fixtures/interop`), configured only from
 * each manifest entry: its clock, SP values, trusted certificates (PEM/DER files as --idp-cert,
 * metadata as --idp-metadata), decryption key, outstanding request and SHA-1 opt-in. The manifest
 * is read at run time, so new entries are picked up.
 *
 * Every eligible entry runs through `runVerify` in this process — the binary's code path from
 * argument parsing to the JSON line, with validation in-process instead of in the worker — and a
 * sample (one positive per IdP, one negative per category) runs through the real binary. Spawning
 * a process per entry would cost minutes of CI for no extra coverage.
 *
 * Entries left to `@saml-jit/saml`'s own manifest test, with the reason:
 * - those with a `condition` (their outcome depends on a library policy decided there);
 * - encodings the contract's `verify` input does not take (`deflate-base64`, the percent-encoded
 *   form body) and bare `Assertion` roots (not a SAML Response).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  DEFAULT_MIN_RSA_KEY_BITS,
  type IdpMetadata,
  parseCertificates,
  parseIdpMetadata,
  rsaKeyShorterThan,
} from '@saml-jit/saml';
import { type InteropEntry, loadInteropManifest } from '@saml-jit/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it, vi } from 'vitest';
import { runVerify } from '../src/commands/verify.js';
import { inProcessValidator } from '../src/verify/in-process.js';
import { assertBuilt, FIXTURES, runCli } from './support.js';

// Each test spawns the binary, several times for some: give a loaded CI machine room.
vi.setConfig({ testTimeout: 120_000 });

type Entry = InteropEntry;

const loaded = loadInteropManifest(FIXTURES);
if (E.isLeft(loaded)) throw new Error(loaded.left);
const manifest = loaded.right;
const eligible = manifest.filter(
  (e) =>
    e.expect.condition === undefined &&
    (e.encoding === 'xml' || e.encoding === 'base64') &&
    e.root === 'Response',
);

/** The Login History reasons each negative category may surface as. */
const REASONS_OF_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  signature: ['Signature Invalid'],
  'unsupported-algorithm': ['Signature Invalid'],
  // Wrapping is refused either as a signature fault or as a structural one (two assertions, duplicate IDs).
  wrapping: ['Signature Invalid', 'Assertion Invalid'],
  // Namespace-stripped envelopes (structure) and RSA 1.5 key transport (a disallowed algorithm).
  policy: ['Assertion Invalid', 'Signature Invalid'],
  destination: ['Recipient Mismatched'],
  audience: ['Audience Invalid'],
  issuer: ['Issuer Mismatched'],
  time: ['Assertion Expired'],
  status: ['Assertion Invalid'],
  decryption: ['Signature Invalid'],
};

const isMetadata = (path: string): boolean =>
  readFileSync(join(FIXTURES, path), 'utf8').includes('EntityDescriptor');

/** Whether any certificate the entry trusts has an RSA key under 2048 bits (SimpleSAMLphp, OAM…). */
const hasShortRsaKey = (e: Entry): boolean =>
  e.trust.certs.some((path) => {
    const text = readFileSync(join(FIXTURES, path), 'utf8');
    const certs = text.includes('EntityDescriptor')
      ? E.map((m: IdpMetadata) => m.signingCertificates)(parseIdpMetadata(text))
      : parseCertificates(text);
    return E.isRight(certs) && certs.right.some((c) => rsaKeyShorterThan(c, DEFAULT_MIN_RSA_KEY_BITS));
  });

/** The command line a manifest entry calls for, and nothing more. */
const argsFor = (e: Entry): string[] => {
  const args = [
    'verify',
    '--idp-entity-id',
    e.idpEntityId,
    '--sp-entity-id',
    e.sp.entityId,
    '--now',
    e.clock,
  ];
  for (const cert of e.trust.certs) {
    args.push(isMetadata(cert) ? '--idp-metadata' : '--idp-cert', join(FIXTURES, cert));
  }
  if (e.sp.acsUrl !== null) args.push('--acs-url', e.sp.acsUrl);
  if (e.sp.inResponseTo !== null) args.push('--request-id', e.sp.inResponseTo);
  if (e.decryptionKey !== null) args.push('--decryption-key', join(FIXTURES, e.decryptionKey));
  if (e.requiresSha1) args.push('--allow-sha1');
  // What the admin of an IdP still signing with a 1024-bit key passes (the default is 2048).
  if (hasShortRsaKey(e)) args.push('--min-rsa-key-bits', '1024');
  return args;
};

interface Outcome {
  readonly code: number | null;
  readonly lines: readonly Record<string, unknown>[];
  readonly stderr: string;
}

/** `verify` in this process: the same code as the binary, validation without the worker thread. */
const verifyInProcess = async (args: readonly string[]): Promise<Outcome> => {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: async (line: string) => {
      out.push(line);
    },
    err: (line: string) => {
      err.push(line);
    },
    stdin: () => Readable.from([]),
  };
  const code = await runVerify(args.slice(1), io, { validator: inProcessValidator });
  return { code, lines: out.map((l) => JSON.parse(l) as Record<string, unknown>), stderr: err.join('\n') };
};

/**
 * The manifest lists attributes with no AttributeValue as `[]`; the core's `Attributes` holds
 * only non-empty value lists (`ReadonlyNonEmptyArray`), so such attributes are not reported.
 */
const reportable = (
  attributes: Readonly<Record<string, readonly string[]>>,
): Record<string, readonly string[]> =>
  Object.fromEntries(Object.entries(attributes).filter(([, values]) => values.length > 0));

const expectAccepted = (e: Entry, file: string, outcome: Outcome): void => {
  if (!e.expect.ok) throw new Error(`${e.id} is not a positive`);
  expect(outcome.stderr).toBe('');
  expect(outcome.lines).toHaveLength(1);
  const line = outcome.lines[0] as Record<string, unknown>;
  expect(line.error).toBeUndefined();
  expect(line).toMatchObject({ file, ok: true, issuer: e.idpEntityId, nameId: e.expect.nameId });
  if (e.expect.nameIdFormat !== undefined) expect(line.nameIdFormat).toBe(e.expect.nameIdFormat);
  // Every entry's own positive lists its attributes (the manifest loader checks it).
  expect(line.attributes).toEqual(reportable(e.expect.attributes ?? {}));
  expect(outcome.code).toBe(0);
};

const expectRejected = (e: Entry, outcome: Outcome): void => {
  if (e.expect.ok) throw new Error(`${e.id} is not a negative`);
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(1);
  const error = (outcome.lines[0] as { error: { reason: string; code: string } }).error;
  const allowed = [e.expect.category, ...(e.expect.otherDefects ?? [])].flatMap(
    (c) => REASONS_OF_CATEGORY[c] ?? [],
  );
  expect(allowed).toContain(error.reason);
};

const positives = eligible.filter((e) => e.expect.ok);
const negatives = eligible.filter((e) => !e.expect.ok);
const firstOf = (entries: readonly Entry[], by: (e: Entry) => string): Entry[] => {
  const seen = new Map<string, Entry>();
  for (const e of entries) if (!seen.has(by(e))) seen.set(by(e), e);
  return [...seen.values()];
};
const categoryOf = (e: Entry): string => (e.expect.ok ? 'ok' : e.expect.category);

describe('saml-jit verify on the real-IdP corpus', () => {
  it('has entries to run', () => {
    expect(positives.length).toBeGreaterThan(30);
    expect(negatives.length).toBeGreaterThan(50);
  });

  describe('every entry, in process', () => {
    it.each(positives.map((e) => [e.id, e] as const))('accepts %s', async (_id, e) => {
      const file = join(FIXTURES, e.response);
      expectAccepted(e, file, await verifyInProcess([...argsFor(e), file]));
    });

    it.each(negatives.map((e) => [e.id, e] as const))('rejects %s', async (_id, e) => {
      expectRejected(e, await verifyInProcess([...argsFor(e), join(FIXTURES, e.response)]));
    });
  });

  describe.concurrent('a sample through the binary', () => {
    it.each(firstOf(positives, (e) => e.idp).map((e) => [e.id, e] as const))('accepts %s', async (_id, e) => {
      assertBuilt();
      const file = join(FIXTURES, e.response);
      expectAccepted(e, file, await runCli([...argsFor(e), file]));
    });

    it.each(firstOf(negatives, categoryOf).map((e) => [e.id, e] as const))('rejects %s', async (_id, e) => {
      assertBuilt();
      expectRejected(e, await runCli([...argsFor(e), join(FIXTURES, e.response)]));
    });

    it('exits 1 when one file of a run is rejected: a positive then its tampered twin', async () => {
      const key = (e: Entry): string => JSON.stringify(argsFor(e));
      const byKey = new Map(negatives.map((e) => [key(e), e]));
      const positive = positives.find((e) => byKey.has(key(e)));
      if (positive === undefined) throw new Error('the corpus has no negative sharing a positive’s settings');
      const negative = byKey.get(key(positive)) as Entry;
      const run = await runCli([
        ...argsFor(positive),
        join(FIXTURES, positive.response),
        join(FIXTURES, negative.response),
      ]);
      expect(run.code).toBe(1);
      expect(run.lines.map((l) => l.ok)).toEqual([true, false]);
    });
  });
});
