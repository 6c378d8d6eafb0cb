/**
 * The HTTP load benchmark: `saml-jit serve` on PostgreSQL + Redis, and the loopback load generator
 * posting distinct signed responses (small, ~12 attributes, assertion-signed) at a fixed
 * concurrency, in three phases: a warm-up (not reported), first logins of new users (each creates
 * a User), and returning logins of the same users (fresh assertions; each updates or changes
 * nothing). Every request must answer 303 (logged in); anything else is a failure.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestIdp, generateKeyPair, sampleAttributes, TEST_SP } from '@saml-jit/testing';
import { IDP_ENTITY_ID, VALIDITY_SECONDS } from '../inputs.js';
import { type LoadResult, runLoad } from './load.js';
import { DEFAULT_TARGETS, freePort, type ServeTargets, startServe } from './serve-process.js';

export interface HttpBenchOptions {
  readonly concurrency: number;
  /** New users (and as many returning logins). */
  readonly users: number;
  readonly warmup: number;
  /** Longest a phase may send for. */
  readonly maxPhaseMs: number;
  readonly targets?: ServeTargets;
  readonly log: (line: string) => void;
}

export interface HttpPhase {
  readonly id: 'new-users' | 'returning-users';
  readonly label: string;
  readonly load: LoadResult;
}

export interface HttpBenchResult {
  readonly concurrency: number;
  readonly store: string;
  readonly state: string;
  readonly phases: readonly HttpPhase[];
}

const SEED = {
  Organization: {
    Id: '00D000000000001AAA',
    DefaultLocaleSidKey: 'en_US',
    TimeZoneSidKey: 'America/Los_Angeles',
    LanguageLocaleKey: 'en_US',
    DefaultCurrencyIsoCode: 'USD',
    EmailEncodingKey: 'UTF-8',
  },
  Profile: [{ Id: '00e000000000001AAA', Name: 'Standard User' }],
};

/**
 * @example
 * const r = await runHttpBench({ concurrency: 16, users: 600, warmup: 150, maxPhaseMs: 30_000, log: console.log });
 */
export const runHttpBench = async (o: HttpBenchOptions): Promise<HttpBenchResult> => {
  const targets = o.targets ?? DEFAULT_TARGETS;
  const keys = generateKeyPair({ commonName: 'idp.example.test' });
  const idp = createTestIdp({ entityId: IDP_ENTITY_ID, keyPair: keys });
  const port = await freePort();
  const acsUrl = `http://127.0.0.1:${port}/saml/acs/bench`;
  const dir = mkdtempSync(join(tmpdir(), 'saml-jit-bench-http-'));
  const tag = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    const config = join(dir, 'config.json');
    const seed = join(dir, 'seed.json');
    writeFileSync(join(dir, 'idp.pem'), keys.certificatePem);
    writeFileSync(seed, JSON.stringify(SEED));
    writeFileSync(
      config,
      JSON.stringify({
        connections: {
          bench: {
            idpEntityId: IDP_ENTITY_ID,
            idpCerts: ['idp.pem'],
            idpSsoUrl: 'https://idp.example.test/sso',
            spEntityId: TEST_SP.entityId,
            acsUrl,
            jit: {
              identityMapping: 'FederationId',
              identityLocation: 'SubjectNameId',
              userProvisioning: true,
            },
          },
        },
      }),
    );
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const body = (user: string): string =>
      `SAMLResponse=${encodeURIComponent(
        idp.responseBase64({
          now,
          validitySeconds: VALIDITY_SECONDS,
          nameId: `${user}@example.test`,
          attributes: sampleAttributes({ user }),
          destination: acsUrl,
          recipient: acsUrl,
        }),
      )}`;
    o.log(`signing ${o.warmup + 2 * o.users} distinct responses…`);
    const warm = Array.from({ length: o.warmup }, (_, i) => body(`warm${i}`));
    const fresh = Array.from({ length: o.users }, (_, i) => body(`user${i}`));
    const again = Array.from({ length: o.users }, (_, i) => body(`user${i}`));
    const serve = await startServe({ config, seed, port, targets, tag });
    o.log(`saml-jit serve at ${serve.origin} (PostgreSQL schema ${tag}, Redis prefix ${tag}:)`);
    const phases: HttpPhase[] = [];
    try {
      const load = (bodies: readonly string[]) =>
        runLoad({
          url: acsUrl,
          bodies,
          concurrency: o.concurrency,
          maxDurationMs: o.maxPhaseMs,
          expectStatus: 303,
        });
      const w = await load(warm);
      o.log(`warm-up: ${w.sent} logins, ${w.failures} failures`);
      for (const [id, label, bodies] of [
        ['new-users', 'first login (creates the user)', fresh],
        ['returning-users', 'returning user (fresh assertion)', again],
      ] as const) {
        const r = await load(bodies);
        o.log(
          `${id}: ${r.sent} logins in ${(r.durationMs / 1000).toFixed(1)} s — ${r.perSecond.toFixed(0)}/s, ` +
            `p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ${r.failures} failures`,
        );
        phases.push({ id, label, load: r });
      }
    } finally {
      await serve.stop();
    }
    return {
      concurrency: o.concurrency,
      store: 'PostgreSQL (own schema)',
      state: 'Redis (own key prefix)',
      phases,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
