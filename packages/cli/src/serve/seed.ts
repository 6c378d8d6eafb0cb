/**
 * `--seed FILE`: a directory snapshot in the `saml-jit provision --directory` format (Organization,
 * Profile, UserRole, User, Contact, Account, Network, Portal, CustomField; every key optional, a
 * missing array empty), checked by the very decoder `provision` uses and upserted by
 * `Directory.seed` at start. Seeding is an upsert by Id, so every instance of a fleet may seed the
 * same file.
 */
import type { DirectorySnapshot } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';
import { decodeDirectory } from '../provision/directory-file.js';
import { readJsonFile } from '../provision/json-file.js';

/**
 * Reads and checks `--seed FILE`.
 * @example
 * const snapshot = await loadSnapshot('seed.json'); // Left(CliFailure) → exit status 2
 */
export const loadSnapshot = async (path: string): Promise<E.Either<CliFailure, DirectorySnapshot>> => {
  const json = await readJsonFile('seed', path);
  if (E.isLeft(json)) return json;
  // The decoder names the option it was written for; here the file came from --seed.
  return E.mapLeft((f: CliFailure) => cliFailure(f.message.replace(/^--directory /, '--seed ')))(
    decodeDirectory(json.right, path),
  );
};
