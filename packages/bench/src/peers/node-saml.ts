/**
 * @node-saml/node-saml (the engine of passport-saml): `validatePostResponseAsync` on the form body.
 * Same checks as ours where it has them: the IdP certificate, audience, ACS URL, the signature
 * the input carries (assertion or response), real clock; InResponseTo not required (unsolicited).
 */
import { SAML } from '@node-saml/node-saml';
import { type Contender, expectNameId } from '../contender.js';

export const nodeSaml: Contender = {
  id: 'node-saml',
  label: '@node-saml/node-saml 5.1.0',
  kind: 'peer',
  prepare: async (input, { world }) => {
    const saml = new SAML({
      idpCert: world.idp.certificatePem,
      idpIssuer: world.idpEntityId,
      issuer: world.spEntityId,
      audience: world.spEntityId,
      callbackUrl: world.acsUrl,
      decryptionPvk: world.sp.privateKeyPem,
      wantAssertionsSigned: input.protection !== 'response',
      wantAuthnResponseSigned: input.protection === 'response',
      validateInResponseTo: 'never' as never,
      acceptedClockSkewMs: 180_000,
    });
    const once = async () => {
      const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: input.base64 });
      return expectNameId('node-saml', input, profile?.nameID);
    };
    return { run: once, check: once };
  },
};
