/**
 * The fleet: two `saml-jit serve` processes (spawned, real ports) on one PostgreSQL (a schema of
 * their own) and one Redis (a key prefix of their own), as behind a load balancer. Started at the
 * same moment on an empty schema, they migrate it once; a response accepted by one is a replay
 * for the other; 20 concurrent first logins of one identity split across both make one user and
 * no 500; a login started on one finishes on the other in the browser that started it, and is
 * refused there from a browser without its login cookie; a session cookie of one is honoured by the
 * other; SIGTERM shuts both down with exit status 0. Under CI=true, unreachable services FAIL.
 */

import { requireService } from '@saml-jit/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, spawnServe } from './serve-process.js';
import {
  connectionJson,
  cookieOf,
  me,
  postAcs,
  type ServeFiles,
  serveFiles,
  signedResponse,
  startLogin,
  testIdp,
  withCookie,
} from './serve-support.js';
import { assertBuilt } from './support.js';

const POSTGRES_URL = process.env.SAML_JIT_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.SAML_JIT_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = `${process.pid}_${Date.now().toString(36)}`;
const SCHEMA = `serve_fleet_${RUN}`;
const PREFIX = `saml-jit-serve-fleet-${RUN}:`;
// Behind the load balancer both instances answer for one public origin.
const ACS = 'https://sp.example.test/saml/acs/main';

const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 2, connectionTimeoutMillis: 3_000 });
admin.on('error', () => undefined);
const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3_000 });
redis.on('error', () => undefined);

const idp = testIdp();
let files: ServeFiles;
let a: ServeProcess;
let b: ServeProcess;

const withParam = (url: string, name: string, value: string): string => {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
};

const userCount = async (federationId: string): Promise<number> =>
  Number(
    (
      await admin.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${SCHEMA}".users WHERE federation_identifier = $1`,
        [federationId],
      )
    ).rows[0]?.n,
  );

const up =
  (await requireService(`PostgreSQL at ${new URL(POSTGRES_URL).host}`, () => admin.query('SELECT 1'))) &&
  (await requireService(`Redis at ${new URL(REDIS_URL).host}`, async () => {
    await redis.connect();
    await redis.ping();
  }));

afterAll(async () => {
  await Promise.allSettled([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
  if (up) {
    await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`).catch(() => undefined);
    const keys = await redis.keys(`${PREFIX}*`).catch(() => [] as string[]);
    if (keys.length > 0) await redis.del(...keys).catch(() => undefined);
  }
  files?.remove();
  redis.disconnect();
  await admin.end();
});

describe.runIf(up)('two saml-jit serve processes on one PostgreSQL and one Redis', () => {
  beforeAll(async () => {
    assertBuilt();
    files = serveFiles(idp, { main: connectionJson(idp, 'https://sp.example.test', 'main') });
    const args = [
      '--config',
      files.config,
      '--seed',
      files.seed,
      '--port',
      '0',
      '--store',
      withParam(POSTGRES_URL, 'schema', SCHEMA),
      '--state',
      withParam(REDIS_URL, 'prefix', PREFIX),
    ];
    // Both at the same moment, on a schema that does not exist yet.
    [a, b] = await Promise.all([spawnServe(args), spawnServe(args)]);
  });

  it('started together on an empty schema, they migrated it once and both serve', async () => {
    const migrators = [a, b].filter((p) => p.stderr().includes('applied migrations'));
    expect(migrators).toHaveLength(1);
    const versions = await admin.query<{ version: number }>(
      `SELECT version FROM "${SCHEMA}".schema_migrations`,
    );
    expect(versions.rows.length).toBeGreaterThan(0);
    expect(new Set(versions.rows.map((r) => r.version)).size).toBe(versions.rows.length);
    for (const p of [a, b]) expect((await fetch(`${p.url}/saml/metadata/main`)).status).toBe(200);
  });

  it('a response accepted by one instance is refused by the other as a replay', async () => {
    const response = signedResponse(idp, ACS, 'replay@example.test');
    expect((await postAcs(a.url, 'main', { SAMLResponse: response })).status).toBe(303);
    const replayed = await postAcs(b.url, 'main', { SAMLResponse: response });
    expect(replayed.status).toBe(403);
    expect(await replayed.text()).toContain('REPLAY_DETECTED');
  });

  it('20 concurrent first logins of one new identity, split across both, make exactly one user and no 500', async () => {
    const federationId = `race-${RUN}@example.test`;
    const responses = Array.from({ length: 20 }, () => signedResponse(idp, ACS, federationId));
    const replies = await Promise.all(
      responses.map((r, i) => postAcs(i % 2 === 0 ? a.url : b.url, 'main', { SAMLResponse: r })),
    );
    const statuses = replies.map((r) => r.status);
    console.info(`[saml-jit] serve fleet: 20 racing first logins → ${JSON.stringify(countBy(statuses))}`);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    for (const r of replies.filter((x) => x.status === 503))
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(statuses.filter((s) => s === 303).length).toBeGreaterThan(0);
    expect(await userCount(federationId)).toBe(1);
    // Every successful login is the same user, whichever instance answered.
    const ids = new Set<unknown>();
    for (const r of replies.filter((x) => x.status === 303)) {
      ids.add(((await (await me(a.url, cookieOf(r))).json()) as { Id: unknown }).Id);
    }
    expect(ids.size).toBe(1);
  });

  it('a login started on one instance finishes on the other, in the browser that started it', async () => {
    const { res: start, id, cookie } = await startLogin(a.url, 'main', { relayState: '/after-login' });
    expect(start.status).toBe(302);
    const answer = () => signedResponse(idp, ACS, 'sp-initiated@example.test', { inResponseTo: id });
    const finish = await postAcs(b.url, 'main', { SAMLResponse: answer() }, withCookie(cookie));
    expect(finish.status).toBe(303);
    expect(finish.headers.get('location')).toBe('/after-login');
    // Answered once: the same request ID is no longer outstanding anywhere.
    const again = await postAcs(a.url, 'main', { SAMLResponse: answer() }, withCookie(cookie));
    expect(again.status).toBe(403);
  });

  it('login CSRF: a login started on one instance is refused on the other from a browser without its cookie', async () => {
    const attacker = await startLogin(a.url, 'main');
    const answer = signedResponse(idp, ACS, 'csrf@example.test', { inResponseTo: attacker.id });
    const refused = await postAcs(b.url, 'main', { SAMLResponse: answer });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('REQUEST_BROWSER_MISMATCH');
    expect(await userCount('csrf@example.test')).toBe(0);
  });

  it("a session cookie set by one instance is honoured by the other's /me", async () => {
    const login = await postAcs(a.url, 'main', {
      SAMLResponse: signedResponse(idp, ACS, 'session@example.test'),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; Secure$/);
    const other = await me(b.url, cookieOf(login));
    expect(other.status).toBe(200);
    expect(await other.json()).toMatchObject({ FederationIdentifier: 'session@example.test' });
    expect((await me(b.url, null)).status).toBe(401);
  });

  it('SIGTERM stops both gracefully (exit status 0)', async () => {
    expect(await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')])).toEqual([0, 0]);
  });
});

function countBy(values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
