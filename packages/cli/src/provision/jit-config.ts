/**
 * `--jit-config FILE`: the SAML SSO setting's JIT part, in Salesforce's SamlSsoConfig names,
 * checked as Salesforce checks it when saving (JIT needs the Federation ID identity type). Read
 * before any response: a configuration Salesforce would refuse is exit status 2.
 */
import { decodeSsoConfig, type SsoConfig } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';
import { readJsonFile } from './json-file.js';

/** The keys `--jit-config` may hold; any other is refused (a typo must not be ignored). */
export const JIT_CONFIG_KEYS = [
  'identityMapping',
  'identityLocation',
  'attributeName',
  'userProvisioning',
  'errorUrl',
  'provisioningType',
] as const;

/**
 * Reads and checks the JIT configuration. `provisioningType: custom` is refused: a dry run from
 * the command line has no custom handler to run.
 * @example
 * await readJitConfig('jit.json') // Right({ identityMapping: 'FederationId', …, errorUrl: null })
 */
export const readJitConfig = async (path: string): Promise<E.Either<CliFailure, SsoConfig>> => {
  const json = await readJsonFile('jit-config', path);
  if (E.isLeft(json)) return json;
  const value = json.right;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return E.left(cliFailure(`--jit-config '${path}' is not a JSON object`));
  const unknown = Object.keys(value).find((k) => !(JIT_CONFIG_KEYS as readonly string[]).includes(k));
  if (unknown !== undefined)
    return E.left(
      cliFailure(`--jit-config '${path}': unknown key '${unknown}' (known: ${JIT_CONFIG_KEYS.join(', ')})`),
    );
  const config = decodeSsoConfig(value);
  if (E.isLeft(config)) return E.left(cliFailure(`--jit-config '${path}': ${config.left.message}`));
  if (config.right.provisioningType === 'custom')
    return E.left(
      cliFailure(`--jit-config '${path}': provisioningType custom needs a handler; the dry run has none`),
    );
  return E.right(config.right);
};
