/**
 * Replaces a saml:Assertion with a saml:EncryptedAssertion (XML Encryption 1.1), as IdPs do
 * when the SP publishes an encryption certificate: a fresh content key wrapped for the SP's
 * public key in an EncryptedKey inside EncryptedData/KeyInfo.
 *
 * The assertion is encrypted exactly as it stands, so a signature made before encryption
 * still verifies after the SP decrypts it.
 */
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import {
  DATA_ENCRYPTION_ALGORITHMS,
  type DataEncryptionAlgorithmName,
  DIGEST_ALGORITHMS,
  KEY_TRANSPORT_ALGORITHMS,
  type KeyTransportAlgorithmName,
  NS,
} from './algorithms.js';
import { childElements, parseXml, serializeXml } from './dom.js';
import { el, serialize } from './xml-tree.js';

export interface EncryptAssertionOptions {
  /** The SP's certificate (PEM); its public key wraps the content key. */
  readonly certificatePem: string;
  /** Default `aes256-gcm`. */
  readonly dataAlgorithm?: DataEncryptionAlgorithmName;
  /** Default `rsa-oaep-mgf1p`. */
  readonly keyTransport?: KeyTransportAlgorithmName;
  /** Indent string used for the replacement element (match the document's). Default compact. */
  readonly indent?: string;
}

/**
 * Encrypts every saml:Assertion child of the Response root in `xml` and returns the document.
 * Throws when the root holds no assertion.
 *
 * @example
 * const encrypted = encryptAssertion(signedXml, { certificatePem: sp.certificatePem, dataAlgorithm: 'aes128-cbc' });
 */
export const encryptAssertion = (xml: string, options: EncryptAssertionOptions): string => {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  const assertions = root === null ? [] : childElements(root, NS.saml, 'Assertion');
  if (root === null || assertions.length === 0)
    throw new Error('encryptAssertion: no saml:Assertion under the root');
  const indent = options.indent ?? '';
  for (const assertion of assertions) {
    const encrypted = encryptedAssertionXml(Buffer.from(serializeXml(assertion), 'utf8'), options, indent);
    const replacement = parseXml(encrypted).documentElement;
    if (replacement === null) throw new Error('encryptAssertion: internal error building EncryptedAssertion');
    root.replaceChild(doc.importNode(replacement, true), assertion);
  }
  return serializeXml(doc);
};

/** Ciphertext as XML Encryption lays it out: IV || ciphertext, and for GCM || 128-bit tag. */
const encryptContent = (plaintext: Buffer, algorithm: DataEncryptionAlgorithmName, key: Buffer): Buffer => {
  const spec = DATA_ENCRYPTION_ALGORITHMS[algorithm];
  const iv = randomBytes(spec.ivBytes);
  if (spec.cipher === 'aes-128-gcm' || spec.cipher === 'aes-256-gcm') {
    const gcm = createCipheriv(spec.cipher, key, iv);
    return Buffer.concat([iv, gcm.update(plaintext), gcm.final(), gcm.getAuthTag()]);
  }
  // Node pads CBC with PKCS#7, a valid instance of XML Encryption's padding (only the last byte is read).
  const cbc = createCipheriv(spec.cipher, key, iv);
  return Buffer.concat([iv, cbc.update(plaintext), cbc.final()]);
};

const wrapKey = (key: Buffer, certificatePem: string, transport: KeyTransportAlgorithmName): Buffer =>
  publicEncrypt(
    transport === 'rsa-oaep-mgf1p'
      ? { key: createPublicKey(certificatePem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }
      : { key: createPublicKey(certificatePem), padding: constants.RSA_PKCS1_PADDING },
    key,
  );

const encryptedAssertionXml = (
  plaintext: Buffer,
  options: EncryptAssertionOptions,
  indent: string,
): string => {
  const dataAlgorithm = options.dataAlgorithm ?? 'aes256-gcm';
  const transport = options.keyTransport ?? 'rsa-oaep-mgf1p';
  const key = randomBytes(DATA_ENCRYPTION_ALGORITHMS[dataAlgorithm].keyBytes);
  const cipherValue = (bytes: Buffer) =>
    el('xenc:CipherData', {}, [el('xenc:CipherValue', {}, [bytes.toString('base64')])]);
  const encryptedKey = el('xenc:EncryptedKey', {}, [
    el(
      'xenc:EncryptionMethod',
      { Algorithm: KEY_TRANSPORT_ALGORITHMS[transport] },
      transport === 'rsa-oaep-mgf1p' ? [el('ds:DigestMethod', { Algorithm: DIGEST_ALGORITHMS.sha1 })] : [],
    ),
    cipherValue(wrapKey(key, options.certificatePem, transport)),
  ]);
  const tree = el('saml:EncryptedAssertion', { 'xmlns:saml': NS.saml }, [
    el('xenc:EncryptedData', { 'xmlns:xenc': NS.xenc, Type: `${NS.xenc}Element` }, [
      el('xenc:EncryptionMethod', { Algorithm: DATA_ENCRYPTION_ALGORITHMS[dataAlgorithm].uri }),
      el('ds:KeyInfo', { 'xmlns:ds': NS.ds }, [encryptedKey]),
      cipherValue(encryptContent(plaintext, dataAlgorithm, key)),
    ]),
  ]);
  // Depth 1: the EncryptedAssertion sits directly under the Response root.
  return serialize(tree, indent, 1);
};
