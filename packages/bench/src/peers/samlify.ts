/**
 * samlify: `ServiceProvider.parseLoginResponse(idp, 'post', { body })`, with entities built from
 * settings once. samlify refuses to run without a schema validator; it is measured twice: with a
 * validator that accepts everything (the usual production setup, as samlify's README suggests
 * for trying it out), and with @authenio/samlify-xmllint-wasm, its XSD validator (libxml2 as
 * WebAssembly, installed from npm with nothing to download). The validator is a module-wide
 * setting, so each operation sets the one its contender measures (a property assignment).
 */
import { validate as xsdValidate } from '@authenio/samlify-xmllint-wasm';
import * as samlify from 'samlify';
import { type Contender, expectNameId } from '../contender.js';

const accept = { validate: async () => 'skipped' };
const xsd = { validate: xsdValidate };

const samlifyContender = (id: string, label: string, validator: typeof accept | typeof xsd): Contender => ({
  id,
  label,
  kind: 'peer',
  prepare: async (input, { world }) => {
    const encrypted = input.protection.startsWith('encrypted');
    const idp = samlify.IdentityProvider({
      entityID: world.idpEntityId,
      signingCert: world.idp.certificatePem,
      isAssertionEncrypted: encrypted,
      singleSignOnService: [
        { Binding: samlify.Constants.namespace.binding.redirect, Location: 'https://idp.example.test/sso' },
      ],
      singleLogoutService: [
        { Binding: samlify.Constants.namespace.binding.redirect, Location: 'https://idp.example.test/slo' },
      ],
    });
    const sp = samlify.ServiceProvider({
      entityID: world.spEntityId,
      assertionConsumerService: [
        { Binding: samlify.Constants.namespace.binding.post, Location: world.acsUrl },
      ],
      isAssertionEncrypted: encrypted,
      encPrivateKey: world.sp.privateKeyPem,
      wantMessageSigned: input.protection === 'response',
      clockDrifts: [-180_000, 180_000],
    });
    const once = async () => {
      samlify.setSchemaValidator(validator);
      const { extract } = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: input.base64 } });
      return expectNameId(label, input, extract?.nameID);
    };
    return { run: once, check: once };
  },
});

export const samlifyPeer: Contender = samlifyContender(
  'samlify',
  'samlify 2.13.1 (no schema validation)',
  accept,
);
export const samlifyXsd: Contender = samlifyContender(
  'samlify-xsd',
  'samlify 2.13.1 + xmllint-wasm XSD validator',
  xsd,
);
