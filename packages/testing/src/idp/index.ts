/** The test IdP: signed (and encrypted) SAML Responses, key pairs, and the pieces to build attacks. */
export type {
  DataEncryptionAlgorithmName,
  DigestAlgorithmName,
  KeyTransportAlgorithmName,
  SignatureAlgorithmName,
} from './algorithms.js';
export { type SampleAttributesOptions, sampleAttributes } from './attributes.js';
export { childElements, findAllById, parseXml, serializeXml } from './dom.js';
export {
  type EncryptAssertionOptions,
  type EncryptAttributesOptions,
  type EncryptedElementName,
  encryptAssertion,
  encryptAttributes,
  encryptedElementXml,
} from './encrypt.js';
export { base64, type CreateTestIdpOptions, createTestIdp, type TestIdp } from './idp.js';
export { type GenerateKeyPairOptions, generateKeyPair, type KeyPair } from './keys.js';
export type { TestIdpMetadataOptions } from './metadata.js';
export {
  DEFAULT_IDP_ENTITY_ID,
  type EncryptAttributesOption,
  type EncryptForOption,
  type Instant,
  NAMEID_FORMAT,
  type SignWhat,
  STATUS,
  type StatusOption,
  TEST_SP,
  type TestResponseOptions,
} from './options.js';
export { type BuiltResponse, buildResponseXml } from './response-xml.js';
export { type SignXmlOptions, signXml } from './sign.js';
