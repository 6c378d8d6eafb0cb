/**
 * The ACS POST body → the `SAMLResponse` and `RelayState` form fields, under a size bound. The
 * body may arrive as raw bytes, as a stream (a Node request, a web `ReadableStream`), or already
 * parsed by the framework; a stream is read only up to the bound, so a huge body costs at most
 * `maxBytes` of memory. Only `application/x-www-form-urlencoded` is read (the HTTP-POST binding).
 */

import { type ValidationFailure, validationFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';

/** Fields a framework has already parsed from the form. */
export interface AcsFields {
  readonly SAMLResponse?: unknown;
  readonly RelayState?: unknown;
}

/** A web `ReadableStream` of bytes (Fetch API bodies), described by the little we use of it. */
export interface ByteStream {
  getReader(): { read(): Promise<{ readonly done: boolean; readonly value?: Uint8Array | undefined }> };
}

/** Whatever the adapter has: raw bytes, a stream of them (Node or web), or parsed fields. */
export type AcsBody = Uint8Array | string | AsyncIterable<Uint8Array> | ByteStream | AcsFields;

export interface AcsForm {
  /** The base64 `SAMLResponse` value, as posted. */
  readonly samlResponse: string;
  /** The posted `RelayState`, or null when absent or given more than once. */
  readonly relayState: string | null;
}

/** The HTTP-POST binding's bound on the whole body: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

const tooLarge = (limit: number): ValidationFailure =>
  validationFailure('INPUT_TOO_LARGE', 'The request body is over the size limit.', { limit });

const missing = (why: string): ValidationFailure =>
  validationFailure(
    'SAML_RESPONSE_MISSING',
    `The request carries no single SAMLResponse form field: ${why}.`,
  );

const isAsyncIterable = (u: unknown): u is AsyncIterable<Uint8Array> =>
  typeof u === 'object' && u !== null && Symbol.asyncIterator in u;

const isByteStream = (u: unknown): u is ByteStream =>
  typeof u === 'object' && u !== null && typeof (u as { getReader?: unknown }).getReader === 'function';

/** A web stream read through its reader, which every Fetch API runtime has. */
async function* chunksOf(stream: ByteStream): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    if (value !== undefined) yield value;
  }
}

/**
 * Reads at most `limit` bytes. The iterator is advanced by hand and never `return`ed: ending a
 * Node request's iterator destroys its socket, and the 413 must still be written on it.
 */
const readLimited = async (
  source: AsyncIterable<Uint8Array>,
  limit: number,
): Promise<E.Either<ValidationFailure, Uint8Array>> => {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const it = source[Symbol.asyncIterator]();
    for (;;) {
      const next = await it.next();
      if (next.done === true) return E.right(Buffer.concat(chunks));
      total += next.value.byteLength;
      if (total > limit) return E.left(tooLarge(limit));
      chunks.push(next.value);
    }
  } catch {
    // The client went away mid-upload, or a middleware had already consumed the stream.
    return E.left(validationFailure('INPUT_UNREADABLE', 'The request body could not be read.'));
  }
};

const isForm = (contentType: string | null): boolean =>
  contentType !== null &&
  contentType.split(';', 1)[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';

const single = (values: readonly unknown[]): string | null =>
  values.length === 1 && typeof values[0] === 'string' ? values[0] : null;

const fromFields = (fields: AcsFields, limit: number): E.Either<ValidationFailure, AcsForm> => {
  const responses = Array.isArray(fields.SAMLResponse) ? fields.SAMLResponse : [fields.SAMLResponse];
  const relays = Array.isArray(fields.RelayState) ? fields.RelayState : [fields.RelayState];
  const samlResponse = single(responses.filter((v) => v !== undefined));
  if (samlResponse === null || samlResponse === '') return E.left(missing('absent, empty or repeated'));
  const relayState = single(relays.filter((v) => v !== undefined));
  if (samlResponse.length + (relayState?.length ?? 0) > limit) return E.left(tooLarge(limit));
  return E.right({ samlResponse, relayState });
};

const fromBytes = (bytes: Uint8Array, contentType: string | null, limit: number) => {
  if (bytes.byteLength > limit) return E.left(tooLarge(limit));
  if (!isForm(contentType)) return E.left(missing('the body is not application/x-www-form-urlencoded'));
  const params = new URLSearchParams(Buffer.from(bytes).toString('latin1'));
  return fromFields(
    { SAMLResponse: params.getAll('SAMLResponse'), RelayState: params.getAll('RelayState') },
    limit,
  );
};

/**
 * Reads the form of an ACS POST.
 * @example
 * await readAcsForm('SAMLResponse=PHNhbWxwOl...&RelayState=%2F', 'application/x-www-form-urlencoded', 1_048_576)
 */
export const readAcsForm = async (
  body: AcsBody,
  contentType: string | null,
  limit: number,
  contentLength: number | null = null,
): Promise<E.Either<ValidationFailure, AcsForm>> => {
  if (typeof body === 'string') return fromBytes(Buffer.from(body, 'utf8'), contentType, limit);
  if (body instanceof Uint8Array) return fromBytes(body, contentType, limit);
  if (isAsyncIterable(body) || isByteStream(body)) {
    // A declared length over the bound is refused before a byte is read.
    if (contentLength !== null && contentLength > limit) return E.left(tooLarge(limit));
    if (!isForm(contentType)) return E.left(missing('the body is not application/x-www-form-urlencoded'));
    const bytes = await readLimited(isByteStream(body) ? chunksOf(body) : body, limit);
    return E.isLeft(bytes) ? bytes : fromBytes(bytes.right, contentType, limit);
  }
  return fromFields(body, limit);
};

/**
 * A `Content-Length` header as a number, or null when absent or not a plain decimal.
 * @example
 * contentLengthOf('1024') // 1024
 */
export const contentLengthOf = (header: string | readonly string[] | null | undefined): number | null =>
  typeof header === 'string' && /^\d{1,15}$/.test(header.trim()) ? Number(header.trim()) : null;
