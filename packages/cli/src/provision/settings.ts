/**
 * What `provision` reads besides the validation settings, all before any response: the JIT
 * configuration, the directory, and the site. Each failure is exit status 2 with one line.
 */
import { type DirectorySnapshot, idForms, type SsoConfig } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ParsedArgs } from '../args.js';
import { type CliFailure, cliFailure } from '../io.js';
import { readDirectoryFile } from './directory-file.js';
import { readJitConfig } from './jit-config.js';

export interface ProvisionSettings {
  readonly config: SsoConfig;
  readonly snapshot: DirectorySnapshot;
  /** `--site`: the Experience Cloud site (community) ID, or null. */
  readonly siteId: string | null;
}

/**
 * @example
 * await readProvisionSettings(parsed) // Left('missing --jit-config …') → exit status 2
 */
export const readProvisionSettings = async (
  parsed: ParsedArgs,
): Promise<E.Either<CliFailure, ProvisionSettings>> => {
  const configPath = parsed.values.get('jit-config');
  if (configPath === undefined) return E.left(cliFailure('missing --jit-config (the JIT setting)'));
  const directoryPath = parsed.values.get('directory');
  if (directoryPath === undefined) return E.left(cliFailure("missing --directory (the org's records)"));
  const site = parsed.values.get('site') ?? null;
  if (site !== null && site.trim() === '') return E.left(cliFailure('--site must not be empty'));
  const config = await readJitConfig(configPath);
  if (E.isLeft(config)) return config;
  const snapshot = await readDirectoryFile(directoryPath);
  if (E.isLeft(snapshot)) return snapshot;
  if (site !== null) {
    const networks = new Set(snapshot.right.Network.map((n) => n.Id));
    if (!idForms(site).some((id) => networks.has(id)))
      return E.left(
        cliFailure(`--site '${site}' names no Network row of --directory (an Experience Cloud site)`),
      );
  }
  return E.right({ config: config.right, snapshot: snapshot.right, siteId: site });
};
