/**
 * The floor: the least work any validator built on @xmldom/xmldom and xml-crypto's canonicaliser
 * must do to trust one signed element, and nothing else — no checks a real validator needs
 * (placement, algorithms, duplicate IDs, protocol rules), no error handling, no report. Per call:
 *
 *   base64 decode → ONE @xmldom/xmldom 0.9 parse → reach the signed element by its known
 *   position → [encrypted: RSA-OAEP unwrap of the content key, AES decrypt, one parse of the
 *   plaintext assertion] → detach its Signature (the enveloped-signature transform) → exclusive
 *   c14n (xml-crypto's ExclusiveCanonicalization) → SHA-256, compared with DigestValue →
 *   exclusive c14n of SignedInfo → one RSA-2048 verify with a KeyObject parsed once.
 *
 * Every figure in the tables is a ratio to this, measured on the same bytes in the same run.
 */
import {
  constants,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  verify,
} from 'node:crypto';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto';
import type { BenchInput, BenchWorld } from './inputs.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const ELEMENT_NODE = 1;

const child = (parent: Node, ns: string, name: string): Element => {
  for (let n = parent.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE) {
      const e = n as Element;
      if (e.localName === name && e.namespaceURI === ns) return e;
    }
  }
  throw new Error(`floor: no ${name} child`);
};

const text = (e: Element): string => e.textContent ?? '';

/** What the floor needs prepared once: the parser, the canonicaliser and the parsed keys. */
export interface Floor {
  /** One floor operation on a base64 SAMLResponse; throws unless the signature verifies. */
  run(base64: string): void;
}

const AES: Readonly<Record<string, { cipher: string; iv: number; gcm: boolean }>> = {
  'http://www.w3.org/2009/xmlenc11#aes256-gcm': { cipher: 'aes-256-gcm', iv: 12, gcm: true },
  'http://www.w3.org/2009/xmlenc11#aes128-gcm': { cipher: 'aes-128-gcm', iv: 12, gcm: true },
  'http://www.w3.org/2001/04/xmlenc#aes256-cbc': { cipher: 'aes-256-cbc', iv: 16, gcm: false },
  'http://www.w3.org/2001/04/xmlenc#aes128-cbc': { cipher: 'aes-128-cbc', iv: 16, gcm: false },
};

/**
 * Prepares the floor for one input (where its signature sits is known in advance: that is part of
 * what makes it a floor).
 * @example
 * makeFloor(world, input).run(input.base64); // throws if the signature does not verify
 */
export const makeFloor = (world: BenchWorld, input: BenchInput): Floor => {
  const parser = new DOMParser();
  const c14n = new ExclusiveCanonicalization();
  const publicKey = createPublicKey(world.idp.certificatePem);
  const privateKey = createPrivateKey(world.sp.privateKeyPem);
  const parse = (xml: string): Element => {
    const doc = parser.parseFromString(xml, 'text/xml');
    if (doc.documentElement === null) throw new Error('floor: no document element');
    return doc.documentElement;
  };
  const decrypt = (encryptedAssertion: Element): Element => {
    const data = child(encryptedAssertion, XENC, 'EncryptedData');
    const method = AES[child(data, XENC, 'EncryptionMethod').getAttribute('Algorithm') ?? ''];
    if (method === undefined) throw new Error('floor: unknown data algorithm');
    const encryptedKey = child(child(data, DSIG, 'KeyInfo'), XENC, 'EncryptedKey');
    const wrapped = Buffer.from(
      text(child(child(encryptedKey, XENC, 'CipherData'), XENC, 'CipherValue')),
      'base64',
    );
    const key = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      wrapped,
    );
    const sealed = Buffer.from(text(child(child(data, XENC, 'CipherData'), XENC, 'CipherValue')), 'base64');
    const iv = sealed.subarray(0, method.iv);
    let plain: Buffer;
    if (method.gcm) {
      const decipher = createDecipheriv(method.cipher as 'aes-256-gcm', key, iv);
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      plain = Buffer.concat([
        decipher.update(sealed.subarray(method.iv, sealed.length - 16)),
        decipher.final(),
      ]);
    } else {
      const decipher = createDecipheriv(method.cipher, key, iv);
      plain = Buffer.concat([decipher.update(sealed.subarray(method.iv)), decipher.final()]);
    }
    return parse(plain.toString('utf8'));
  };
  const signedElementOf = (root: Element): Element => {
    switch (input.protection) {
      case 'response':
        return root;
      case 'assertion':
        return child(root, 'urn:oasis:names:tc:SAML:2.0:assertion', 'Assertion');
      default:
        return decrypt(child(root, 'urn:oasis:names:tc:SAML:2.0:assertion', 'EncryptedAssertion'));
    }
  };
  return {
    run: (base64) => {
      const root = parse(Buffer.from(base64, 'base64').toString('utf8'));
      const signed = signedElementOf(root);
      const signature = child(signed, DSIG, 'Signature');
      const signedInfo = child(signature, DSIG, 'SignedInfo');
      const reference = child(signedInfo, DSIG, 'Reference');
      signed.removeChild(signature);
      const digest = createHash('sha256')
        .update(c14n.process(signed as never, {}))
        .digest('base64');
      if (digest !== text(child(reference, DSIG, 'DigestValue'))) throw new Error('floor: digest mismatch');
      const value = Buffer.from(text(child(signature, DSIG, 'SignatureValue')), 'base64');
      if (!verify('RSA-SHA256', Buffer.from(c14n.process(signedInfo as never, {})), publicKey, value)) {
        throw new Error('floor: signature does not verify');
      }
    },
  };
};
