/**
 * The test IdP: a key pair and an entity ID that turn options into complete, signed (and
 * optionally encrypted) SAML 2.0 Responses, the way deployed IdPs produce them.
 *
 * Order of work, as real IdPs do it: build (EncryptedAttributes included) → sign the assertion →
 * encrypt it → sign the Response, so the assertion's signature covers its EncryptedAttributes and
 * a response-level signature covers the EncryptedAssertion.
 */
import { X509Certificate } from 'node:crypto';
import type { Document } from '@xmldom/xmldom';
import { parseXml, serializeXml } from './dom.js';
import { encryptAssertion, encryptAttributes } from './encrypt.js';
import { assertPrivateKey, generateKeyPair, type KeyPair } from './keys.js';
import { metadataXml, type TestIdpMetadataOptions } from './metadata.js';
import { DEFAULT_IDP_ENTITY_ID, type TestResponseOptions } from './options.js';
import { buildResponseXml, indentOf } from './response-xml.js';
import { type SignXmlOptions, signXml } from './sign.js';

export interface TestIdp {
  readonly entityId: string;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** A complete SAML Response (XML), signed per `opts.sign` (default: the assertion). */
  response(opts?: TestResponseOptions): string;
  /** The same, base64-encoded: the value of the HTTP-POST binding's `SAMLResponse` field. */
  responseBase64(opts?: TestResponseOptions): string;
  /** Signs the element with this ID using the IdP's key (for hand-built or wrapped documents). */
  sign(xml: string, opts: Omit<SignXmlOptions, 'privateKeyPem' | 'certificatePem'>): string;
  /** IdP metadata: entityID, the signing certificate, SSO service locations. */
  metadata(opts?: TestIdpMetadataOptions): string;
}

export interface CreateTestIdpOptions {
  /** Default `https://idp.example.test`. */
  readonly entityId?: string;
  /** Default: a fresh RSA-2048 key and self-signed certificate. */
  readonly keyPair?: KeyPair;
}

/**
 * Creates a test IdP. Without `keyPair` it generates an RSA-2048 key and a self-signed
 * certificate (about 50–300 ms), so create one per suite, not per test.
 *
 * @example
 * const idp = createTestIdp({ entityId: 'https://idp.example.test' });
 * const xml = idp.response({
 *   now: new Date('2030-01-01T00:00:00Z'),
 *   nameId: 'alice@example.test',
 *   attributes: { 'User.Email': ['alice@example.test'], groups: ['a', 'b'] },
 *   sign: 'both',
 * });
 */
export const createTestIdp = (opts: CreateTestIdpOptions = {}): TestIdp => {
  const entityId = opts.entityId ?? DEFAULT_IDP_ENTITY_ID;
  const keyPair = opts.keyPair ?? generateKeyPair({ commonName: hostOf(entityId) });
  // Fail at creation, not at the first response, when the given key pair is unusable.
  new X509Certificate(keyPair.certificatePem);
  assertPrivateKey(keyPair.privateKeyPem);
  const response = (options: TestResponseOptions = {}): string =>
    buildSignedResponse(entityId, keyPair, options);
  return {
    entityId,
    certificatePem: keyPair.certificatePem,
    privateKeyPem: keyPair.privateKeyPem,
    response,
    responseBase64: (options = {}) => base64(response(options)),
    sign: (xml, signOptions) => signXml(xml, { ...signOptions, ...keyPair }),
    metadata: (metadataOptions = {}) => metadataXml(entityId, keyPair.certificatePem, metadataOptions),
  };
};

/**
 * Base64 of the UTF-8 bytes: the HTTP-POST binding's form value.
 *
 * @example
 * const body = new URLSearchParams({ SAMLResponse: base64(xml) });
 */
export const base64 = (xml: string): string => Buffer.from(xml, 'utf8').toString('base64');

const buildSignedResponse = (entityId: string, keyPair: KeyPair, o: TestResponseOptions): string => {
  const built = buildResponseXml({ ...o, issuer: o.issuer ?? entityId });
  const sign = o.sign ?? 'assertion';
  const algorithms = {
    ...keyPair,
    ...(o.signatureAlgorithm === undefined ? {} : { signatureAlgorithm: o.signatureAlgorithm }),
    ...(o.digestAlgorithm === undefined ? {} : { digestAlgorithm: o.digestAlgorithm }),
  };
  let xml = built.xml;
  if (built.assertionId !== null && o.encryptAttributes !== undefined) {
    xml = encryptAttributes(xml, { ...o.encryptAttributes, indent: indentOf(o.pretty) });
  }
  if (o.beforeSign !== undefined) xml = edit(xml, o.beforeSign);
  if (built.assertionId !== null && (sign === 'assertion' || sign === 'both')) {
    xml = signXml(xml, { ...algorithms, reference: built.assertionId });
  }
  if (built.assertionId !== null && o.encryptFor !== undefined) {
    xml = encryptAssertion(xml, { ...o.encryptFor, indent: indentOf(o.pretty) });
  }
  if (sign === 'response' || sign === 'both') {
    xml = signXml(xml, { ...algorithms, reference: built.responseId });
  }
  return o.afterSign === undefined ? xml : edit(xml, o.afterSign);
};

const edit = (xml: string, mutate: (doc: Document) => void): string => {
  const doc = parseXml(xml);
  mutate(doc);
  return serializeXml(doc);
};

const hostOf = (entityId: string): string => {
  try {
    return new URL(entityId).host || entityId;
  } catch {
    return entityId;
  }
};
