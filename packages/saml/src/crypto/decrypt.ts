/**
 * XML Encryption for `EncryptedAssertion`, `EncryptedID` and `EncryptedAttribute`: RSA-OAEP key
 * transport (xmlenc `rsa-oaep-mgf1p`, and xmlenc 1.1 `rsa-oaep` when its digest and MGF1 digest
 * agree — Node uses one hash for both), AES-GCM or AES-CBC content, the EncryptedKey inline in
 * KeyInfo or a sibling referenced by RetrievalMethod. RSA 1.5 is refused before any cryptography.
 *
 * Every failure after the algorithm checks is the same `DECRYPTION_FAILED` with the same message,
 * and a key-transport failure continues with a random content key, so a wrong key, a tampered
 * EncryptedKey, bad padding or a bad GCM tag all fail at the same step.
 */
import { constants, createDecipheriv, privateDecrypt, randomBytes } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { attr, childElements, childNamed, is, textOf } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import {
  CONTENT_ALGORITHMS,
  type ContentAlgorithm,
  DIGEST_ALGORITHMS,
  KEY_TRANSPORT_OAEP_11,
  KEY_TRANSPORT_OAEP_MGF1P,
  MGF1_HASHES,
} from './algorithms.js';
import type { DecryptionKey } from './certificate.js';

export interface DecryptFault {
  readonly code: 'DECRYPTION_FAILED' | 'ENCRYPTION_ALGORITHM_DISALLOWED';
  readonly message: string;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

export const DECRYPTION_FAILED_MESSAGE = 'The encrypted content could not be decrypted.';

const failed: E.Either<DecryptFault, never> = E.left({
  code: 'DECRYPTION_FAILED',
  message: DECRYPTION_FAILED_MESSAGE,
  details: {},
});

const disallowed = (what: string, algorithm: string | null): E.Either<DecryptFault, never> =>
  E.left({
    code: 'ENCRYPTION_ALGORITHM_DISALLOWED',
    message: `The ${what} algorithm is not allowed.`,
    details: { algorithm },
  });

interface KeyTransport {
  readonly hash: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  readonly label: Buffer | undefined;
  readonly cipherValue: Buffer | null;
}

const base64 = (el: Element | null): Buffer | null => {
  if (el === null) return null;
  const compact = textOf(el).replace(/[ \t\r\n]+/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0
    ? Buffer.from(compact, 'base64')
    : null;
};

const cipherValueOf = (owner: Element): Buffer | null => {
  const data = childNamed(owner, NS.xenc, 'CipherData');
  return data === null ? null : base64(childNamed(data, NS.xenc, 'CipherValue'));
};

const keyTransport = (ek: Element): E.Either<DecryptFault, KeyTransport> => {
  const method = childNamed(ek, NS.xenc, 'EncryptionMethod');
  const uri = method === null ? null : attr(method, 'Algorithm');
  if (method === null || (uri !== KEY_TRANSPORT_OAEP_MGF1P && uri !== KEY_TRANSPORT_OAEP_11)) {
    return disallowed('key transport', uri);
  }
  const dm = childNamed(method, NS.ds, 'DigestMethod');
  const digestUri = dm === null ? null : attr(dm, 'Algorithm');
  const hash = digestUri === null ? 'sha1' : DIGEST_ALGORITHMS.get(digestUri)?.hash;
  if (hash === undefined) return disallowed('key transport digest', digestUri);
  // rsa-oaep-mgf1p fixes MGF1 to SHA-1; xmlenc11 names it in xenc11:MGF (default SHA-1).
  const mgf = uri === KEY_TRANSPORT_OAEP_11 ? childNamed(method, NS.xenc11, 'MGF') : null;
  const mgfUri = mgf === null ? null : attr(mgf, 'Algorithm');
  const mgfHash = mgfUri === null ? 'sha1' : MGF1_HASHES.get(mgfUri);
  if (mgfHash !== hash)
    return disallowed('key transport MGF1', mgfUri ?? `mgf1${mgfHash ?? '?'} with ${hash}`);
  const params = childNamed(method, NS.xenc, 'OAEPparams');
  const label = params === null ? undefined : (base64(params) ?? undefined);
  return E.right({ hash, label, cipherValue: cipherValueOf(ek) });
};

/** EncryptedKeys for `data`: inline in its KeyInfo, or siblings (RetrievalMethod or plain). */
const encryptedKeys = (container: Element, data: Element): Element[] => {
  const keyInfo = childNamed(data, NS.ds, 'KeyInfo');
  if (keyInfo !== null) {
    const inline = childElements(keyInfo).filter((k) => is(k, NS.xenc, 'EncryptedKey'));
    if (inline.length > 0) return inline;
    const rm = childNamed(keyInfo, NS.ds, 'RetrievalMethod');
    const uri = rm === null ? null : attr(rm, 'URI');
    if (uri !== null) {
      return childElements(container).filter(
        (k) => is(k, NS.xenc, 'EncryptedKey') && uri.startsWith('#') && attr(k, 'Id') === uri.slice(1),
      );
    }
  }
  return childElements(container).filter((k) => is(k, NS.xenc, 'EncryptedKey'));
};

const unwrap = (
  keys: readonly DecryptionKey[],
  transports: readonly KeyTransport[],
  size: number,
): Buffer => {
  for (const t of transports) {
    if (t.cipherValue === null) continue;
    for (const k of keys) {
      try {
        const cek = privateDecrypt(
          {
            key: k.key,
            padding: constants.RSA_PKCS1_OAEP_PADDING,
            oaepHash: t.hash,
            ...(t.label === undefined ? {} : { oaepLabel: t.label }),
          },
          t.cipherValue,
        );
        if (cek.length === size) return cek;
      } catch {
        // Try the next key; never report which one failed.
      }
    }
  }
  // No key worked: carry on with a random key so the failure surfaces at the same step.
  return randomBytes(size);
};

const decryptContent = (alg: ContentAlgorithm, key: Buffer, data: Buffer): Buffer | null => {
  try {
    if (alg.mode === 'gcm') {
      if (data.length < 12 + 16) return null;
      const d = createDecipheriv(alg.cipher as 'aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([d.update(data.subarray(12, data.length - 16)), d.final()]);
    }
    if (data.length < 32 || data.length % 16 !== 0) return null;
    const d = createDecipheriv(alg.cipher, key, data.subarray(0, 16));
    d.setAutoPadding(false);
    const plain = Buffer.concat([d.update(data.subarray(16)), d.final()]);
    // XML Encryption padding: the last byte is the pad length, the others are arbitrary.
    const pad = plain[plain.length - 1] ?? 0;
    return pad >= 1 && pad <= 16 ? plain.subarray(0, plain.length - pad) : null;
  } catch {
    return null;
  }
};

/**
 * Decrypts the `xenc:EncryptedData` inside `container` (an EncryptedAssertion, EncryptedID or
 * EncryptedAttribute) and returns the plaintext bytes. Never throws.
 * @example
 * decryptElement(encryptedAssertion, [spKey]) // Right(<Buffer 3c 73 61 6d 6c …>)
 */
export const decryptElement = (
  container: Element,
  keys: readonly DecryptionKey[],
): E.Either<DecryptFault, Buffer> => {
  const datas = childElements(container).filter((c) => is(c, NS.xenc, 'EncryptedData'));
  const data = datas[0];
  if (data === undefined || datas.length > 1) return failed;
  const method = childNamed(data, NS.xenc, 'EncryptionMethod');
  const contentUri = method === null ? null : attr(method, 'Algorithm');
  const content = contentUri === null ? undefined : CONTENT_ALGORITHMS.get(contentUri);
  if (content === undefined) return disallowed('content encryption', contentUri);
  const transports: KeyTransport[] = [];
  for (const ek of encryptedKeys(container, data)) {
    const t = keyTransport(ek);
    if (E.isLeft(t)) return t;
    transports.push(t.right);
  }
  const cipherValue = cipherValueOf(data);
  const cek = unwrap(keys, transports, content.keyBytes);
  if (cipherValue === null) return failed;
  const plain = decryptContent(content, cek, cipherValue);
  return plain === null ? failed : E.right(plain);
};
