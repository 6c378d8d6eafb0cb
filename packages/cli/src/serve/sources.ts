/**
 * Certificates, keys and metadata in `serve`'s configuration are given inline (PEM text, metadata
 * XML) or as a file path, relative to the configuration file. Inline is recognised by its shape
 * (`-----BEGIN`, `<`), so a path never has to be quoted specially. Files are read with a size bound:
 * a configuration value is a small document, never something to stream.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';

/** Larger than any certificate, key or IdP metadata document we have met (federation metadata excepted). */
export const MAX_CONFIG_FILE_BYTES = 4 * 1_048_576;

/** Reads a file named in the configuration (relative to `baseDir`), bounded. */
export const readConfigPath = async (
  field: string,
  path: string,
  baseDir: string,
): Promise<E.Either<CliFailure, Uint8Array>> => {
  const full = isAbsolute(path) ? path : resolve(baseDir, path);
  try {
    const info = await stat(full);
    if (!info.isFile()) return E.left(cliFailure(`${field}: '${path}' is not a file`));
    if (info.size > MAX_CONFIG_FILE_BYTES) {
      return E.left(cliFailure(`${field}: '${path}' is larger than ${MAX_CONFIG_FILE_BYTES} bytes`));
    }
    return E.right(new Uint8Array(await readFile(full)));
  } catch (cause) {
    const code = cause instanceof Error && 'code' in cause ? String(cause.code) : 'unreadable';
    return E.left(cliFailure(`${field}: cannot read '${path}' (${code})`));
  }
};

/** PEM text as given, or the bytes of the file it names (a certificate file may also be DER). */
export const pemOrPath = async (
  field: string,
  value: string,
  baseDir: string,
): Promise<E.Either<CliFailure, string | Uint8Array>> =>
  value.includes('-----BEGIN ') ? E.right(value) : readConfigPath(field, value, baseDir);

/** Metadata XML as given, or the text of the file it names. */
export const xmlOrPath = async (
  field: string,
  value: string,
  baseDir: string,
): Promise<E.Either<CliFailure, string>> => {
  if (value.trimStart().startsWith('<')) return E.right(value);
  return E.map((b: Uint8Array) => Buffer.from(b).toString('utf8'))(
    await readConfigPath(field, value, baseDir),
  );
};

/** Text of a PEM value (a key must be text; a DER key file is refused by the key parser). */
export const asText = (v: string | Uint8Array): string =>
  typeof v === 'string' ? v : Buffer.from(v).toString('utf8');
