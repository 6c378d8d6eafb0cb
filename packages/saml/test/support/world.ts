/**
 * Test world for the validator: committed test keys, a test IdP (`@saml-jit/testing`) signing
 * with them, a pinned clock, default SP options, and helpers to run a validation and read the
 * code. Every test gets fresh ports unless it passes its own.
 */
import { readFileSync } from 'node:fs';
import {
  type Clock,
  type ErrorCode,
  fixedClock,
  memoryReplayCache,
  memoryRequestStore,
  type ReplayCache,
  type RequestStore,
} from '@saml-jit/core';
import { createTestIdp, parseXml, serializeXml, TEST_SP, type TestIdp } from '@saml-jit/testing';
import type { Document, Element, Node } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import {
  parseCertificate,
  parsePrivateKey,
  type TrustedCertificate,
  type ValidatedResponse,
  type ValidationOptions,
  type ValidationRejection,
  validateResponse,
} from '../../src/index.js';

const keyFile = (name: string): string =>
  readFileSync(new URL(`../fixtures/keys/${name}`, import.meta.url), 'utf8');

export const keyPair = (name: string) => ({
  certificatePem: keyFile(`${name}.cert.pem`),
  privateKeyPem: keyFile(`${name}.key.pem`),
});

const must = <A>(e: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
};

/** Inside the committed certificates' validity (2026-11-29 .. 2126). */
export const NOW = new Date('2030-01-01T00:00:00Z');
export const IDP_ENTITY_ID = 'https://idp.example.test';
export const SP = TEST_SP;

export const idp: TestIdp = createTestIdp({ entityId: IDP_ENTITY_ID, keyPair: keyPair('idp') });
export const nextIdp: TestIdp = createTestIdp({ entityId: IDP_ENTITY_ID, keyPair: keyPair('idp-next') });
export const attackerIdp: TestIdp = createTestIdp({ entityId: IDP_ENTITY_ID, keyPair: keyPair('attacker') });

export const idpCert: TrustedCertificate = must(parseCertificate(idp.certificatePem));
export const nextCert: TrustedCertificate = must(parseCertificate(nextIdp.certificatePem));
export const spKeyPair = keyPair('sp');
export const spKey = must(parsePrivateKey(spKeyPair.privateKeyPem));

export const baseOptions = (overrides: Partial<ValidationOptions> = {}): ValidationOptions => ({
  connection: 'test-idp',
  idpEntityId: IDP_ENTITY_ID,
  idpCertificates: [idpCert],
  spEntityId: SP.entityId,
  acsUrl: SP.acsUrl,
  decryptionKeys: [spKey],
  ...overrides,
});

export interface Ports {
  readonly clock: Clock;
  readonly replayCache: ReplayCache;
  readonly requestStore: RequestStore;
}

export const freshPorts = (now: Date = NOW): Ports => ({
  clock: fixedClock(now),
  replayCache: memoryReplayCache(),
  requestStore: memoryRequestStore(),
});

export type Outcome = E.Either<ValidationRejection, ValidatedResponse>;

export const validate = (
  input: string | Uint8Array,
  overrides: Partial<ValidationOptions> = {},
  ports: Ports = freshPorts(),
): Promise<Outcome> => validateResponse(input, baseOptions(overrides), ports)();

/** The rejection code, or 'ACCEPTED'. */
export const codeOf = (o: Outcome): ErrorCode | 'ACCEPTED' => (E.isLeft(o) ? o.left.error.code : 'ACCEPTED');

export const accepted = (o: Outcome): ValidatedResponse => {
  if (E.isLeft(o)) throw new Error(`rejected: ${o.left.error.code} ${o.left.error.message}`);
  return o.right;
};

/** Saves an outstanding request for `id` on the test connection. */
export const outstanding = async (ports: Ports, id: string, connection = 'test-idp'): Promise<void> => {
  await ports.requestStore.save({
    id,
    connection,
    issuedAt: new Date(NOW.getTime() - 60_000),
    expiresAt: new Date(NOW.getTime() + 600_000),
    relayState: null,
  })();
};

// --- DOM surgery for attacks

export const NS = {
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
} as const;

/** All elements `{ns}local` in document order. */
export const all = (doc: Document | Element, ns: string, local: string): Element[] =>
  Array.from(doc.getElementsByTagNameNS(ns, local));

export const first = (doc: Document | Element, ns: string, local: string): Element => {
  const el = all(doc, ns, local)[0];
  if (el === undefined) throw new Error(`no ${local}`);
  return el;
};

/** Parses, lets `edit` change the document, serialises. */
export const edit = (xml: string, change: (doc: Document) => void): string => {
  const doc = parseXml(xml);
  change(doc);
  return serializeXml(doc);
};

export const root = (doc: Document): Element => doc.documentElement as Element;

export const clone = <T extends Node>(n: T): T => n.cloneNode(true) as T;

/** Replaces the text of the (first) NameID. */
export const setNameId = (el: Document | Element, value: string): void => {
  const nameId = first(el, NS.saml, 'NameID');
  while (nameId.firstChild !== null) nameId.removeChild(nameId.firstChild);
  nameId.appendChild(nameId.ownerDocument!.createTextNode(value));
};

export const at = (d: Date, seconds: number): Date => new Date(d.getTime() + seconds * 1000);
