/**
 * saml-jit's own contenders: validation alone, and the oversized-input refusal.
 *
 * Validation alone runs `validateResponse` on the same bytes every time, so the replay check must
 * not fire: its replay cache forgets (answers `fresh` after the key was computed and handed to
 * it). The real replay caches are measured in the full-login contenders (login.ts), on pools of
 * distinct responses. Unsolicited responses (no InResponseTo), as for every peer.
 */
import {
  type ConsumeResult,
  memoryRequestStore,
  type ReplayCache,
  systemClock,
  type ValidationCode,
} from '@saml-jit/core';
import {
  DEFAULT_MAX_BYTES,
  parseCertificate,
  parsePrivateKey,
  type ValidatedResponse,
  type ValidationOptions,
  validateResponse,
} from '@saml-jit/saml';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Contender } from '../contender.js';
import type { BenchInput, BenchWorld } from '../inputs.js';

/** A replay cache that forgets: every key is fresh (validation alone, repeated on the same bytes). */
export const forgetfulReplayCache: ReplayCache = {
  consume: () => TE.right<never, ConsumeResult>('fresh'),
};

const unwrap = <A>(what: string, e: E.Either<{ code: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(`${what}: ${e.left.code}`);
  return e.right;
};

/** The connection's validation options for the bench world (what `serve` would configure). */
export const validationOptions = (world: BenchWorld): ValidationOptions => ({
  connection: 'bench',
  idpEntityId: world.idpEntityId,
  idpCertificates: [unwrap('certificate', parseCertificate(world.idp.certificatePem))],
  decryptionKeys: [unwrap('private key', parsePrivateKey(world.sp.privateKeyPem))],
  spEntityId: world.spEntityId,
  acsUrl: world.acsUrl,
});

/** Validates and throws unless the response was accepted. */
export const validateOrThrow = async (
  base64: string,
  options: ValidationOptions,
  replayCache: ReplayCache,
): Promise<ValidatedResponse> => {
  const r = await validateResponse(
    base64,
    options,
    // The request store is never consulted for unsolicited responses.
    { clock: systemClock, replayCache, requestStore: memoryRequestStore() },
  )();
  if (E.isLeft(r)) throw new Error(`saml-jit rejected the response: ${r.left.error.code}`);
  return r.right;
};

export const ours: Contender = {
  id: 'ours',
  label: 'saml-jit validateResponse',
  kind: 'ours',
  prepare: async (input, { world }) => {
    const options = validationOptions(world);
    return {
      run: async () => {
        await validateOrThrow(input.base64, options, forgetfulReplayCache);
      },
      check: async () => {
        const v = await validateOrThrow(input.base64, options, forgetfulReplayCache);
        const nameId = v.assertion.nameId?.value;
        if (nameId !== input.nameId) throw new Error(`saml-jit read NameID ${String(nameId)}`);
        return nameId;
      },
    };
  },
};

/**
 * The response preceded by a comment that takes it to `size` bytes of XML, base64-encoded: `4 MiB`
 * is the attacker's case; just over 1 MiB is the edge. The validator bounds the input as received,
 * so both are refused on their length alone, before any decoding or parsing.
 */
export const oversized = (input: BenchInput, size: number): string =>
  Buffer.from(`<!--${'x'.repeat(size - input.bytes)}-->${input.xml}`, 'utf8').toString('base64');

const refusalOf = (id: string, label: string, size: number): Contender => ({
  id,
  label,
  kind: 'refusal',
  prepare: async (input, { world }) => {
    if (input.id !== 'small-assertion') return { unsupported: 'measured once, on the small input' };
    const options = validationOptions(world);
    const big = oversized(input, size);
    const expected: ValidationCode = 'INPUT_TOO_LARGE';
    const once = async (): Promise<string> => {
      const r = await validateResponse(big, options, {
        clock: systemClock,
        replayCache: forgetfulReplayCache,
        requestStore: memoryRequestStore(),
      })();
      if (E.isRight(r) || r.left.error.code !== expected)
        throw new Error('the oversized input was not refused');
      return r.left.error.code;
    };
    return { run: once, check: once };
  },
});

/** An input far over the limit (4 MiB): refused on its length, before any decoding or parsing. */
export const refusal: Contender = refusalOf('refusal', 'saml-jit refuses a 4 MiB input', 4 * 1024 * 1024);

/** An input just over the limit: refused on its length, like the far-over one. */
export const refusalEdge: Contender = refusalOf(
  'refusal-edge',
  'saml-jit refuses an input just over 1 MiB',
  DEFAULT_MAX_BYTES + 1024,
);
