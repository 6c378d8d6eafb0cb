/**
 * The SAML SSO setting's JIT part, in Salesforce's SamlSsoConfig names, decoded with io-ts.
 * Salesforce refuses to save JIT with an identity type other than Federation ID; so do we.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import { type ConfigFailure, configFailure } from '../errors/error.js';

const IdentityMapping = t.keyof({ Username: null, FederationId: null, UserId: null });
const IdentityLocation = t.keyof({ SubjectNameId: null, Attribute: null });
const ProvisioningType = t.keyof({ standard: null, custom: null });

/** The JSON form, as in `saml-jit provision --jit-config` and the `jit` block of `serve` config. */
export const SsoConfigJson = t.intersection([
  t.type({
    identityMapping: IdentityMapping,
    identityLocation: IdentityLocation,
    userProvisioning: t.boolean,
  }),
  t.partial({
    attributeName: t.union([t.string, t.null]),
    errorUrl: t.union([t.string, t.null]),
    provisioningType: ProvisioningType,
  }),
]);

export interface SsoConfig {
  readonly identityMapping: 'Username' | 'FederationId' | 'UserId';
  readonly identityLocation: 'SubjectNameId' | 'Attribute';
  /** The attribute holding the identity when `identityLocation` is `Attribute`. */
  readonly attributeName: string | null;
  readonly userProvisioning: boolean;
  /** `standard` JIT rules, or a custom handler (Salesforce's "Custom SAML JIT with Apex handler"). */
  readonly provisioningType: 'standard' | 'custom';
  /** Salesforce's Custom Error URL: where JIT errors redirect to (relative or absolute). */
  readonly errorUrl: string | null;
}

/** Salesforce's own message when JIT is enabled with another identity type. */
export const JIT_REQUIRES_FEDERATION_ID_MESSAGE =
  'You must use the Federation ID for the SAML User ID Type when using just in time provisioning.';

/**
 * Decodes and validates a JIT configuration as Salesforce would when saving it.
 * @example
 * decodeSsoConfig({ identityMapping: 'FederationId', identityLocation: 'SubjectNameId', userProvisioning: true })
 */
export const decodeSsoConfig = (input: unknown): E.Either<ConfigFailure, SsoConfig> =>
  pipe(
    SsoConfigJson.decode(input),
    E.mapLeft(() =>
      configFailure('CONFIG_INVALID', 'The JIT configuration does not have the expected shape.'),
    ),
    E.chain((raw) => {
      const config: SsoConfig = {
        identityMapping: raw.identityMapping,
        identityLocation: raw.identityLocation,
        attributeName: raw.attributeName ?? null,
        userProvisioning: raw.userProvisioning,
        provisioningType: raw.provisioningType ?? 'standard',
        errorUrl: raw.errorUrl ?? null,
      };
      if (config.userProvisioning && config.identityMapping !== 'FederationId') {
        return E.left(configFailure('JIT_REQUIRES_FEDERATION_ID', JIT_REQUIRES_FEDERATION_ID_MESSAGE));
      }
      if (
        config.identityLocation === 'Attribute' &&
        (config.attributeName === null || config.attributeName === '')
      ) {
        return E.left(
          configFailure('CONFIG_INVALID', 'identityLocation Attribute needs a non-empty attributeName.'),
        );
      }
      return E.right(config);
    }),
  );
