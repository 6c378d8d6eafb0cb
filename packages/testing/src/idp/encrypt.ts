/**
 * Replaces a saml:Assertion with a saml:EncryptedAssertion, or saml:Attributes with
 * saml:EncryptedAttributes (XML Encryption 1.1), as IdPs do when the SP publishes an encryption
 * certificate: a fresh content key per element, wrapped for the SP's public key in an
 * EncryptedKey inside EncryptedData/KeyInfo.
 *
 * An element is encrypted exactly as it stands, so a signature made before encryption still
 * verifies after the SP decrypts it, and one made after covers the ciphertext.
 */
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
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

const XMLNS = 'http://www.w3.org/2000/xmlns/';

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

export interface EncryptAttributesOptions extends EncryptAssertionOptions {
  /** Every saml:Attribute with one of these Names is encrypted; a name matching none throws. */
  readonly names: readonly string[];
}

/** The SAML elements that wrap an `xenc:EncryptedData`. */
export type EncryptedElementName = 'saml:EncryptedAssertion' | 'saml:EncryptedAttribute' | 'saml:EncryptedID';

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
  for (const assertion of assertions) {
    replaceEncrypted(doc, assertion, 'saml:EncryptedAssertion', serializeXml(assertion), options);
  }
  return serializeXml(doc);
};

/**
 * Replaces each saml:Attribute named in `options.names`, in the AttributeStatements of every
 * saml:Assertion child of the root, with a saml:EncryptedAttribute in the same place (SAML core
 * §2.7.3.2). The plaintext is the Attribute with the Assertion's namespace declarations (saml,
 * xs, xsi), so it parses on its own. Throws when a name matches no Attribute.
 *
 * @example
 * const xml = encryptAttributes(unsignedXml, { certificatePem: sp.certificatePem, names: ['User.IsActive'] });
 */
export const encryptAttributes = (xml: string, options: EncryptAttributesOptions): string => {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  const unmatched = new Set(options.names);
  for (const assertion of root === null ? [] : childElements(root, NS.saml, 'Assertion')) {
    for (const statement of childElements(assertion, NS.saml, 'AttributeStatement')) {
      for (const attribute of childElements(statement, NS.saml, 'Attribute')) {
        const name = attribute.getAttribute('Name') ?? '';
        if (!options.names.includes(name)) continue;
        unmatched.delete(name);
        const plaintext = attribute.cloneNode(true) as Element;
        for (const [qname, uri] of namespaceDeclarations(assertion))
          if (!plaintext.hasAttribute(qname)) plaintext.setAttributeNS(XMLNS, qname, uri);
        replaceEncrypted(doc, attribute, 'saml:EncryptedAttribute', serializeXml(plaintext), options);
      }
    }
  }
  if (unmatched.size > 0)
    throw new Error(`encryptAttributes: no saml:Attribute named ${[...unmatched].join(', ')}`);
  return serializeXml(doc);
};

/**
 * `<wrapper><xenc:EncryptedData>…</xenc:EncryptedData></wrapper>` holding `plaintext` encrypted
 * for the SP's certificate. The plaintext is taken as given, so adversarial tests can encrypt
 * content that is not the element the wrapper promises (a NameID, two Attributes…).
 *
 * @example
 * const evil = encryptedElementXml('saml:EncryptedAttribute', '<saml:NameID>x</saml:NameID>', { certificatePem });
 */
export const encryptedElementXml = (
  wrapper: EncryptedElementName,
  plaintext: string,
  options: EncryptAssertionOptions,
  depth = 0,
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
  const tree = el(wrapper, { 'xmlns:saml': NS.saml }, [
    el('xenc:EncryptedData', { 'xmlns:xenc': NS.xenc, Type: `${NS.xenc}Element` }, [
      el('xenc:EncryptionMethod', { Algorithm: DATA_ENCRYPTION_ALGORITHMS[dataAlgorithm].uri }),
      el('ds:KeyInfo', { 'xmlns:ds': NS.ds }, [encryptedKey]),
      cipherValue(encryptContent(Buffer.from(plaintext, 'utf8'), dataAlgorithm, key)),
    ]),
  ]);
  return serialize(tree, options.indent ?? '', depth);
};

/** The `xmlns:…` declarations written on `element` itself. */
const namespaceDeclarations = (element: Element): [string, string][] => {
  const out: [string, string][] = [];
  for (let i = 0; i < element.attributes.length; i++) {
    const a = element.attributes.item(i);
    if (a !== null && a.namespaceURI === XMLNS) out.push([a.name, a.value]);
  }
  return out;
};

/** Replaces `target` by `wrapper` holding `plaintext`, indented for the target's depth. */
const replaceEncrypted = (
  doc: Document,
  target: Element,
  wrapper: EncryptedElementName,
  plaintext: string,
  options: EncryptAssertionOptions,
): void => {
  let depth = 0;
  for (let p = target.parentNode; p !== null && p !== doc; p = p.parentNode) depth++;
  const replacement = parseXml(encryptedElementXml(wrapper, plaintext, options, depth)).documentElement;
  if (replacement === null) throw new Error(`internal error building ${wrapper}`);
  target.parentNode?.replaceChild(doc.importNode(replacement, true), target);
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
