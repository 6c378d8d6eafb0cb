/**
 * Reads one SAML Response operand (a file, or `-` for standard input) with a hard size bound, so
 * that a multi-gigabyte file or an endless pipe is refused after reading at most `limit + 1` bytes
 * instead of exhausting memory. XML-vs-base64 detection is left to the validator.
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { type ValidationFailure, validationFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';

/**
 * The validator refuses documents over 1 MiB; the base64 form of such a document is about 4/3 of
 * that plus line breaks. Twice the validator's bound leaves room for both without letting a huge
 * operand into memory.
 */
export const DEFAULT_READ_LIMIT = 2 * 1_048_576;

export type ResponseInput = string | Uint8Array;

const tooLarge = (limit: number): ValidationFailure =>
  validationFailure('INPUT_TOO_LARGE', `The input is larger than ${limit} bytes.`, { limit });

const unreadable = (cause: unknown): ValidationFailure =>
  validationFailure('INPUT_UNREADABLE', 'The input could not be read.', {
    cause: cause instanceof Error && 'code' in cause ? String(cause.code) : 'unknown',
  });

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text when the bytes are UTF-8 (the BOM dropped), so base64 and XML are told apart by the
 * validator on one string; otherwise the bytes themselves (e.g. an ISO-8859-1 document, which
 * the validator reads or refuses by its XML declaration).
 */
export const decodeInput = (bytes: Uint8Array): ResponseInput => {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes;
  }
};

const readFileBounded = async (
  path: string,
  limit: number,
): Promise<E.Either<ValidationFailure, Uint8Array>> => {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const stat = await handle.stat();
    if (stat.isFile() && stat.size > limit) return E.left(tooLarge(limit));
    // Read at most limit + 1 bytes: a FIFO or a file growing under us is bounded all the same.
    const buffer = Buffer.alloc(Math.min(limit + 1, stat.isFile() ? stat.size + 1 : limit + 1));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled > limit ? E.left(tooLarge(limit)) : E.right(buffer.subarray(0, filled));
  } catch (cause) {
    return E.left(unreadable(cause));
  } finally {
    await handle?.close().catch(() => undefined);
  }
};

const readStreamBounded = (
  stream: Readable,
  limit: number,
): Promise<E.Either<ValidationFailure, Uint8Array>> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (result: E.Either<ValidationFailure, Uint8Array>): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      // Refused or failed: stop reading for good (an endless pipe must not keep the process alive).
      if (E.isLeft(result)) stream.destroy();
      else stream.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer | string): void => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += b.length;
      if (total > limit) finish(E.left(tooLarge(limit)));
      else chunks.push(b);
    };
    const onEnd = (): void => finish(E.right(Buffer.concat(chunks)));
    const onError = (cause: unknown): void => finish(E.left(unreadable(cause)));
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });

/**
 * Reads `operand` (`-` is standard input), refusing more than `limit` bytes.
 * @example
 * const input = await readResponseInput('response.xml', () => process.stdin);
 * // Right('<samlp:Response …') or Left({ code: 'INPUT_TOO_LARGE', … })
 */
export const readResponseInput = async (
  operand: string,
  stdin: () => Readable,
  limit: number = DEFAULT_READ_LIMIT,
): Promise<E.Either<ValidationFailure, ResponseInput>> => {
  const bytes =
    operand === '-' ? await readStreamBounded(stdin(), limit) : await readFileBounded(operand, limit);
  return E.map(decodeInput)(bytes);
};
