/**
 * Full logins: `validateResponse` with a real replay cache, then `provision` (standard JIT,
 * Federation ID from the NameID) into a directory — what the ACS endpoint does per request, minus
 * HTTP and the session. A returning user: the directory already holds the user (made by `check`),
 * so each login decodes the attributes, reads the user and decides there is nothing to change.
 *
 * The replay cache must see each assertion once, so these contenders cycle through a pool of
 * distinct responses (same user, same size, fresh IDs and signatures) and get a fresh replay
 * cache before each round, outside the timed region; a round uses each pooled response once.
 */
import {
  type Directory,
  memoryDirectory,
  memoryReplayCache,
  noAudit,
  type ProvisionDeps,
  provision,
  type ReplayCache,
  randomIds,
  type SsoConfig,
  systemClock,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Contender, ContenderContext, Prepared } from '../contender.js';
import type { BenchInput } from '../inputs.js';
import { validateOrThrow, validationOptions } from './ours.js';

/** Salesforce's standard JIT with Federation ID from the NameID (the common deployment). */
export const JIT_CONFIG: SsoConfig = {
  identityMapping: 'FederationId',
  identityLocation: 'SubjectNameId',
  attributeName: null,
  userProvisioning: true,
  provisioningType: 'standard',
  errorUrl: null,
};

/** The org the users are provisioned into: the profile the sample attributes name. */
export const ORG = { Profile: [{ Id: '00e000000000001AAA', Name: 'Standard User' }] };

/** Distinct responses per pool: enough for rounds of a few tens of milliseconds. */
const poolSize = (input: BenchInput): number => (input.attributeCount > 50 ? 8 : 32);

/** Stores a full login writes to. */
export interface LoginStores {
  readonly directory: Directory;
  replayCache(): ReplayCache;
  /** Forgets every consumed assertion (between rounds). */
  resetReplay(): Promise<void> | void;
  close(): Promise<void> | void;
}

/** A full-login contender over the stores `open` gives. */
export const loginContender = (
  id: string,
  label: string,
  open: (ctx: ContenderContext, input: BenchInput) => Promise<LoginStores>,
): Contender => ({
  id,
  label,
  kind: 'login',
  prepare: async (input, ctx): Promise<Prepared> => {
    const options = validationOptions(ctx.world);
    const pool = Array.from(
      { length: ctx.quick ? 2 : poolSize(input) },
      () => ctx.factory.variant(input, 'alice').base64,
    );
    const stores = await open(ctx, input);
    const deps: ProvisionDeps = {
      directory: stores.directory,
      clock: systemClock,
      ids: randomIds,
      audit: noAudit,
    };
    const context = { config: JIT_CONFIG, ssoProviderId: 'bench', siteId: null };
    let next = 0;
    const login = async (base64: string) => {
      const v = await validateOrThrow(base64, options, stores.replayCache());
      const p = await provision(v.assertion, context, deps)();
      if (E.isLeft(p)) throw new Error(`provision failed: ${p.left.code}`);
      return p.right;
    };
    return {
      maxOpsPerRound: pool.length,
      beforeRound: async () => {
        next = 0;
        await stores.resetReplay();
      },
      run: async () => {
        const base64 = pool[next++];
        if (base64 === undefined) throw new Error('login pool exhausted within a round');
        await login(base64);
      },
      check: async () => {
        // The first login creates the user; the second, a returning user, must change nothing.
        const first = await login(ctx.factory.variant(input, 'alice').base64);
        const again = await login(ctx.factory.variant(input, 'alice').base64);
        if (first.action !== 'create' || again.action === 'create') {
          throw new Error(`unexpected provisioning actions ${first.action}, ${again.action}`);
        }
        return String(again.user.FederationIdentifier);
      },
      close: () => stores.close(),
    };
  },
});

/** Full login into the in-memory directory and replay cache (the reference adapters). */
export const loginMemory: Contender = loginContender(
  'login-memory',
  'saml-jit full login, memory stores',
  async () => {
    let cache = memoryReplayCache();
    return {
      directory: memoryDirectory(ORG),
      replayCache: () => cache,
      resetReplay: () => {
        cache = memoryReplayCache();
      },
      close: () => undefined,
    };
  },
);
