/**
 * saml2-js: `ServiceProvider.post_assert(idp, { request_body })` with the IdP's certificate, the
 * audience and the SP key (for decryption). saml2-js requires a SessionIndex by default, which the
 * responses carry. It has no response-level-signature-only mode: it checks the signature over
 * whichever element is signed.
 */
import saml2 from 'saml2-js';
import { type Contender, expectNameId } from '../contender.js';

interface AssertResult {
  readonly user?: { readonly name_id?: string };
}

export const saml2js: Contender = {
  id: 'saml2-js',
  label: 'saml2-js 4.0.4',
  kind: 'peer',
  prepare: async (input, { world }) => {
    const sp = new saml2.ServiceProvider({
      entity_id: world.spEntityId,
      private_key: world.sp.privateKeyPem,
      certificate: world.sp.certificatePem,
      assert_endpoint: world.acsUrl,
      allow_unencrypted_assertion: !input.protection.startsWith('encrypted'),
      audience: world.spEntityId,
    });
    const idp = new saml2.IdentityProvider({
      sso_login_url: 'https://idp.example.test/sso',
      sso_logout_url: 'https://idp.example.test/slo',
      certificates: [world.idp.certificatePem],
    });
    const once = () =>
      new Promise<string>((resolve, reject) => {
        sp.post_assert(
          idp,
          { request_body: { SAMLResponse: input.base64 } },
          (err: unknown, r: AssertResult) => {
            if (err) reject(err instanceof Error ? err : new Error(String(err)));
            else {
              try {
                resolve(expectNameId('saml2-js', input, r.user?.name_id));
              } catch (e) {
                reject(e);
              }
            }
          },
        );
      });
    return { run: once, check: once };
  },
};
