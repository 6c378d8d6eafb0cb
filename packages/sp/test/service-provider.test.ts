import {
  fixedClock,
  type IdGenerator,
  memoryAudit,
  memoryDirectory,
  memoryReplayCache,
  memoryRequestStore,
  memorySessionStore,
  sequentialIds,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { describe, expect, it } from 'vitest';
import { bindingOf, LOGIN_COOKIE } from '../src/browser-binding.js';
import type { ConnectionConfig } from '../src/connection.js';
import type { ServiceProviderOptions } from '../src/options.js';
import { createServiceProvider, type ServiceProvider } from '../src/service-provider.js';
import {
  derOf,
  EC_KEY,
  ENCRYPTION_CERT,
  ENCRYPTION_KEY,
  RSA1024_CERT,
  SIGNING_CERT,
  SIGNING_KEY,
} from './fixtures.js';

const NOW = new Date('2026-01-15T10:00:00.000Z');
const IDP_CERT = ENCRYPTION_CERT; // any certificate will do as the pinned IdP key here

const connection = (extra: Partial<ConnectionConfig> = {}): ConnectionConfig => ({
  idpEntityId: 'https://idp.example.test',
  idpCertificates: [IDP_CERT],
  idpSsoUrl: 'https://idp.example.test/sso',
  spEntityId: 'https://sp.example.test',
  acsUrl: 'https://sp.example.test/saml/acs/okta',
  jit: { identityMapping: 'FederationId', identityLocation: 'SubjectNameId', userProvisioning: true },
  ...extra,
});

const optionsWith = (extra: Partial<ServiceProviderOptions> = {}): ServiceProviderOptions => ({
  connections: { okta: connection() },
  stores: {
    directory: memoryDirectory(),
    replayCache: memoryReplayCache(),
    requestStore: memoryRequestStore(),
  },
  clock: fixedClock(NOW),
  ids: sequentialIds(),
  audit: memoryAudit(),
  onLogin: ({ redirectTo }) => ({ location: redirectTo }),
  ...extra,
});

const build = (extra: Partial<ServiceProviderOptions> = {}): ServiceProvider => {
  const sp = createServiceProvider(optionsWith(extra));
  if (E.isLeft(sp)) throw new Error(`${sp.left.code}: ${sp.left.message}`);
  return sp.right;
};

/** The nonce of the login cookie a login start set (the test fails when there is none). */
const nonceOf = (started: { readonly headers: readonly (readonly [string, string])[] }): string => {
  const cookies = started.headers.filter(([name]) => name === 'Set-Cookie').map(([, value]) => value);
  expect(cookies).toHaveLength(1);
  return new RegExp(`^${LOGIN_COOKIE}=([^;]*);`).exec(cookies[0] ?? '')?.[1] ?? '';
};

const refusal = (conn: Partial<ConnectionConfig>, name = 'okta') => {
  const sp = createServiceProvider(optionsWith({ connections: { [name]: connection(conn) } }));
  return E.isLeft(sp) ? sp.left.code : 'accepted';
};

const idpMetadata = (
  entityId: string,
) => `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
      <ds:X509Certificate>${derOf(IDP_CERT)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/meta-sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

describe('createServiceProvider: every connection is checked at start', () => {
  it('accepts a complete connection and lists it', () => {
    expect(build().connections).toEqual(['okta']);
  });

  it('refuses what would fail later in a login', () => {
    expect(refusal({ idpCertificates: [] })).toBe('CONFIG_INVALID');
    expect(refusal({ idpCertificates: ['not a certificate'] })).toBe('CERTIFICATE_INVALID');
    expect(refusal({ acsUrl: '/saml/acs/okta' })).toBe('CONFIG_INVALID');
    expect(refusal({ idpSsoUrl: 'javascript:alert(1)' })).toBe('CONFIG_INVALID');
    expect(refusal({ spEntityId: '' })).toBe('CONFIG_INVALID');
    expect(
      refusal({ decryptionKeys: ['-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----'] }),
    ).toBe('PRIVATE_KEY_INVALID');
    expect(refusal({ encryptionCertificates: ['nope'] })).toBe('CERTIFICATE_INVALID');
    expect(refusal({ signing: { privateKey: EC_KEY, certificate: SIGNING_CERT } })).toBe(
      'PRIVATE_KEY_INVALID',
    );
    expect(refusal({ signing: { privateKey: SIGNING_KEY, certificate: 'nope' } })).toBe(
      'CERTIFICATE_INVALID',
    );
    expect(refusal({ idpMetadata: '<md:EntityDescriptor' })).toBe('METADATA_INVALID');
    expect(refusal({ clockSkew: -1 })).toBe('CONFIG_INVALID');
    expect(refusal({}, '../etc')).toBe('CONFIG_INVALID');
  });

  it('refuses an IdP whose only certificate has an RSA key under minRsaKeyBits (default 2048), at start', () => {
    const weak = RSA1024_CERT;
    expect(refusal({ idpCertificates: [weak] })).toBe('CERTIFICATE_INVALID');
    expect(refusal({ idpCertificates: [weak], minRsaKeyBits: 1024 })).toBe('accepted');
    // A rollover to a longer key: the connection starts (and validation uses the 2048-bit one).
    expect(refusal({ idpCertificates: [weak, IDP_CERT] })).toBe('accepted');
    for (const bits of [512, 1023.5, 20_000, Number.NaN]) {
      expect(refusal({ idpCertificates: [weak], minRsaKeyBits: bits })).toBe('CONFIG_INVALID');
    }
  });

  it('refuses JIT settings Salesforce refuses, and an errorUrl that could not be a redirect', () => {
    expect(
      refusal({
        jit: { identityMapping: 'Username', identityLocation: 'SubjectNameId', userProvisioning: true },
      }),
    ).toBe('JIT_REQUIRES_FEDERATION_ID');
    const jit = {
      identityMapping: 'FederationId',
      identityLocation: 'SubjectNameId',
      userProvisioning: true,
    } as const;
    expect(refusal({ jit: { ...jit, errorUrl: '//evil.example' } })).toBe('CONFIG_INVALID');
    expect(refusal({ jit: { ...jit, errorUrl: '/err\r\nSet-Cookie: x=1' } })).toBe('CONFIG_INVALID');
    expect(refusal({ jit: { ...jit, errorUrl: '/sso-error' } })).toBe('accepted');
  });

  it('takes entity ID, certificates and SSO URL from IdP metadata, and refuses a contradicting entity ID', () => {
    const fromMetadata = connection({ idpMetadata: idpMetadata('https://idp.example.test') });
    const { idpEntityId: _e, idpCertificates: _c, idpSsoUrl: _s, ...bare } = fromMetadata;
    const sp = createServiceProvider(optionsWith({ connections: { okta: bare } }));
    expect(E.isRight(sp)).toBe(true);
    expect(refusal({ idpMetadata: idpMetadata('https://another-idp.example.test') })).toBe('CONFIG_INVALID');
  });

  it('refuses a malformed option', () => {
    const bad = createServiceProvider(optionsWith({ maxBodyBytes: -5 }));
    expect(E.isLeft(bad) && bad.left.code).toBe('CONFIG_INVALID');
    const origins = createServiceProvider(optionsWith({ allowedRelayStateOrigins: ['not a url'] }));
    expect(E.isLeft(origins) && origins.left.code).toBe('CONFIG_INVALID');
    const binding = createServiceProvider(
      optionsWith({ browserBinding: 'sometimes' as unknown as 'required' | 'off' }),
    );
    expect(E.isLeft(binding) && binding.left.code).toBe('CONFIG_INVALID');
  });
});

describe('the service provider object', () => {
  it('serves metadata per connection, 404 for an unknown one', () => {
    const sp = build({
      connections: {
        okta: connection({
          signing: { privateKey: SIGNING_KEY, certificate: SIGNING_CERT },
          decryptionKeys: [ENCRYPTION_KEY],
          encryptionCertificates: [ENCRYPTION_CERT],
        }),
      },
    });
    const doc = sp.metadata('okta');
    expect(doc.status).toBe(200);
    expect(doc.body).toContain('entityID="https://sp.example.test"');
    expect(doc.body).toContain(derOf(SIGNING_CERT).slice(0, 64));
    expect(sp.metadata('nope')).toMatchObject({ type: 'status', status: 404, code: 'UNKNOWN_CONNECTION' });
  });

  it('keeps the AuthnRequest ID with its RelayState, expiry and browser binding in the request store', async () => {
    const requestStore = memoryRequestStore();
    const sp = build({
      stores: { directory: memoryDirectory(), replayCache: memoryReplayCache(), requestStore },
      requestTtlSeconds: 120,
    });
    const started = await sp.startLogin('okta', { query: 'RelayState=%2Forders' })();
    if (started.type !== 'idp-redirect') throw new Error(started.code);
    expect(started.status).toBe(302);
    const later = new Date(NOW.getTime() + 60_000);
    const kept = await requestStore.take(started.requestId, later)();
    expect(kept).toEqual(
      E.right(
        O.some({
          id: started.requestId,
          connection: 'okta',
          issuedAt: NOW,
          expiresAt: new Date(NOW.getTime() + 120_000),
          relayState: '/orders',
          browserBinding: bindingOf(nonceOf(started)),
        }),
      ),
    );
  });

  it('sets the login cookie: __Host-, HttpOnly, Secure, SameSite=None, Max-Age the request TTL in whole seconds', async () => {
    const started = await build({ requestTtlSeconds: 90.5 }).startLogin('okta')();
    const cookies = started.headers.filter(([name]) => name === 'Set-Cookie');
    expect(cookies).toEqual([
      [
        'Set-Cookie',
        `${LOGIN_COOKIE}=${nonceOf(started)}; Path=/; Max-Age=91; HttpOnly; Secure; SameSite=None`,
      ],
    ]);
    expect(nonceOf(started)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("reuses the browser's well-formed login cookie, and mints a fresh one for a malformed or repeated one", async () => {
    const sp = build();
    const first = nonceOf(await sp.startLogin('okta')());
    const again = await sp.startLogin('okta', { cookie: `theme=dark; ${LOGIN_COOKIE}=${first}; lang=en` })();
    expect(nonceOf(again)).toBe(first);
    for (const cookie of [
      `${LOGIN_COOKIE}=short`,
      `${LOGIN_COOKIE}="${first}"`,
      `${LOGIN_COOKIE}=${first}; ${LOGIN_COOKIE}=${first}`,
      `saml-jit-login=${first}`,
    ]) {
      const fresh = nonceOf(await sp.startLogin('okta', { cookie })());
      expect(fresh, cookie).not.toBe(first);
    }
    expect(nonceOf(await sp.startLogin('okta')())).not.toBe(first);
  });

  it("with browserBinding 'off', sets no cookie and saves the request unbound", async () => {
    const requestStore = memoryRequestStore();
    const sp = build({
      stores: { directory: memoryDirectory(), replayCache: memoryReplayCache(), requestStore },
      browserBinding: 'off',
    });
    const started = await sp.startLogin('okta', { cookie: `${LOGIN_COOKIE}=${'a'.repeat(43)}` })();
    if (started.type !== 'idp-redirect') throw new Error(started.code);
    expect(started.headers.filter(([name]) => name === 'Set-Cookie')).toEqual([]);
    const kept = await requestStore.take(started.requestId, NOW)();
    expect(kept).toMatchObject(E.right(O.some({ browserBinding: null })));
  });

  it('a defect (an IdGenerator that throws) becomes SP_INTERNAL_ERROR, never an exception', async () => {
    const ids: IdGenerator = {
      recordId: () => {
        throw new Error('boom');
      },
      token: () => {
        throw new Error('boom');
      },
    };
    const started = await build({ ids }).startLogin('okta')();
    expect(started).toMatchObject({ type: 'status', status: 503, code: 'SP_INTERNAL_ERROR' });
    expect(started.body).not.toContain('boom');
  });

  it('a parsed body that throws when read becomes SP_INTERNAL_ERROR', async () => {
    const hostile = Object.defineProperty({}, 'SAMLResponse', {
      get: () => {
        throw new Error('getter');
      },
    });
    const result = await build().handleAcs('okta', { body: hostile })();
    expect(result).toMatchObject({ type: 'status', status: 503, code: 'SP_INTERNAL_ERROR' });
  });

  it('finds the live session and its user, and nothing once it expired', async () => {
    const sessionStore = memorySessionStore();
    const directory = memoryDirectory({ User: [{ Id: '005000000000001AAA', Username: 'ada@example.test' }] });
    const stores = {
      directory,
      replayCache: memoryReplayCache(),
      requestStore: memoryRequestStore(),
      sessionStore,
    };
    await sessionStore.save({
      id: 's1',
      userId: '005000000000001AAA',
      connection: 'okta',
      createdAt: NOW,
      expiresAt: new Date(NOW.getTime() + 1000),
    })();
    const found = await build({ stores }).sessionUser('s1')();
    expect(found).toMatchObject(E.right(O.some({ user: { Username: 'ada@example.test' } })));
    const expired = await build({ stores, clock: fixedClock(new Date(NOW.getTime() + 5000)) }).sessionUser(
      's1',
    )();
    expect(expired).toEqual(E.right(O.none));
  });

  it('renders the JIT error page from its query', () => {
    const page = build().errorPage(
      'ErrorCode=16&ErrorDescription=Unable&ErrorDetails=PROFILE_NAME_LOOKUP_ERROR',
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain('PROFILE_NAME_LOOKUP_ERROR');
  });
});
