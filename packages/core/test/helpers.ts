/**
 * Test helpers: verified assertions built with `markVerified`, a standard JIT configuration, an
 * org directory seeded with profiles and roles, and a `run` that provisions with pinned clock and
 * sequential IDs.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import {
  type Attributes,
  type Directory,
  type DirectorySnapshot,
  fixedClock,
  type MemoryDirectory,
  memoryAudit,
  memoryDirectory,
  type ProvisionContext,
  type ProvisionFailure,
  type ProvisionOutcome,
  provision,
  type SsoConfig,
  sequentialIds,
  type VerifiedAssertion,
  type WriteOp,
  type WritePlan,
} from '../src/index.js';
import { markVerified } from '../src/model/verified.js';

export const NOW = new Date('2026-01-15T10:00:00.000Z');

export const JIT_CONFIG: SsoConfig = {
  identityMapping: 'FederationId',
  identityLocation: 'SubjectNameId',
  attributeName: null,
  userProvisioning: true,
  provisioningType: 'standard',
  errorUrl: null,
};

export const ctxOf = (config: Partial<SsoConfig> = {}): ProvisionContext => ({
  config: { ...JIT_CONFIG, ...config },
  ssoProviderId: 'okta',
  siteId: null,
});

/** Attributes from a plain object: each key → its values (a string is one value). */
export const attrs = (o: Readonly<Record<string, string | readonly string[]>>): Attributes =>
  new Map(
    Object.entries(o).map(([k, v]) => [k, (typeof v === 'string' ? [v] : [...v]) as [string, ...string[]]]),
  );

/** A verified assertion for `nameId` (null: no NameID) with `attributes`. */
export const assertionOf = (nameId: string | null, attributes: Attributes = new Map()): VerifiedAssertion =>
  markVerified({
    issuer: 'https://idp.example.test',
    assertionId: '_a1',
    issueInstant: NOW,
    nameId:
      nameId === null ? null : { value: nameId, format: null, nameQualifier: null, spNameQualifier: null },
    conditions: { notBefore: null, notOnOrAfter: null, audiences: ['https://sp.example.test'] },
    authn: { authnInstant: NOW, sessionIndex: null, sessionNotOnOrAfter: null, authnContextClassRef: null },
    attributes,
    inResponseTo: null,
    encrypted: false,
    assertionXml: '<saml:Assertion/>',
    responseBase64: 'PHNhbWxwOlJlc3BvbnNlLz4=',
  });

export const PROFILE = { Id: '00e000000000001AAA', Name: 'Standard User' };
export const ROLE = { Id: '00E000000000001AAA', Name: 'CEO' };

/** An org with one profile, one role, and whatever else is given. */
export const orgDirectory = (extra: Partial<DirectorySnapshot> = {}): MemoryDirectory =>
  memoryDirectory({ Profile: [PROFILE], UserRole: [ROLE], ...extra });

/** The four required attributes of a new user. */
export const REQUIRED = {
  'User.Email': 'ada@example.com',
  'User.LastName': 'Lovelace',
  'User.ProfileId': 'Standard User',
  'User.Username': 'ada@example.com',
} as const;

/** Provisions with a pinned clock and sequential IDs; returns the result and the audit events. */
export const run = async (
  directory: Directory,
  assertion: VerifiedAssertion,
  ctx: ProvisionContext = ctxOf(),
) => {
  const audit = memoryAudit();
  const result: Either<ProvisionFailure, ProvisionOutcome> = await provision(assertion, ctx, {
    directory,
    clock: fixedClock(NOW),
    ids: sequentialIds(),
    audit,
  })();
  return { result, events: audit.events };
};

/** `dir`, where a rival's `op` commits just before the first plan committed through it (a lost race). */
export const racedBy = (dir: Directory, op: WriteOp): Directory => {
  let raced = false;
  return {
    ...dir,
    commit: (plan) => async () => {
      if (!raced) {
        raced = true;
        await dir.commit({ ops: [op] })();
      }
      return dir.commit(plan)();
    },
  };
};

/** `dir`, keeping every plan committed through it. */
export const watching = (dir: Directory) => {
  const plans: WritePlan[] = [];
  const watched: Directory = {
    ...dir,
    commit: (plan) => {
      plans.push(plan);
      return dir.commit(plan);
    },
  };
  return { watched, plans };
};
