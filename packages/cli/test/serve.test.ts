/**
 * `saml-jit serve` over a real listening port, in-process with memory stores: the contract's
 * routes, status codes, session cookie and error pages, and its configuration errors (exit 2,
 * one line on standard error).
 */
import { generateKeyPair } from '@saml-jit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeRun, serveInProcess } from './serve-inprocess.js';
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
  userAttributes,
  withCookie,
} from './serve-support.js';

const idp = testIdp();
// The ACS URLs name the public origin of the service (behind a proxy), as in a deployment.
const HTTP_ORIGIN = 'http://sp.example.test';
const HTTPS_ORIGIN = 'https://sp.example.test';
const acs = (origin: string, name: string): string => `${origin}/saml/acs/${name}`;

let files: ServeFiles;

/** A `serve` of the configuration file at `path`, over memory stores and the seed, on a free port. */
const serveConfig = (path: string): Promise<ServeRun> =>
  serveInProcess(['--config', path, '--seed', files.seed, '--store', 'memory', '--port', '0']);
let run: ServeRun;
let base = '';

beforeAll(async () => {
  files = serveFiles(idp, {
    main: connectionJson(idp, HTTP_ORIGIN, 'main'),
    secure: connectionJson(idp, HTTPS_ORIGIN, 'secure'),
    custom: connectionJson(idp, HTTP_ORIGIN, 'custom', {
      jit: {
        identityMapping: 'FederationId',
        identityLocation: 'SubjectNameId',
        userProvisioning: true,
        errorUrl: 'https://app.example.test/sso-error',
      },
    }),
  });
  run = await serveConfig(files.config);
  if (run.url === null) throw new Error(`serve did not start: ${run.err.join(' / ')}`);
  base = run.url;
});

afterAll(async () => {
  await run?.stop();
  files?.remove();
});

const login = (name: string, origin: string, federationId: string, extra: Record<string, string> = {}) =>
  postAcs(base, name, { SAMLResponse: signedResponse(idp, acs(origin, name), federationId), ...extra });

describe('saml-jit serve: logins', () => {
  it('prints one line with the listening URL', () => {
    expect(run.out).toEqual([`saml-jit serve: listening on ${base}`]);
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('a first login creates the user, answers 303 to / with an HttpOnly SameSite=Lax session cookie, and /me returns the User', async () => {
    const r = await login('main', HTTP_ORIGIN, 'grace@example.test');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/');
    const setCookie = r.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^saml_jit_session=[A-Za-z0-9_-]{16,}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure'); // the ACS URL is http
    const user = await me(base, cookieOf(r));
    expect(user.status).toBe(200);
    expect(user.headers.get('cache-control')).toBe('no-store');
    const record = (await user.json()) as Record<string, unknown>;
    expect(record).toMatchObject({
      FederationIdentifier: 'grace@example.test',
      Username: 'grace@example.test',
      Email: 'grace@example.test',
      LastName: 'Lovelace',
      FirstName: 'Ada',
      ProfileId: '00e000000000001AAA',
      TimeZoneSidKey: 'Europe/Paris', // from the seeded Organization
    });
    expect(String(record.Id)).toMatch(/^005/);
    const home = await fetch(`${base}/`, { headers: { cookie: cookieOf(r) } });
    expect(await home.text()).toContain('Signed in as <strong id="user-name">Ada Lovelace</strong>');
  });

  it('a second login of the same identity updates the user', async () => {
    const first = await login('main', HTTP_ORIGIN, 'update@example.test');
    const before = (await (await me(base, cookieOf(first))).json()) as Record<string, unknown>;
    const second = await postAcs(base, 'main', {
      SAMLResponse: signedResponse(idp, acs(HTTP_ORIGIN, 'main'), 'update@example.test', {
        attributes: userAttributes('update@example.test', { 'User.LastName': ['Hopper'] }),
      }),
    });
    expect(second.status).toBe(303);
    const after = (await (await me(base, cookieOf(second))).json()) as Record<string, unknown>;
    expect(after.Id).toBe(before.Id);
    expect(after.LastName).toBe('Hopper');
  });

  it('sets the Secure attribute when the ACS URL is https', async () => {
    const r = await login('secure', HTTPS_ORIGIN, 'secure@example.test');
    expect(r.status).toBe(303);
    expect(r.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('redirects to an allowed RelayState, and to / for an open-redirect attempt', async () => {
    const ok = await login('main', HTTP_ORIGIN, 'relay@example.test', { RelayState: '/orders?id=7' });
    expect(ok.headers.get('location')).toBe('/orders?id=7');
    const evil = await login('main', HTTP_ORIGIN, 'relay2@example.test', { RelayState: '//evil.example/' });
    expect(evil.status).toBe(303);
    expect(evil.headers.get('location')).toBe('/');
  });

  it('/me without a session cookie, or with an unknown one, is 401', async () => {
    expect((await me(base, null)).status).toBe(401);
    expect((await me(base, 'saml_jit_session=_unknownunknownunknown')).status).toBe(401);
    expect((await me(base, 'saml_jit_session=../../etc')).status).toBe(401);
  });

  it('SP-initiated: GET /saml/login redirects to the IdP, and the answer to that request returns to its RelayState', async () => {
    const { res: start, location, id, cookie } = await startLogin(base, 'main', { relayState: '/dashboard' });
    expect(start.status).toBe(302);
    expect(location.href.startsWith('https://idp.example.test/sso?SAMLRequest=')).toBe(true);
    const answer = signedResponse(idp, acs(HTTP_ORIGIN, 'main'), 'sp-init@example.test', {
      inResponseTo: id,
    });
    // Posted by the browser that started the login: it carries the login cookie.
    const r = await postAcs(base, 'main', { SAMLResponse: answer }, withCookie(cookie));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/dashboard');
  });

  it('GET /saml/metadata/:connection serves the SP metadata', async () => {
    const r = await fetch(`${base}/saml/metadata/main`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/samlmetadata+xml');
    expect(await r.text()).toContain(`Location="${acs(HTTP_ORIGIN, 'main')}"`);
    expect((await fetch(`${base}/saml/metadata/nope`)).status).toBe(404);
  });
});

describe('saml-jit serve: failures', () => {
  it('a validation failure (signature made by another key) is a 403 page naming the reason, without XML or stack', async () => {
    const attacker = testIdp();
    const r = await postAcs(base, 'main', {
      SAMLResponse: signedResponse(attacker, acs(HTTP_ORIGIN, 'main'), 'mallory@example.test'),
    });
    expect(r.status).toBe(403);
    const page = await r.text();
    expect(page).toContain('SIGNATURE_UNTRUSTED_KEY');
    expect(page).not.toMatch(/<saml|<samlp|at \w+ \(|\.ts:\d+/);
  });

  it('a replayed response is refused (REPLAY_DETECTED)', async () => {
    const response = signedResponse(idp, acs(HTTP_ORIGIN, 'main'), 'replay@example.test');
    expect((await postAcs(base, 'main', { SAMLResponse: response })).status).toBe(303);
    const again = await postAcs(base, 'main', { SAMLResponse: response });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('REPLAY_DETECTED');
  });

  it('a JIT failure redirects to the built-in error page with ErrorCode, ErrorDescription and ErrorDetails', async () => {
    const r = await postAcs(base, 'main', {
      SAMLResponse: signedResponse(idp, acs(HTTP_ORIGIN, 'main'), 'noprofile@example.test', {
        attributes: userAttributes('noprofile@example.test', { 'User.ProfileId': ['No Such Profile'] }),
      }),
    });
    expect(r.status).toBe(303);
    const location = r.headers.get('location') ?? '';
    expect(location).toMatch(/^\/saml\/error\?ErrorCode=16&/);
    const page = await (await fetch(`${base}${location}`)).text();
    expect(page).toContain('<code>16</code>');
    expect(page).toContain('PROFILE_NAME_LOOKUP_ERROR');
  });

  it("a JIT failure goes to the connection's errorUrl when it has one", async () => {
    const r = await postAcs(base, 'custom', {
      SAMLResponse: signedResponse(idp, acs(HTTP_ORIGIN, 'custom'), 'noprofile2@example.test', {
        attributes: userAttributes('noprofile2@example.test', { 'User.ProfileId': ['No Such Profile'] }),
      }),
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toMatch(/^https:\/\/app\.example\.test\/sso-error\?ErrorCode=16&/);
  });

  it('a body over 1 MiB is 413', async () => {
    const r = await postAcs(base, 'main', { SAMLResponse: 'A'.repeat(1_048_577) });
    expect(r.status).toBe(413);
  });

  it('an unknown connection is 404', async () => {
    expect((await login('nope', HTTP_ORIGIN, 'x@example.test')).status).toBe(404);
  });
});

describe('saml-jit serve: usage and configuration errors exit 2 with one line', () => {
  const expectUsage = async (args: readonly string[], mentions: RegExp): Promise<void> => {
    const r = await serveInProcess(args);
    expect(r.url).toBeNull();
    expect(await r.exit).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^saml-jit serve: /);
    expect(r.err[0]).toMatch(mentions);
  };
  const config = (connections: Record<string, unknown>, top: Record<string, unknown> = {}): string =>
    files.write(`c${Math.random().toString(36).slice(2)}.json`, JSON.stringify({ connections, ...top }));
  const jit = (j: Record<string, unknown>) => ({
    main: connectionJson(idp, HTTP_ORIGIN, 'main', { jit: j }),
  });

  it.each([
    ['no --config', [], /missing --config/],
    ['an unknown option', ['--config', 'x', '--prot', '1'], /unknown option '--prot'/],
    ['a bad --port', ['--config', 'x', '--port', '70000'], /--port '70000'/],
    ['a bad --store', ['--config', 'x', '--store', 'mysql://x'], /--store/],
    ['a bad --state', ['--config', 'x', '--state', 'http://x'], /--state/],
    ['a missing config file', ['--config', '/nonexistent/serve.json'], /cannot read --config/],
  ])('%s', async (_name, args, mentions) => {
    await expectUsage(args, mentions);
  });

  it('a JIT configuration Salesforce would refuse (provisioning with Username mapping)', async () => {
    const path = config(
      jit({ identityMapping: 'Username', identityLocation: 'SubjectNameId', userProvisioning: true }),
    );
    await expectUsage(['--config', path, '--store', 'memory'], /Federation ID/);
  });

  it('identityLocation Attribute without attributeName', async () => {
    const path = config(
      jit({ identityMapping: 'FederationId', identityLocation: 'Attribute', userProvisioning: true }),
    );
    await expectUsage(['--config', path, '--store', 'memory'], /connections\.main\.jit: .*attributeName/);
  });

  it('a misspelled setting is refused, not ignored', async () => {
    const path = config({ main: connectionJson(idp, HTTP_ORIGIN, 'main', { rejectUnsolicted: true }) });
    await expectUsage(
      ['--config', path, '--store', 'memory'],
      /connections\.main\.rejectUnsolicted is not a known setting/,
    );
  });

  it('a browserBinding other than required or off', async () => {
    const path = config({ main: connectionJson(idp, HTTP_ORIGIN, 'main') }, { browserBinding: 'sometimes' });
    await expectUsage(
      ['--config', path, '--store', 'memory'],
      /config\.browserBinding must be one of required, off/,
    );
  });

  it('a minRsaKeyBits under 1024', async () => {
    const path = config({ main: connectionJson(idp, HTTP_ORIGIN, 'main', { minRsaKeyBits: 512 }) });
    await expectUsage(['--config', path, '--store', 'memory'], /connections\.main\.minRsaKeyBits/);
  });

  it('weak key: an IdP whose only certificate has a 1024-bit RSA key, unless minRsaKeyBits allows it', async () => {
    files.write('weak.pem', generateKeyPair({ modulusLength: 1024 }).certificatePem);
    const weak = { idpCerts: ['weak.pem'] };
    const path = config({ main: connectionJson(idp, HTTP_ORIGIN, 'main', weak) });
    await expectUsage(['--config', path, '--store', 'memory'], /RSA key of at least 2048 bits/);
    const lowered = config({
      main: connectionJson(idp, HTTP_ORIGIN, 'main', { ...weak, minRsaKeyBits: 1024 }),
    });
    const run = await serveInProcess(['--config', lowered, '--store', 'memory', '--port', '0']);
    expect(run.url, run.err.join('\n')).not.toBeNull();
    expect(await run.stop()).toBe(0);
  });

  it('a certificate file that is not a certificate', async () => {
    files.write('junk.pem', 'not a certificate');
    const path = config({ main: connectionJson(idp, HTTP_ORIGIN, 'main', { idpCerts: ['junk.pem'] }) });
    await expectUsage(['--config', path, '--store', 'memory'], /connections\.main\.idpCerts\[0\]/);
  });

  it('an ACS URL that is not an absolute URL', async () => {
    const path = config({ main: connectionJson(idp, HTTP_ORIGIN, 'main', { acsUrl: '/saml/acs/main' }) });
    await expectUsage(['--config', path, '--store', 'memory'], /connections\.main: acsUrl/);
  });

  it('a seed that is not a snapshot', async () => {
    const seed = files.write('bad-seed.json', JSON.stringify({ Profile: [{ Name: 'no id' }] }));
    await expectUsage(
      ['--config', files.config, '--seed', seed, '--store', 'memory'],
      /--seed '.*': Profile\[0\] has no string Id/,
    );
  });
});

/** A `serve` over memory stores and the seed, with the configuration `config` written as `name`. */
const serveWith = (name: string, config: Record<string, unknown>): Promise<ServeRun> =>
  serveConfig(files.write(name, JSON.stringify(config)));

describe('saml-jit serve: the IdP certificate may come inline and from metadata', () => {
  it('trusts idpCerts given as PEM text together with the certificates of idpMetadata given as a path', async () => {
    const other = testIdp();
    files.write('other-metadata.xml', other.metadata());
    const main = connectionJson(idp, HTTP_ORIGIN, 'main', {
      idpCerts: [idp.certificatePem],
      idpMetadata: 'other-metadata.xml',
    });
    delete main.idpEntityId; // the metadata's entityID is the expected Issuer
    const r = await serveWith('combined.json', { connections: { main } });
    try {
      expect(r.url).not.toBeNull();
      const post = (signer: typeof idp, who: string) =>
        postAcs(r.url ?? '', 'main', {
          SAMLResponse: signedResponse(signer, acs(HTTP_ORIGIN, 'main'), who, { issuer: other.entityId }),
        });
      expect((await post(other, 'by-metadata-key@example.test')).status).toBe(303);
      expect((await post(idp, 'by-inline-key@example.test')).status).toBe(303);
      expect((await post(testIdp(), 'by-unknown-key@example.test')).status).toBe(403);
    } finally {
      await r.stop();
    }
  });
});

describe('saml-jit serve: browserBinding off', () => {
  it('sets no login cookie, and the answer to an SP-initiated login is taken from any browser', async () => {
    const main = connectionJson(idp, HTTP_ORIGIN, 'main');
    const r = await serveWith('unbound.json', { connections: { main }, browserBinding: 'off' });
    try {
      const { res, id, setCookie } = await startLogin(r.url ?? '', 'main');
      expect(res.status).toBe(302);
      expect(setCookie).toBeNull();
      const answer = signedResponse(idp, acs(HTTP_ORIGIN, 'main'), 'unbound@example.test', {
        inResponseTo: id,
      });
      expect((await postAcs(r.url ?? '', 'main', { SAMLResponse: answer })).status).toBe(303);
    } finally {
      await r.stop();
    }
  });
});

describe('saml-jit serve: shutdown', () => {
  it('stops listening and exits 0 on the signal', async () => {
    const r = await serveInProcess(['--config', files.config, '--store', 'memory', '--port', '0']);
    expect(r.url).not.toBeNull();
    expect(await r.stop()).toBe(0);
    await expect(fetch(`${r.url}/me`)).rejects.toThrow();
  });
});
