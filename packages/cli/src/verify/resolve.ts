/**
 * Turns `VerifySettings` (bytes and strings) into the validator's `ValidationOptions`: every
 * certificate, key and metadata file parsed, the expected Issuer chosen, the clock built. Pure
 * apart from parsing, so the main thread runs it once to refuse a bad configuration (exit 2)
 * and the validation worker runs it again on the same bytes.
 */
import { type Clock, fixedClock, systemClock } from '@saml-jit/core';
import {
  type DecryptionKey,
  type IdpMetadata,
  parseCertificates,
  parseIdpMetadata,
  parsePrivateKey,
  type TrustedCertificate,
  type ValidationOptions,
} from '@saml-jit/saml';
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';
import { CLI_CONNECTION, type ConfigFile, type VerifySettings } from './settings.js';

export interface ResolvedVerify {
  readonly options: ValidationOptions;
  readonly clock: Clock;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** A certificate file's certificates: PEM (a rollover bundle may hold several), DER, or bare base64. */
const certificatesOf = (file: ConfigFile): E.Either<CliFailure, readonly TrustedCertificate[]> =>
  E.mapLeft((e: { message: string }) =>
    cliFailure(`--${file.option} '${file.path}' is not a usable certificate: ${e.message}`),
  )(parseCertificates(file.bytes));

/**
 * The metadata's IdP. With `--idp-entity-id`, that entity is picked from a file holding several;
 * a file describing one IdP is used whatever its entityID (the explicit option is the expected Issuer).
 */
const metadataOf = (file: ConfigFile, entityId: string | null): E.Either<CliFailure, IdpMetadata> => {
  const xml = text(file.bytes);
  const picked = entityId === null ? parseIdpMetadata(xml) : parseIdpMetadata(xml, { entityId });
  const md = E.isLeft(picked) && entityId !== null ? parseIdpMetadata(xml) : picked;
  // Report the first refusal: it names the entity that was asked for.
  const result = E.isLeft(md) ? picked : md;
  return E.isLeft(result)
    ? E.left(cliFailure(`--${file.option} '${file.path}' is not usable IdP metadata: ${result.left.message}`))
    : result;
};

const keyOf = (file: ConfigFile): E.Either<CliFailure, DecryptionKey> =>
  E.mapLeft((e: { message: string }) =>
    cliFailure(`--${file.option} '${file.path}' is not a usable private key: ${e.message}`),
  )(parsePrivateKey(text(file.bytes)));

/**
 * Parses every configuration file of `settings` and assembles the validation options.
 * @example
 * const resolved = resolveVerifySettings(settings); // Left → exit status 2, before any response
 */
export const resolveVerifySettings = (settings: VerifySettings): E.Either<CliFailure, ResolvedVerify> => {
  const certificates: TrustedCertificate[] = [];
  for (const file of settings.idpCerts) {
    const c = certificatesOf(file);
    if (E.isLeft(c)) return c;
    certificates.push(...c.right);
  }
  let issuer = settings.idpEntityId;
  if (settings.idpMetadata !== null) {
    const md = metadataOf(settings.idpMetadata, settings.idpEntityId);
    if (E.isLeft(md)) return md;
    certificates.push(...md.right.signingCertificates);
    issuer = issuer ?? md.right.entityId;
  }
  if (issuer === null)
    return E.left(cliFailure('missing --idp-entity-id (or --idp-metadata): the expected Issuer'));
  // Fail closed before reading any response: with no key there is nothing a signature could prove.
  if (certificates.length === 0) {
    return E.left(cliFailure('no trusted IdP certificate: --idp-cert or --idp-metadata gave none'));
  }
  const decryptionKeys: DecryptionKey[] = [];
  for (const file of settings.decryptionKeys) {
    const k = keyOf(file);
    if (E.isLeft(k)) return k;
    decryptionKeys.push(k.right);
  }
  return E.right({
    options: {
      connection: CLI_CONNECTION,
      idpEntityId: issuer,
      idpCertificates: certificates,
      spEntityId: settings.spEntityId,
      acsUrl: settings.acsUrl,
      decryptionKeys,
      allowSha1: settings.allowSha1,
      minRsaKeyBits: settings.minRsaKeyBits,
      clockSkewSeconds: settings.clockSkewSeconds,
      rejectUnsolicited: settings.rejectUnsolicited,
    },
    clock: settings.now === null ? systemClock : fixedClock(settings.now),
  });
};
