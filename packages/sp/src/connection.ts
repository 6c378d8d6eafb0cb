/**
 * One IdP connection: what the application configures (PEM text, metadata XML, the JIT settings)
 * and what the service provider keeps after checking it once at start (parsed keys, the validation
 * options, the SP metadata document). Everything that can be wrong with a connection is found
 * here, as a `ConfigFailure`, never later in a login.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { type ConfigFailure, configFailure, decodeSsoConfig, type SsoConfig } from '@saml-jit/core';
import {
  DEFAULT_MIN_RSA_KEY_BITS,
  type DecryptionKey,
  type IdpMetadata,
  LOWEST_MIN_RSA_KEY_BITS,
  parseCertificate,
  parseIdpMetadata,
  parsePrivateKey,
  rsaKeyBitsOf,
  rsaKeyShorterThan,
  type TrustedCertificate,
  type ValidationOptions,
} from '@saml-jit/saml';
import * as A from 'fp-ts/lib/Array.js';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { HTTP_REDIRECT_BINDING, spMetadataXml } from './metadata.js';
import { isXmlSafe } from './xml.js';

/** The JIT settings, in Salesforce's SamlSsoConfig names (the `jit` block of `serve`'s config). */
export interface JitSettings {
  readonly identityMapping: SsoConfig['identityMapping'];
  readonly identityLocation: SsoConfig['identityLocation'];
  readonly userProvisioning: boolean;
  readonly attributeName?: string | null;
  readonly errorUrl?: string | null;
  readonly provisioningType?: SsoConfig['provisioningType'];
}

/** How the application describes one IdP connection. */
export interface ConnectionConfig {
  /** The IdP's entity ID (the expected Issuer). May come from `idpMetadata` instead. */
  readonly idpEntityId?: string;
  /** Trusted IdP signing certificates: PEM, base64 or DER. Combined with those of `idpMetadata`. */
  readonly idpCertificates?: readonly (string | Uint8Array)[];
  /** The IdP's metadata XML (entity ID, signing certificates, SSO URL). */
  readonly idpMetadata?: string;
  /** Where SP-initiated logins go (HTTP-Redirect). May come from `idpMetadata` instead. */
  readonly idpSsoUrl?: string;
  /** This service's entity ID (the expected Audience). */
  readonly spEntityId: string;
  /** The absolute URL of this connection's ACS endpoint (the expected Destination and Recipient). */
  readonly acsUrl: string;
  /** PEM private keys for encrypted assertions (several during a rollover). */
  readonly decryptionKeys?: readonly string[];
  /** The PEM certificates of those keys, published in the SP metadata for IdPs to encrypt to. */
  readonly encryptionCertificates?: readonly string[];
  /** A PEM RSA key and its certificate: AuthnRequests are then signed (RSA-SHA256). */
  readonly signing?: { readonly privateKey: string; readonly certificate: string };
  /** Accept RSA-SHA1 signatures (some IdPs still send them). Default false. */
  readonly allowSha1?: boolean;
  /** Allowed clock skew in seconds. Default 180. */
  readonly clockSkew?: number;
  /**
   * The shortest RSA key trusted, in bits: an integer from 1024 to 16384, default 2048. A
   * connection none of whose IdP certificates meets it is refused at configuration
   * (`CERTIFICATE_INVALID`); one that meets it uses only the certificates that do.
   */
  readonly minRsaKeyBits?: number;
  /** Refuse IdP-initiated (unsolicited) responses. Default false. */
  readonly rejectUnsolicited?: boolean;
  /** Which element must be signed. Default `any`. */
  readonly signaturePolicy?: NonNullable<ValidationOptions['signaturePolicy']>;
  /** The NameID format published in metadata and asked for in AuthnRequests. */
  readonly nameIdFormat?: string;
  /** Ask the IdP to authenticate again even with a session. Default false. */
  readonly forceAuthn?: boolean;
  /** The Experience Cloud site (community) ID for site logins, or null. */
  readonly site?: string | null;
  readonly jit: JitSettings;
}

/** A checked connection, ready for logins. */
export interface Connection {
  readonly name: string;
  readonly spEntityId: string;
  readonly acsUrl: string;
  readonly validation: ValidationOptions;
  readonly idpSsoUrl: string | null;
  readonly signingKey: KeyObject | null;
  readonly nameIdFormat: string | null;
  readonly forceAuthn: boolean;
  readonly site: string | null;
  readonly jit: SsoConfig;
  /** The SP metadata document, built once. */
  readonly metadataXml: string;
}

export const UNSPECIFIED_NAME_ID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

/** Connection names appear in URL paths: keep them to a safe alphabet. */
export const CONNECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A redirect target we may put in `Location`: printable ASCII, a local path or an http(s) URL. */
const isRedirectTarget = (url: string): boolean =>
  /^[\x21-\x7e]+$/.test(url) &&
  !url.includes('\\') &&
  ((url.startsWith('/') && !url.startsWith('//')) || /^https?:\/\/[^/]/i.test(url));

type Result<T> = E.Either<ConfigFailure, T>;

const invalid = (
  connection: string,
  message: string,
  extra: Readonly<Record<string, string | number>> = {},
  code: 'CONFIG_INVALID' | 'CERTIFICATE_INVALID' | 'PRIVATE_KEY_INVALID' = 'CONFIG_INVALID',
): ConfigFailure => configFailure(code, message, { connection, ...extra });

const absoluteUrl = (connection: string, field: string, value: string): Result<string> => {
  try {
    const url = new URL(value);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && isXmlSafe(value)) return E.right(value);
  } catch {
    // reported below
  }
  return E.left(invalid(connection, `${field} is not an absolute http(s) URL.`, { field }));
};

/** Base64 DER of a PEM certificate, checked by parsing it. */
const certificateDer = (connection: string, field: string, pem: string): Result<string> =>
  E.tryCatch(
    () => new X509Certificate(pem).raw.toString('base64'),
    () => invalid(connection, `${field} is not a PEM certificate.`, { field }, 'CERTIFICATE_INVALID'),
  );

const signingKey = (connection: string, pem: string): Result<KeyObject> =>
  pipe(
    E.tryCatch(
      () => createPrivateKey(pem),
      () => invalid(connection, 'signing.privateKey is not a PEM private key.', {}, 'PRIVATE_KEY_INVALID'),
    ),
    E.filterOrElse(
      (key) => key.asymmetricKeyType === 'rsa',
      () =>
        invalid(connection, 'signing.privateKey must be an RSA key (RSA-SHA256).', {}, 'PRIVATE_KEY_INVALID'),
    ),
  );

const all = A.sequence(E.Applicative);

const metadataOf = (c: ConnectionConfig): Result<IdpMetadata | null> =>
  c.idpMetadata === undefined ? E.right(null) : parseIdpMetadata(c.idpMetadata);

/**
 * Checks one connection and prepares everything a login needs.
 * @example
 * resolveConnection('okta', { idpEntityId: 'https://idp.test', idpCertificates: [pem],
 *   spEntityId: 'https://sp.test', acsUrl: 'https://sp.test/saml/acs/okta',
 *   jit: { identityMapping: 'FederationId', identityLocation: 'SubjectNameId', userProvisioning: true } })
 */
export const resolveConnection = (name: string, c: ConnectionConfig): Result<Connection> => {
  if (!CONNECTION_NAME.test(name)) {
    return E.left(invalid(name, 'A connection name is 1–64 letters, digits, dot, dash or underscore.'));
  }
  const minRsaKeyBits = c.minRsaKeyBits ?? DEFAULT_MIN_RSA_KEY_BITS;
  if (!Number.isInteger(minRsaKeyBits) || minRsaKeyBits < LOWEST_MIN_RSA_KEY_BITS || minRsaKeyBits > 16_384) {
    return E.left(invalid(name, 'minRsaKeyBits is a number of bits from 1024 to 16384.'));
  }
  return pipe(
    E.Do,
    E.bind('jit', () => decodeSsoConfig(c.jit)),
    E.filterOrElse(
      (r) => r.jit.errorUrl === null || isRedirectTarget(r.jit.errorUrl),
      () => invalid(name, 'jit.errorUrl is neither a path on this service nor an absolute http(s) URL.'),
    ),
    E.bind('metadata', () => metadataOf(c)),
    E.bind('idpEntityId', ({ metadata }) => {
      const id = c.idpEntityId ?? metadata?.entityId;
      if (id === undefined || id === '') return E.left(invalid(name, 'idpEntityId is missing.'));
      if (metadata !== null && metadata.entityId !== id) {
        return E.left(invalid(name, "idpEntityId differs from the IdP metadata's entityID."));
      }
      return E.right(id);
    }),
    E.bind('certificates', ({ metadata }) =>
      pipe(
        all((c.idpCertificates ?? []).map((cert) => parseCertificate(cert))),
        E.map((own): readonly TrustedCertificate[] => [...own, ...(metadata?.signingCertificates ?? [])]),
        E.filterOrElse(
          (all) => all.length > 0,
          () => invalid(name, 'No trusted IdP certificate: give idpCertificates or idpMetadata.'),
        ),
        E.filterOrElse(
          (all) => all.some((cert) => !rsaKeyShorterThan(cert, minRsaKeyBits)),
          (all) =>
            invalid(
              name,
              `No IdP certificate has an RSA key of at least ${minRsaKeyBits} bits: rotate the IdP to a longer key, or lower minRsaKeyBits (to 1024 at the least).`,
              { minRsaKeyBits, shortestRsaKeyBits: Math.min(...all.map((cert) => rsaKeyBitsOf(cert) ?? 0)) },
              'CERTIFICATE_INVALID',
            ),
        ),
      ),
    ),
    E.bind('decryptionKeys', () =>
      all((c.decryptionKeys ?? []).map((pem): Result<DecryptionKey> => parsePrivateKey(pem))),
    ),
    E.bind('encryptionDer', () =>
      all((c.encryptionCertificates ?? []).map((pem) => certificateDer(name, 'encryptionCertificates', pem))),
    ),
    E.bind('signing', () =>
      c.signing === undefined
        ? E.right(null)
        : pipe(
            E.Do,
            E.bind('key', () => signingKey(name, c.signing!.privateKey)),
            E.bind('der', () => certificateDer(name, 'signing.certificate', c.signing!.certificate)),
          ),
    ),
    E.bind('acsUrl', () => absoluteUrl(name, 'acsUrl', c.acsUrl)),
    E.bind('idpSsoUrl', ({ metadata }) => {
      const fromMetadata = metadata?.ssoServices.find((s) => s.binding === HTTP_REDIRECT_BINDING)?.location;
      const url = c.idpSsoUrl ?? fromMetadata;
      return url === undefined ? E.right(null) : absoluteUrl(name, 'idpSsoUrl', url);
    }),
    E.filterOrElse(
      () => isXmlSafe(c.spEntityId) && c.spEntityId !== '',
      () => invalid(name, 'spEntityId is empty or holds characters XML cannot carry.'),
    ),
    E.filterOrElse(
      () => c.clockSkew === undefined || (Number.isFinite(c.clockSkew) && c.clockSkew >= 0),
      () => invalid(name, 'clockSkew is a number of seconds, zero or more.'),
    ),
    E.map((r): Connection => {
      const policy = c.signaturePolicy ?? 'any';
      const nameIdFormat = c.nameIdFormat ?? null;
      return {
        name,
        spEntityId: c.spEntityId,
        acsUrl: r.acsUrl,
        validation: {
          connection: name,
          idpEntityId: r.idpEntityId,
          idpCertificates: r.certificates,
          spEntityId: c.spEntityId,
          acsUrl: r.acsUrl,
          decryptionKeys: r.decryptionKeys,
          allowSha1: c.allowSha1 ?? false,
          clockSkewSeconds: c.clockSkew ?? 180,
          minRsaKeyBits,
          rejectUnsolicited: c.rejectUnsolicited ?? false,
          signaturePolicy: policy,
        },
        idpSsoUrl: r.idpSsoUrl,
        signingKey: r.signing?.key ?? null,
        nameIdFormat,
        forceAuthn: c.forceAuthn ?? false,
        site: c.site ?? null,
        jit: r.jit,
        metadataXml: spMetadataXml({
          spEntityId: c.spEntityId,
          acsUrl: r.acsUrl,
          nameIdFormat: nameIdFormat ?? UNSPECIFIED_NAME_ID,
          signingCertificate: r.signing?.der ?? null,
          encryptionCertificates: r.encryptionDer,
          wantAssertionsSigned: policy === 'assertion' || policy === 'both',
        }),
      };
    }),
  );
};
