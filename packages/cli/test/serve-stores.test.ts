/**
 * `serve`'s stores chosen by URL: SQLite keeps users and sessions across a restart (sessions live
 * in the `--store` database when there is no `--state`); a store or state that cannot be reached
 * at start is exit status 1 with one line on standard error, before anything listens.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveInProcess } from './serve-inprocess.js';
import {
  connectionJson,
  cookieOf,
  me,
  postAcs,
  serveFiles,
  signedResponse,
  testIdp,
} from './serve-support.js';

const idp = testIdp();
const files = serveFiles(idp, { main: connectionJson(idp, 'http://sp.example.test', 'main') });
const ACS = 'http://sp.example.test/saml/acs/main';
afterAll(() => files.remove());

describe('saml-jit serve --store sqlite:PATH', () => {
  it('keeps the user and the session across a restart', async () => {
    const store = `sqlite:${join(files.dir, 'serve.db')}`;
    const args = ['--config', files.config, '--seed', files.seed, '--store', store, '--port', '0'];
    const first = await serveInProcess(args);
    expect(first.url).not.toBeNull();
    expect(first.err).toContain('saml-jit serve: applied migrations 1, 2, 3, 4');
    const login = await postAcs(first.url ?? '', 'main', {
      SAMLResponse: signedResponse(idp, ACS, 'kept@example.test'),
    });
    expect(login.status).toBe(303);
    expect(await first.stop()).toBe(0);

    const second = await serveInProcess(args); // seeding again is an upsert: no conflict
    try {
      expect(second.url).not.toBeNull();
      expect(second.err.some((l) => l.includes('applied migrations'))).toBe(false);
      const user = await me(second.url ?? '', cookieOf(login));
      expect(user.status).toBe(200);
      expect(await user.json()).toMatchObject({ FederationIdentifier: 'kept@example.test' });
    } finally {
      await second.stop();
    }
  });
});

describe('saml-jit serve: a store unreachable at start is exit status 1, one line', () => {
  it.each([
    [
      'PostgreSQL',
      ['--store', 'postgres://postgres@127.0.0.1:1/test?schema=nowhere'],
      /cannot open the stores: STORE_UNAVAILABLE/,
    ],
    [
      'Redis',
      ['--store', 'memory', '--state', 'redis://127.0.0.1:1'],
      /cannot open the stores: STORE_UNAVAILABLE/,
    ],
    [
      'SQLite in a missing directory',
      ['--store', 'sqlite:/nonexistent/dir/serve.db'],
      /cannot open the stores/,
    ],
  ])('%s', async (_name, store, mentions) => {
    const r = await serveInProcess(['--config', files.config, '--port', '0', ...store]);
    expect(r.url).toBeNull();
    expect(await r.exit).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(mentions);
  });
});

describe('saml-jit serve: a port already in use', () => {
  it('is exit status 1 with one line, and the first instance keeps serving', async () => {
    const first = await serveInProcess(['--config', files.config, '--store', 'memory', '--port', '0']);
    try {
      const port = new URL(first.url ?? '').port;
      const second = await serveInProcess(['--config', files.config, '--store', 'memory', '--port', port]);
      expect(second.url).toBeNull();
      expect(await second.exit).toBe(1);
      expect(second.err).toEqual([`saml-jit serve: cannot listen on http://127.0.0.1:${port} (EADDRINUSE)`]);
      expect((await me(first.url ?? '', null)).status).toBe(401);
    } finally {
      await first.stop();
    }
  });
});
