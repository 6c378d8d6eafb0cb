/**
 * `serve` when a store is briefly unreachable: the ACS and `/me` answer 503 with `Retry-After`,
 * never 500, and recover once the store is back. Runs the service in-process over memory stores
 * whose outage the test switches on (a real outage of each adapter is its own suite's business).
 */
import {
  type Directory,
  memoryDirectory,
  memoryReplayCache,
  memoryRequestStore,
  memorySessionStore,
  type SessionStore,
  storeFailure,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeConfig } from '../src/serve/config.js';
import { loadSnapshot } from '../src/serve/seed.js';
import { type RunningService, startService } from '../src/serve/service.js';
import {
  connectionJson,
  cookieOf,
  me,
  postAcs,
  type ServeFiles,
  serveFiles,
  signedResponse,
  testIdp,
} from './serve-support.js';

const idp = testIdp();
const ACS = 'http://sp.example.test/saml/acs/main';
const outage = { on: false };
const down = () => TE.left(storeFailure('STORE_UNAVAILABLE', 'The store is unreachable (test outage).'));

const flakyDirectory = (d: Directory): Directory => ({
  find: (s, f, v) => (outage.on ? down() : d.find(s, f, v)),
  organization: () => (outage.on ? down() : d.organization()),
  commit: (p) => (outage.on ? down() : d.commit(p)),
  seed: (s) => d.seed(s),
});
const flakySessions = (s: SessionStore): SessionStore => ({
  save: (x) => (outage.on ? down() : s.save(x)),
  get: (id, now) => (outage.on ? down() : s.get(id, now)),
  delete: (id) => (outage.on ? down() : s.delete(id)),
});

let files: ServeFiles;
let service: RunningService;

beforeAll(async () => {
  files = serveFiles(idp, { main: connectionJson(idp, 'http://sp.example.test', 'main') });
  const config = await loadServeConfig(files.config);
  const seed = await loadSnapshot(files.seed);
  if (E.isLeft(config) || E.isLeft(seed)) throw new Error('bad test configuration');
  const directory = memoryDirectory();
  await directory.seed(seed.right)();
  const started = await startService({
    config: config.right,
    stores: {
      directory: flakyDirectory(directory),
      replayCache: memoryReplayCache(),
      requestStore: memoryRequestStore(),
      sessionStore: flakySessions(memorySessionStore()),
      migrated: [],
      close: () => Promise.resolve(),
    },
    host: '127.0.0.1',
    port: 0,
  });
  if (E.isLeft(started)) throw new Error(started.left.failure.message);
  service = started.right;
});

afterAll(async () => {
  await service?.close();
  files?.remove();
});

describe('saml-jit serve: a store briefly unreachable', () => {
  it('answers 503 with Retry-After on the ACS and on /me, never 500, and recovers', async () => {
    const ok = await postAcs(service.url, 'main', {
      SAMLResponse: signedResponse(idp, ACS, 'outage@example.test'),
    });
    expect(ok.status).toBe(303);
    const cookie = cookieOf(ok);
    outage.on = true;
    try {
      const during = await postAcs(service.url, 'main', {
        SAMLResponse: signedResponse(idp, ACS, 'outage@example.test'),
      });
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await during.text()).toContain('STORE_UNAVAILABLE');
      const meDuring = await me(service.url, cookie);
      expect(meDuring.status).toBe(503);
      expect(meDuring.headers.get('retry-after')).toMatch(/^\d+$/);
      const home = await fetch(`${service.url}/`, { headers: { cookie } });
      expect(home.status).toBe(503);
    } finally {
      outage.on = false;
    }
    expect((await me(service.url, cookie)).status).toBe(200);
    const after = await postAcs(service.url, 'main', {
      SAMLResponse: signedResponse(idp, ACS, 'outage@example.test'),
    });
    expect(after.status).toBe(303);
  });
});
