/**
 * Turns the received SAMLResponse (raw XML, or the base64 value of the HTTP-POST field; string or
 * bytes) into XML text. The size bound applies to the input AS RECEIVED, in either encoding, and
 * is checked before anything else: an oversized input costs one comparison, never a scan, a
 * decode or a parse, however close to the limit it is. (A bound on the decoded size would have to
 * decode, or at least scan, base64 inputs just over it.) This is the same bound the HTTP layer
 * puts on the whole form body, so a base64 response is held to ~3/4 of `maxBytes` of XML.
 *
 * Raw DEFLATE (the HTTP-Redirect encoding) is refused on this path: the POST binding never
 * deflates, and inflating attacker input is a decompression bomb waiting to happen.
 */
import type { ValidationCode } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';

export interface DecodedInput {
  readonly text: string;
  readonly encoding: 'xml' | 'base64';
  /** The XML's size in bytes. */
  readonly bytes: number;
  /** The response as base64, as received when it came base64-encoded. */
  readonly base64: () => string;
}

export interface InputFault {
  readonly code: Extract<ValidationCode, 'INPUT_TOO_LARGE' | 'INPUT_ENCODING_INVALID'>;
  readonly message: string;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

const BASE64_WS = /^[A-Za-z0-9+/\t\n\r ]*=?=?[\t\n\r ]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const tooLarge = (size: number, limit: number): E.Either<InputFault, never> =>
  E.left({
    code: 'INPUT_TOO_LARGE',
    message: 'The SAMLResponse is larger than the configured limit.',
    details: { size, limit },
  });

const invalid = (message: string, details: InputFault['details'] = {}): E.Either<InputFault, never> =>
  E.left({ code: 'INPUT_ENCODING_INVALID', message, details });

/** First character that is not whitespace or a BOM, looking at most 64 characters ahead. */
const firstSignificant = (s: string): string => {
  const end = Math.min(s.length, 64);
  for (let i = 0; i < end; i++) {
    const c = s[i] as string;
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '\uFEFF') return c;
  }
  return '';
};

const decodeUtf8 = (bytes: Uint8Array): string | null => {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
};

/**
 * Decodes the input under `maxBytes`.
 * @example
 * decodeInput(req.body.SAMLResponse, 1_048_576) // Right({ text: '<samlp:Response …', encoding: 'base64', … })
 */
export const decodeInput = (
  input: string | Uint8Array,
  maxBytes: number,
): E.Either<InputFault, DecodedInput> => {
  const length = typeof input === 'string' ? input.length : input.byteLength;
  if (length > maxBytes) return tooLarge(length, maxBytes);
  const head =
    typeof input === 'string' ? input.slice(0, 64) : Buffer.from(input.subarray(0, 64)).toString('latin1');
  if (firstSignificant(head) === '<') {
    // Raw XML.
    if (typeof input === 'string') {
      // Non-ASCII text can be longer in UTF-8 bytes than in UTF-16 units.
      const bytes = Buffer.byteLength(input, 'utf8');
      if (bytes > maxBytes) return tooLarge(bytes, maxBytes);
      const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
      return E.right({
        text,
        encoding: 'xml',
        bytes,
        base64: () => Buffer.from(input, 'utf8').toString('base64'),
      });
    }
    const text = decodeUtf8(input);
    if (text === null) return invalid('The XML is not valid UTF-8.');
    return E.right({
      text,
      encoding: 'xml',
      bytes: input.byteLength,
      base64: () => Buffer.from(input).toString('base64'),
    });
  }
  const b64 = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  // Node's decoder skips what is not base64, so the input is checked: by the encoding of what was
  // decoded, which equals canonical base64 exactly (the common case, a few times cheaper than a
  // scan), else by the pattern, which also admits line breaks and missing padding.
  const decoded = Buffer.from(b64, 'base64');
  if (decoded.toString('base64') !== b64 && !BASE64_WS.test(b64))
    return invalid('The SAMLResponse is neither XML nor base64.');
  const text = decodeUtf8(decoded);
  if (text === null || firstSignificant(text.slice(0, 64)) !== '<') {
    // Most often raw DEFLATE: the Redirect binding's encoding, which POST never uses.
    return invalid(
      'The decoded SAMLResponse is not XML (a deflated Redirect-binding value is not accepted here).',
      {
        encoding: 'base64',
      },
    );
  }
  return E.right({
    text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    encoding: 'base64',
    bytes: decoded.length,
    base64: () => b64,
  });
};
