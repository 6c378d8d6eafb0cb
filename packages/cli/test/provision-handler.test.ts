/**
 * The custom handler guide's example, end to end over real SAML: a signed, *encrypted* response
 * from the test IdP → `validateResponse` (decryption, signature, protocol checks) → `provision`
 * with the handler → the user, or the JIT error redirect with `ErrorCode`. Also shows the handler
 * getting the decrypted assertion under `Sfdc.SamlAssertion` and the still-encrypted base64.
 */
import {
  fixedClock,
  jitErrorRedirect,
  memoryAudit,
  memoryDirectory,
  memoryReplayCache,
  memoryRequestStore,
  provision,
  type SamlJitHandler,
  type SsoConfig,
  sequentialIds,
} from '@saml-jit/core';
import { parseCertificate, parsePrivateKey, validateResponse } from '@saml-jit/saml';
import { generateKeyPair, TEST_SP } from '@saml-jit/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { acmeHandler } from '../../core/test/examples/custom-handler.js';
import { pinnedClockIdp, VALIDITY } from './support.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const idp = pinnedClockIdp();
const sp = generateKeyPair(VALIDITY);
const ERROR_URL = 'https://app.example.test/login-failed';
const config: SsoConfig = {
  identityMapping: 'FederationId',
  identityLocation: 'SubjectNameId',
  attributeName: null,
  userProvisioning: true,
  provisioningType: 'custom',
  errorUrl: ERROR_URL,
};

const unwrap = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error('unexpected Left');
  return e.right;
};

/** One login, as a service provider runs it: validate, provision with the handler, redirect on failure. */
const login = async (handler: SamlJitHandler, attributes: Record<string, string[]>) => {
  const xml = idp.response({
    now: NOW,
    nameId: 'ada',
    attributes,
    encryptFor: { certificatePem: sp.certificatePem, dataAlgorithm: 'aes256-gcm' },
  });
  const validated = await validateResponse(
    xml,
    {
      connection: 'acme',
      idpEntityId: idp.entityId,
      idpCertificates: [unwrap(parseCertificate(idp.certificatePem))],
      spEntityId: TEST_SP.entityId,
      acsUrl: TEST_SP.acsUrl,
      decryptionKeys: [unwrap(parsePrivateKey(sp.privateKeyPem))],
    },
    { clock: fixedClock(NOW), replayCache: memoryReplayCache(), requestStore: memoryRequestStore() },
  )();
  const { assertion } = unwrap(validated);
  const directory = memoryDirectory({ Profile: [{ Id: '00e000000000001AAA', Name: 'Standard User' }] });
  const result = await provision(
    assertion,
    { config, ssoProviderId: 'acme', siteId: null },
    { directory, clock: fixedClock(NOW), ids: sequentialIds(), audit: memoryAudit(), handler },
  )();
  const redirect =
    E.isLeft(result) && result.left.kind === 'jit' ? jitErrorRedirect(result.left, ERROR_URL) : null;
  return { result, redirect, directory };
};

describe('the custom handler example over an encrypted SAML Response', () => {
  it('creates the user; the handler saw the decrypted assertion and the encrypted base64', async () => {
    const seen: { decrypted?: string | undefined; assertion?: string } = {};
    const spy: SamlJitHandler = {
      ...acmeHandler,
      createUser: (...args) => {
        seen.decrypted = args[4].get('Sfdc.SamlAssertion');
        seen.assertion = args[5];
        return acmeHandler.createUser(...args);
      },
    };
    const { result, directory } = await login(spy, { mail: ['ada@acme.example'], sn: ['Lovelace'] });
    expect(result).toMatchObject({
      right: { action: 'create', user: { Username: 'ada@acme.example', FederationIdentifier: 'ada' } },
    });
    expect(directory.snapshot().User).toHaveLength(1);
    expect(seen.decrypted).toMatch(/^<(saml2?:)?Assertion[\s>][\s\S]*>ada</);
    expect(Buffer.from(seen.assertion ?? '', 'base64').toString('utf8')).toContain('EncryptedAssertion');
  });

  it('a JitException thrown by the handler becomes the redirect with ErrorCode; nothing written', async () => {
    const { redirect, directory } = await login(acmeHandler, { sn: ['Lovelace'] });
    expect(redirect).toBe(
      `${ERROR_URL}?ErrorCode=5&ErrorDescription=Unable+to+create+user&ErrorDetails=Missing+mail`,
    );
    expect(directory.snapshot().User).toEqual([]);
  });
});
