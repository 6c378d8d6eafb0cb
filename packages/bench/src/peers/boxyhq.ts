/**
 * @boxyhq/saml20 (the parser behind BoxyHQ's SAML Jackson): `validate` on the decoded XML, with
 * the IdP's certificate, the audience and the SP's decryption key. It takes XML, not the form
 * value, so each operation includes the base64 decode the caller has to do.
 */
import saml20 from '@boxyhq/saml20';
import { type Contender, expectNameId } from '../contender.js';

// A CommonJS module with `exports.default`: Node hands ESM the exports object, bundlers (vitest)
// its `default`; accept both.
type Api = typeof saml20.default;
const api: Api = (saml20 as { default?: Api }).default ?? (saml20 as unknown as Api);

export const boxyhq: Contender = {
  id: 'boxyhq',
  label: '@boxyhq/saml20 1.15.2',
  kind: 'peer',
  prepare: async (input, { world }) => {
    const once = async () => {
      const xml = Buffer.from(input.base64, 'base64').toString('utf8');
      const profile = await api.validate(xml, {
        publicKey: world.idp.certificatePem,
        audience: world.spEntityId,
        privateKey: world.sp.privateKeyPem,
      });
      return expectNameId(
        '@boxyhq/saml20',
        input,
        profile?.claims?.['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier'] ??
          profile?.claims?.nameID,
      );
    };
    return { run: once, check: once };
  },
};
