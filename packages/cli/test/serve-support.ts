/**
 * Helpers shared by the `saml-jit serve` tests: a configuration and a seed written to a temporary
 * directory, responses from a test IdP addressed to the service, and the HTTP calls a browser
 * makes (ACS POST without following redirects, cookies carried by hand).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestIdp,
  generateKeyPair,
  NAMEID_FORMAT,
  type TestIdp,
  type TestResponseOptions,
  userAttributes,
} from '@saml-jit/testing';

export { postAcs, startLogin, userAttributes, withCookie } from '@saml-jit/testing';

export const SP_ENTITY_ID = 'https://sp.example.test';
export const IDP_SSO_URL = 'https://idp.example.test/sso';
export const PROFILE_ID = '00e000000000001AAA';
export const ROLE_ID = '00E000000000001AAA';

/** The seed every serve test uses: an organization, the "Standard User" profile and one role. */
export const SEED = {
  Organization: {
    Id: '00D000000000001AAA',
    DefaultLocaleSidKey: 'en_US',
    TimeZoneSidKey: 'Europe/Paris',
    LanguageLocaleKey: 'en_US',
    DefaultCurrencyIsoCode: 'EUR',
    EmailEncodingKey: 'UTF-8',
  },
  Profile: [{ Id: PROFILE_ID, Name: 'Standard User' }],
  UserRole: [{ Id: ROLE_ID, Name: 'Engineer' }],
};

/** One IdP for a whole test file (key generation costs ~100 ms). */
export const testIdp = (): TestIdp =>
  createTestIdp({ entityId: 'https://idp.example.test', keyPair: generateKeyPair() });

export interface ServeFiles {
  readonly dir: string;
  readonly config: string;
  readonly seed: string;
  readonly write: (name: string, data: string) => string;
  readonly remove: () => void;
}

/** A connection of the serve config for `idp`, named `name`, whose ACS URL is under `origin`. */
export const connectionJson = (
  idp: TestIdp,
  origin: string,
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  idpEntityId: idp.entityId,
  idpCerts: ['idp.pem'],
  idpSsoUrl: IDP_SSO_URL,
  spEntityId: SP_ENTITY_ID,
  acsUrl: `${origin}/saml/acs/${name}`,
  jit: { identityMapping: 'FederationId', identityLocation: 'SubjectNameId', userProvisioning: true },
  ...extra,
});

/** Writes `idp.pem`, `seed.json` and `config.json` (with `connections`) to a new temporary directory. */
export const serveFiles = (
  idp: TestIdp,
  connections: Record<string, unknown>,
  top: Record<string, unknown> = {},
): ServeFiles => {
  const dir = mkdtempSync(join(tmpdir(), 'saml-jit-serve-'));
  const write = (name: string, data: string): string => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  write('idp.pem', idp.certificatePem);
  return {
    dir,
    write,
    config: write('config.json', JSON.stringify({ connections, ...top })),
    seed: write('seed.json', JSON.stringify(SEED)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};

/** A signed response for `federationId`, addressed to `acsUrl`. */
export const signedResponse = (
  idp: TestIdp,
  acsUrl: string,
  federationId: string,
  opts: TestResponseOptions = {},
): string =>
  idp.responseBase64({
    nameId: federationId,
    nameIdFormat: NAMEID_FORMAT.unspecified,
    audience: SP_ENTITY_ID,
    destination: acsUrl,
    recipient: acsUrl,
    attributes: userAttributes(federationId, { 'User.FirstName': ['Ada'] }),
    ...opts,
  });

/** The `name=value` of a `Set-Cookie` header, for the next request's `Cookie`. */
export const cookieOf = (r: Response): string => (r.headers.get('set-cookie') ?? '').split(';', 1)[0] ?? '';

/** GET `/me` with `cookie`. */
export const me = (base: string, cookie: string | null): Promise<Response> =>
  fetch(`${base}/me`, cookie === null ? {} : { headers: { cookie } });
