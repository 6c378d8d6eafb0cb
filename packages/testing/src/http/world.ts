/**
 * The world the HTTP conformance suite runs in: a service provider over in-memory stores (whose
 * outages the suite can switch on), a pinned clock, two test IdPs (so one service holds several
 * connections), and an `onLogin` that answers what a real application would (a session cookie)
 * plus an `X-Login-Action` header the suite reads.
 */
import {
  type Directory,
  fixedClock,
  type MemoryDirectory,
  memoryAudit,
  memoryDirectory,
  memoryReplayCache,
  memoryRequestStore,
  memorySessionStore,
  type ReplayCache,
  sequentialIds,
  storeFailure,
} from '@saml-jit/core';
import { type ConnectionConfig, createServiceProvider, type ServiceProvider } from '@saml-jit/sp';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { createTestIdp, generateKeyPair, type KeyPair, NAMEID_FORMAT, type TestIdp } from '../idp/index.js';

/** The pinned instant of every login in the suite. */
export const NOW = new Date('2026-01-15T10:00:00.000Z');
export const SP_ENTITY_ID = 'https://sp.example.test';
export const IDP_SSO_URL = 'https://idp.example.test/sso';
export const APP_ORIGIN = 'https://app.example.test';
export const CUSTOM_ERROR_URL = 'https://app.example.test/sso-error?from=saml';
/** A user whose login makes the application's callback throw. */
export const CALLBACK_THROWS = 'callback-throws@example.test';

/** The ACS URL the IdP addresses (the service sits behind a proxy at this public origin). */
export const acsUrlOf = (connection: string): string => `${SP_ENTITY_ID}/saml/acs/${connection}`;

/** Switches that make a store answer `STORE_UNAVAILABLE`, as a briefly unreachable database would. */
export interface Outage {
  directory: boolean;
  replayCache: boolean;
}

export interface HttpWorld {
  readonly sp: ServiceProvider;
  /** The IdP of connections `main`, `custom-error` and `login-only` (provisioning off). */
  readonly idp: TestIdp;
  /** The IdP of connection `second`. */
  readonly otherIdp: TestIdp;
  /** The key pair that signs `main`'s AuthnRequests and decrypts what is encrypted for it. */
  readonly spSigning: KeyPair;
  readonly directory: MemoryDirectory;
  readonly outage: Outage;
}

const CERT_VALIDITY = {
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2035-01-01T00:00:00Z'),
};

const unavailable = () =>
  TE.left(storeFailure('STORE_UNAVAILABLE', 'The store is unreachable (suite outage).'));

const flakyDirectory = (inner: Directory, outage: Outage): Directory => ({
  find: (sobject, field, value) => (outage.directory ? unavailable() : inner.find(sobject, field, value)),
  organization: () => (outage.directory ? unavailable() : inner.organization()),
  commit: (plan) => (outage.directory ? unavailable() : inner.commit(plan)),
  seed: (snapshot) => (outage.directory ? unavailable() : inner.seed(snapshot)),
});

const flakyReplayCache = (inner: ReplayCache, outage: Outage): ReplayCache => ({
  consume: (key, window) => (outage.replayCache ? unavailable() : inner.consume(key, window)),
});

const JIT = {
  identityMapping: 'FederationId',
  identityLocation: 'SubjectNameId',
  userProvisioning: true,
} as const;

const connection = (idp: TestIdp, name: string, extra: Partial<ConnectionConfig> = {}): ConnectionConfig => ({
  idpEntityId: idp.entityId,
  idpCertificates: [idp.certificatePem],
  idpSsoUrl: IDP_SSO_URL,
  spEntityId: SP_ENTITY_ID,
  acsUrl: acsUrlOf(name),
  nameIdFormat: NAMEID_FORMAT.unspecified,
  jit: JIT,
  ...extra,
});

/** Builds a fresh world; the IdPs' keys are generated once per world (about 100 ms each). */
export const createHttpWorld = (): HttpWorld => {
  const idp = createTestIdp({ keyPair: generateKeyPair(CERT_VALIDITY) });
  const otherIdp = createTestIdp({
    entityId: 'https://other-idp.example.test',
    keyPair: generateKeyPair(CERT_VALIDITY),
  });
  const spSigning = generateKeyPair({ ...CERT_VALIDITY, commonName: 'sp.example.test' });
  const directory = memoryDirectory({ Profile: [{ Id: '00e000000000001AAA', Name: 'Standard User' }] });
  const outage: Outage = { directory: false, replayCache: false };
  const sp = createServiceProvider({
    connections: {
      main: connection(idp, 'main', {
        signing: { privateKey: spSigning.privateKeyPem, certificate: spSigning.certificatePem },
        encryptionCertificates: [spSigning.certificatePem],
        decryptionKeys: [spSigning.privateKeyPem],
      }),
      'login-only': connection(idp, 'login-only', { jit: { ...JIT, userProvisioning: false } }),
      'custom-error': connection(idp, 'custom-error', { jit: { ...JIT, errorUrl: CUSTOM_ERROR_URL } }),
      second: connection(otherIdp, 'second'),
    },
    stores: {
      directory: flakyDirectory(directory, outage),
      replayCache: flakyReplayCache(memoryReplayCache(), outage),
      requestStore: memoryRequestStore(),
      sessionStore: memorySessionStore(),
    },
    clock: fixedClock(NOW),
    ids: sequentialIds(),
    audit: memoryAudit(),
    allowedRelayStateOrigins: [APP_ORIGIN],
    onLogin: ({ user, outcome, session, redirectTo }) => {
      if (user.Username === CALLBACK_THROWS) throw new Error('the application failed');
      return {
        location: redirectTo,
        headers: [
          ['Set-Cookie', `sid=${session?.id ?? ''}; Path=/; HttpOnly; Secure; SameSite=Lax`],
          ['Set-Cookie', 'signed_in=1; Path=/; Secure; SameSite=Lax'],
          ['X-Login-Action', outcome.action],
        ],
      };
    },
  });
  if (E.isLeft(sp)) throw new Error(`the suite's service provider is misconfigured: ${sp.left.code}`);
  return { sp: sp.right, idp, otherIdp, spSigning, directory, outage };
};
