/**
 * The benchmark's inputs: realistic signed SAML Responses made once per run by the test IdP, with
 * one RSA-2048 IdP key and one SP encryption key. Every contender is measured on these very bytes
 * (the HTTP-POST `SAMLResponse` value, base64), so no library gets an easier document.
 *
 * Times are real (`now` = the start of the run, valid for an hour), so every peer's own clock
 * checks run and pass, and ours run against the system clock too: nothing is switched off.
 */
import { createTestIdp, generateKeyPair, type KeyPair, sampleAttributes, TEST_SP } from '@saml-jit/testing';

/** How a response is protected. */
export type Protection = 'assertion' | 'response' | 'encrypted-gcm' | 'encrypted-cbc';

export interface BenchInput {
  /** Stable key, e.g. `small-assertion`. */
  readonly id: string;
  /** Human description for the tables. */
  readonly label: string;
  readonly protection: Protection;
  readonly attributeCount: number;
  /** The XML as signed (what the IdP serialised). */
  readonly xml: string;
  /** The HTTP-POST form value: base64 of the XML's UTF-8 bytes. */
  readonly base64: string;
  /** Size of the XML in bytes. */
  readonly bytes: number;
  /** The NameID every contender must return (the success check). */
  readonly nameId: string;
}

/** Everything a contender needs besides the input: who signs, who decrypts, whom it is for. */
export interface BenchWorld {
  readonly idpEntityId: string;
  readonly idp: KeyPair;
  /** The SP's key pair: encrypted assertions are encrypted for its certificate. */
  readonly sp: KeyPair;
  readonly spEntityId: string;
  readonly acsUrl: string;
  /** The instant the responses were issued (they are valid for an hour from it). */
  readonly issuedAt: Date;
  readonly inputs: readonly BenchInput[];
}

/** Variations of one input, made on demand: distinct assertion IDs (and users) for full logins. */
export interface InputFactory {
  /** The same response as `input`, for user `user`, with fresh IDs; `encrypted` inputs re-encrypt. */
  variant(input: BenchInput, user: string): BenchInput;
}

export const IDP_ENTITY_ID = 'https://idp.example.test';
export const VALIDITY_SECONDS = 3600;

const SPECS: readonly { id: string; label: string; protection: Protection; count: number }[] = [
  { id: 'small-assertion', label: 'small, assertion signed', protection: 'assertion', count: 12 },
  { id: 'small-response', label: 'small, response signed', protection: 'response', count: 12 },
  { id: 'large-assertion', label: 'large, assertion signed', protection: 'assertion', count: 100 },
  { id: 'encrypted-gcm', label: 'small, encrypted AES-256-GCM', protection: 'encrypted-gcm', count: 12 },
  { id: 'encrypted-cbc', label: 'small, encrypted AES-128-CBC', protection: 'encrypted-cbc', count: 12 },
];

/** The IDs of the inputs, in table order. */
export const INPUT_IDS: readonly string[] = SPECS.map((s) => s.id);

/** What a child process needs to rebuild the very same world (same keys, same input bytes). */
export interface WorldSeed {
  readonly idp: KeyPair;
  readonly sp: KeyPair;
  readonly issuedAt: string;
  readonly inputs: readonly BenchInput[];
}

const specOf = (id: string) => {
  const spec = SPECS.find((s) => s.id === id);
  if (spec === undefined) throw new Error(`unknown input ${id}; known: ${INPUT_IDS.join(', ')}`);
  return spec;
};

/**
 * Builds the world: keys, then every input once — or, from a seed, the same world again.
 * @example
 * const { world, factory } = buildWorld({ only: ['small-assertion'] });
 * world.inputs[0].bytes // ≈ 6 600
 */
export const buildWorld = (
  options: { readonly only?: readonly string[]; readonly seed?: WorldSeed } = {},
): { world: BenchWorld; factory: InputFactory } => {
  const idpKeys = options.seed?.idp ?? generateKeyPair({ commonName: 'idp.example.test' });
  const sp = options.seed?.sp ?? generateKeyPair({ commonName: 'sp.example.test' });
  const idp = createTestIdp({ entityId: IDP_ENTITY_ID, keyPair: idpKeys });
  // Whole seconds: every peer parses xs:dateTime without fractions.
  const issuedAt =
    options.seed === undefined
      ? new Date(Math.floor(Date.now() / 1000) * 1000)
      : new Date(options.seed.issuedAt);
  const make = (spec: (typeof SPECS)[number], user: string): BenchInput => {
    const nameId = `${user}@example.test`;
    const xml = idp.response({
      now: issuedAt,
      validitySeconds: VALIDITY_SECONDS,
      nameId,
      attributes: sampleAttributes({ count: spec.count, user }),
      sign: spec.protection === 'response' ? 'response' : 'assertion',
      ...(spec.protection === 'encrypted-gcm'
        ? { encryptFor: { certificatePem: sp.certificatePem, dataAlgorithm: 'aes256-gcm' as const } }
        : spec.protection === 'encrypted-cbc'
          ? { encryptFor: { certificatePem: sp.certificatePem, dataAlgorithm: 'aes128-cbc' as const } }
          : {}),
    });
    return {
      id: spec.id,
      label: spec.label,
      protection: spec.protection,
      attributeCount: spec.count,
      xml,
      base64: Buffer.from(xml, 'utf8').toString('base64'),
      bytes: Buffer.byteLength(xml, 'utf8'),
      nameId,
    };
  };
  const inputs = options.seed?.inputs ?? (options.only ?? INPUT_IDS).map((id) => make(specOf(id), 'alice'));
  return {
    world: {
      idpEntityId: IDP_ENTITY_ID,
      idp: idpKeys,
      sp,
      spEntityId: TEST_SP.entityId,
      acsUrl: TEST_SP.acsUrl,
      issuedAt,
      inputs,
    },
    factory: { variant: (input, user) => make(specOf(input.id), user) },
  };
};

/** The seed of a world, for a child process. */
export const seedOf = (world: BenchWorld): WorldSeed => ({
  idp: world.idp,
  sp: world.sp,
  issuedAt: world.issuedAt.toISOString(),
  inputs: world.inputs,
});
