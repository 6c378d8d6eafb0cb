/**
 * `saml-jit serve --config FILE`: the JSON file → the service provider's connection settings.
 * Everything is checked here, before any port is opened: the shape (unknown keys refused), the
 * files it names, every certificate, and the `jit` block exactly as Salesforce checks a SAML SSO
 * setting on save (`decodeSsoConfig`). A failure is one line on standard error and exit status 2.
 *
 * ```json
 * {"connections":{"okta":{"idpEntityId":"https://idp.example.test","idpCerts":["idp.pem"],
 *   "spEntityId":"https://sp.example.test","acsUrl":"http://127.0.0.1:3000/saml/acs/okta",
 *   "jit":{"identityMapping":"FederationId","identityLocation":"SubjectNameId","userProvisioning":true}}}}
 * ```
 */
import { dirname } from 'node:path';
import {
  type ConfigFailure,
  decodeSsoConfig,
  memoryDirectory,
  memoryReplayCache,
  memoryRequestStore,
  noAudit,
  randomIds,
  systemClock,
} from '@saml-jit/core';
import { LOWEST_MIN_RSA_KEY_BITS, parseCertificates } from '@saml-jit/saml';
import {
  type BrowserBindingMode,
  type ConnectionConfig,
  createServiceProvider,
  type JitSettings,
} from '@saml-jit/sp';
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';
import { readJsonFile } from '../provision/json-file.js';
import {
  isObject,
  type JsonObject,
  objectOf,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
  stringList,
} from './json-fields.js';
import { asText, pemOrPath, xmlOrPath } from './sources.js';

/** The checked configuration. */
export interface ServeConfig {
  readonly connections: Readonly<Record<string, ConnectionConfig>>;
  /** This service's public URL: its origin is an allowed absolute RelayState. */
  readonly baseUrl: string | null;
  readonly allowedRelayStateOrigins: readonly string[];
  /** Session lifetime; null for the service provider's default (8 hours). */
  readonly sessionTtlSeconds: number | null;
  /** Whether SP-initiated logins are bound to their browser; null for the default (`required`). */
  readonly browserBinding: BrowserBindingMode | null;
}

type Result<T> = E.Either<CliFailure, T>;

const TOP_KEYS = [
  'connections',
  'baseUrl',
  'allowedRelayStateOrigins',
  'sessionTtlSeconds',
  'browserBinding',
];
const BINDING_MODES = ['required', 'off'] as const;
const CONNECTION_KEYS = [
  // The contract's keys…
  'idpEntityId',
  'idpCerts',
  'idpMetadata',
  'idpSsoUrl',
  'spEntityId',
  'acsUrl',
  'decryptionKeys',
  'allowSha1',
  'clockSkew',
  'rejectUnsolicited',
  'site',
  // saml-jit extension: the shortest RSA key trusted.
  'minRsaKeyBits',
  'jit',
  // …and the service provider's other settings.
  'encryptionCerts',
  'signing',
  'signaturePolicy',
  'nameIdFormat',
  'forceAuthn',
];
const SIGNATURE_POLICIES = ['any', 'assertion', 'response', 'both'] as const;
const MAX_CLOCK_SKEW = 86_400;

/** Runs `steps` in order, stopping at the first failure (keeps each decoder flat and readable). */
const collect = async <T>(
  values: readonly string[],
  each: (value: string, index: number) => Promise<Result<T>>,
): Promise<Result<T[]>> => {
  const out: T[] = [];
  for (const [i, v] of values.entries()) {
    const r = await each(v, i);
    if (E.isLeft(r)) return r;
    out.push(r.right);
  }
  return E.right(out);
};

/** The PEM text of every certificate an `idpCerts` entry holds (a file may be a rollover bundle). */
const certificatePems = async (field: string, value: string, baseDir: string): Promise<Result<string[]>> => {
  const source = await pemOrPath(field, value, baseDir);
  if (E.isLeft(source)) return source;
  const parsed = parseCertificates(source.right);
  if (E.isLeft(parsed))
    return E.left(cliFailure(`${field} is not a usable certificate: ${parsed.left.message}`));
  return E.right(parsed.right.map((c) => c.pem));
};

const pemText = async (field: string, value: string, baseDir: string): Promise<Result<string>> =>
  E.map(asText)(await pemOrPath(field, value, baseDir));

/** The `jit` block, checked as Salesforce checks it on save. */
const jitOf = (path: string, raw: unknown): Result<JitSettings> => {
  const decoded = decodeSsoConfig(raw);
  if (E.isLeft(decoded)) return E.left(cliFailure(`${path}: ${decoded.left.message}`));
  const c = decoded.right;
  if (c.provisioningType === 'custom') {
    return E.left(
      cliFailure(`${path}.provisioningType 'custom' needs a custom handler, which serve does not load`),
    );
  }
  return E.right({
    identityMapping: c.identityMapping,
    identityLocation: c.identityLocation,
    userProvisioning: c.userProvisioning,
    attributeName: c.attributeName,
    errorUrl: c.errorUrl,
    provisioningType: c.provisioningType,
  });
};

const signingOf = async (
  path: string,
  raw: unknown,
  baseDir: string,
): Promise<Result<ConnectionConfig['signing'] | null>> => {
  if (raw === undefined || raw === null) return E.right(null);
  const o = objectOf(path, raw, ['privateKey', 'certificate']);
  if (E.isLeft(o)) return o;
  const key = requiredString(o.right, path, 'privateKey');
  if (E.isLeft(key)) return key;
  const cert = requiredString(o.right, path, 'certificate');
  if (E.isLeft(cert)) return cert;
  const privateKey = await pemText(`${path}.privateKey`, key.right, baseDir);
  if (E.isLeft(privateKey)) return privateKey;
  const certificate = await pemText(`${path}.certificate`, cert.right, baseDir);
  if (E.isLeft(certificate)) return certificate;
  return E.right({ privateKey: privateKey.right, certificate: certificate.right });
};

/** Drops absent settings, so `exactOptionalPropertyTypes` holds and defaults apply downstream. */
const present = <T extends object>(o: { [K in keyof T]: T[K] | null }): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as T;

const connectionOf = async (
  name: string,
  raw: unknown,
  baseDir: string,
): Promise<Result<ConnectionConfig>> => {
  const path = `connections.${name}`;
  const parsed = objectOf(path, raw, CONNECTION_KEYS);
  if (E.isLeft(parsed)) return parsed;
  const o: JsonObject = parsed.right;
  const strings = {
    idpEntityId: optionalString(o, path, 'idpEntityId'),
    idpMetadata: optionalString(o, path, 'idpMetadata'),
    idpSsoUrl: optionalString(o, path, 'idpSsoUrl'),
    spEntityId: requiredString(o, path, 'spEntityId'),
    acsUrl: requiredString(o, path, 'acsUrl'),
    site: optionalString(o, path, 'site'),
    nameIdFormat: optionalString(o, path, 'nameIdFormat'),
    signaturePolicy: optionalString(o, path, 'signaturePolicy'),
  };
  for (const r of Object.values(strings)) if (E.isLeft(r)) return r;
  const s = Object.fromEntries(
    Object.entries(strings).map(([k, r]) => [k, E.isRight(r) ? r.right : null]),
  ) as { [K in keyof typeof strings]: string | null };
  const flags = {
    allowSha1: optionalBoolean(o, path, 'allowSha1'),
    rejectUnsolicited: optionalBoolean(o, path, 'rejectUnsolicited'),
    forceAuthn: optionalBoolean(o, path, 'forceAuthn'),
    clockSkew: optionalInteger(o, path, 'clockSkew', 0, MAX_CLOCK_SKEW),
    minRsaKeyBits: optionalInteger(o, path, 'minRsaKeyBits', LOWEST_MIN_RSA_KEY_BITS, 16_384),
  };
  for (const r of Object.values(flags)) if (E.isLeft(r)) return r;
  const lists = {
    idpCerts: stringList(o, path, 'idpCerts'),
    decryptionKeys: stringList(o, path, 'decryptionKeys'),
    encryptionCerts: stringList(o, path, 'encryptionCerts'),
  };
  for (const r of Object.values(lists)) if (E.isLeft(r)) return r;
  const list = (r: Result<readonly string[]>): readonly string[] => (E.isRight(r) ? r.right : []);
  const flag = <T>(r: Result<T | null>): T | null => (E.isRight(r) ? r.right : null);
  if (s.signaturePolicy !== null && !(SIGNATURE_POLICIES as readonly string[]).includes(s.signaturePolicy)) {
    return E.left(cliFailure(`${path}.signaturePolicy must be one of ${SIGNATURE_POLICIES.join(', ')}`));
  }
  if (o.jit === undefined) return E.left(cliFailure(`${path}.jit is missing`));
  const jit = jitOf(`${path}.jit`, o.jit);
  if (E.isLeft(jit)) return jit;
  const certs = await collect(list(lists.idpCerts), (v, i) =>
    certificatePems(`${path}.idpCerts[${i}]`, v, baseDir),
  );
  if (E.isLeft(certs)) return certs;
  const metadata =
    s.idpMetadata === null ? E.right(null) : await xmlOrPath(`${path}.idpMetadata`, s.idpMetadata, baseDir);
  if (E.isLeft(metadata)) return metadata;
  const keys = await collect(list(lists.decryptionKeys), (v, i) =>
    pemText(`${path}.decryptionKeys[${i}]`, v, baseDir),
  );
  if (E.isLeft(keys)) return keys;
  const encryption = await collect(list(lists.encryptionCerts), (v, i) =>
    pemText(`${path}.encryptionCerts[${i}]`, v, baseDir),
  );
  if (E.isLeft(encryption)) return encryption;
  const signing = await signingOf(`${path}.signing`, o.signing, baseDir);
  if (E.isLeft(signing)) return signing;
  return E.right({
    ...present<Omit<ConnectionConfig, 'spEntityId' | 'acsUrl' | 'jit'>>({
      idpEntityId: s.idpEntityId,
      idpCertificates: certs.right.flat(),
      idpMetadata: metadata.right,
      idpSsoUrl: s.idpSsoUrl,
      decryptionKeys: keys.right,
      encryptionCertificates: encryption.right,
      signing: signing.right ?? null,
      allowSha1: flag(flags.allowSha1),
      clockSkew: flag(flags.clockSkew),
      minRsaKeyBits: flag(flags.minRsaKeyBits),
      rejectUnsolicited: flag(flags.rejectUnsolicited),
      forceAuthn: flag(flags.forceAuthn),
      signaturePolicy: s.signaturePolicy as NonNullable<ConnectionConfig['signaturePolicy']> | null,
      nameIdFormat: s.nameIdFormat,
      site: s.site,
    }),
    spEntityId: s.spEntityId as string,
    acsUrl: s.acsUrl as string,
    jit: jit.right,
  });
};

/**
 * Decodes the configuration object (already parsed JSON); paths in it are relative to `baseDir`.
 * @example
 * await decodeServeConfig(JSON.parse(text), '/etc/saml-jit') // Right({ connections: { okta: … }, … })
 */
export const decodeServeConfig = async (raw: unknown, baseDir: string): Promise<Result<ServeConfig>> => {
  const top = objectOf('config', raw, TOP_KEYS);
  if (E.isLeft(top)) return top;
  const o = top.right;
  if (!isObject(o.connections) || Object.keys(o.connections).length === 0) {
    return E.left(cliFailure('config.connections must be an object with at least one connection'));
  }
  const connections: Record<string, ConnectionConfig> = {};
  for (const [name, c] of Object.entries(o.connections)) {
    const conn = await connectionOf(name, c, baseDir);
    if (E.isLeft(conn)) return conn;
    connections[name] = conn.right;
  }
  const baseUrl = optionalString(o, 'config', 'baseUrl');
  if (E.isLeft(baseUrl)) return baseUrl;
  const origins = stringList(o, 'config', 'allowedRelayStateOrigins');
  if (E.isLeft(origins)) return origins;
  const ttl = optionalInteger(o, 'config', 'sessionTtlSeconds', 60, 30 * 86_400);
  if (E.isLeft(ttl)) return ttl;
  const binding = optionalString(o, 'config', 'browserBinding');
  if (E.isLeft(binding)) return binding;
  const mode = BINDING_MODES.find((m) => m === binding.right) ?? null;
  if (binding.right !== null && mode === null)
    return E.left(cliFailure(`config.browserBinding must be one of ${BINDING_MODES.join(', ')}`));
  const config: ServeConfig = {
    connections,
    baseUrl: baseUrl.right,
    allowedRelayStateOrigins: origins.right,
    sessionTtlSeconds: ttl.right,
    browserBinding: mode,
  };
  return E.map(() => config)(checkWithServiceProvider(config));
};

/**
 * Builds a service provider from the configuration over throw-away stores, so that whatever it
 * refuses (a key, a URL, the metadata) is found now, before any store is opened or port bound.
 */
export const checkWithServiceProvider = (config: ServeConfig): Result<void> => {
  const built = createServiceProvider({
    connections: config.connections,
    stores: {
      directory: memoryDirectory(),
      replayCache: memoryReplayCache(),
      requestStore: memoryRequestStore(),
    },
    clock: systemClock,
    ids: randomIds,
    audit: noAudit,
    ...(config.baseUrl === null ? {} : { baseUrl: config.baseUrl }),
    allowedRelayStateOrigins: config.allowedRelayStateOrigins,
    ...(config.browserBinding === null ? {} : { browserBinding: config.browserBinding }),
    onLogin: ({ redirectTo }) => ({ location: redirectTo }),
  });
  return E.isRight(built) ? E.right(undefined) : E.left(describeConfigFailure(built.left));
};

/** One line for a service provider's refusal, naming the connection when there is one. */
export const describeConfigFailure = (e: ConfigFailure): CliFailure => {
  const connection = e.details?.connection;
  return cliFailure(`${typeof connection === 'string' ? `connections.${connection}: ` : ''}${e.message}`);
};

/**
 * Reads and decodes `--config FILE`.
 * @example
 * const config = await loadServeConfig('saml-jit.json'); // Left(CliFailure) → exit status 2
 */
export const loadServeConfig = async (path: string): Promise<Result<ServeConfig>> => {
  const raw = await readJsonFile('config', path);
  if (E.isLeft(raw)) return raw;
  return decodeServeConfig(raw.right, dirname(path));
};
