/**
 * Test helpers for external (site and portal) logins: an org with a site, a portal, an account
 * owner who has a role, a role-less user, an existing account with a contact, and the attribute
 * sets of a first login through the site.
 */
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type {
  DirectorySnapshot,
  MemoryDirectory,
  ProvisionContext,
  ProvisionFailure,
  ProvisionOutcome,
  SObjectRecord,
} from '../src/index.js';
import { ctxOf, orgDirectory, PROFILE, ROLE } from './helpers.js';

export const SITE_ID = '0DB000000000001AAA';
export const PORTAL_ID = '060000000000001AAA';
export const ORG_ID = '00D000000000001AAA';

export const siteCtx = (siteId: string = SITE_ID): ProvisionContext => ({ ...ctxOf(), siteId });

/** A user with a role, who may own accounts. */
export const OWNER: SObjectRecord = {
  Id: '005000000000900AAA',
  Username: 'owner@acme.test',
  FederationIdentifier: null,
  LastName: 'Owner',
  UserRoleId: ROLE.Id,
  IsActive: true,
};
/** A user without a role: not allowed to own a JIT-created account (30). */
export const ROLELESS: SObjectRecord = {
  ...OWNER,
  Id: '005000000000901AAA',
  Username: 'norole@acme.test',
  UserRoleId: null,
};

export const ACME: SObjectRecord = {
  Id: '001000000000100AAA',
  Name: 'Acme',
  AccountNumber: 'ACME-1',
  OwnerId: OWNER.Id,
};
export const GRACE: SObjectRecord = {
  Id: '003000000000100AAA',
  Email: 'grace@acme.test',
  LastName: 'Hopper',
  AccountId: ACME.Id,
};
export const PORTAL_ROLE = { Id: '00E000000000050AAA', Name: 'Acme Customer User' };

/** An org with a site, a portal, the owners, one account with one contact. */
export const externalDirectory = (extra: Partial<DirectorySnapshot> = {}): MemoryDirectory =>
  orgDirectory({
    Network: [{ Id: SITE_ID }],
    Portal: [{ Id: PORTAL_ID, DefaultProfileId: null, DefaultPortalRole: null }],
    UserRole: [ROLE, PORTAL_ROLE],
    User: [OWNER, ROLELESS],
    Account: [ACME],
    Contact: [GRACE],
    ...extra,
  });

/** The user attributes of a new external user (profile by name). */
export const NEW_USER = {
  'User.Email': 'ada@example.com',
  'User.LastName': 'Lovelace',
  'User.ProfileId': PROFILE.Name,
  'User.Username': 'ada@example.com',
} as const;

/** A first login that creates account, contact and user. */
export const CREATE_ALL = {
  ...NEW_USER,
  'Contact.Email': 'ada@example.com',
  'Contact.LastName': 'Lovelace',
  'Account.AccountNumber': 'ANALYTICAL-1',
  'Account.Name': 'Analytical Engines',
  'Account.Owner': OWNER.Id,
} as const;

/** The outcome of a provisioning that must have succeeded. */
export const accepted = (result: E.Either<ProvisionFailure, ProvisionOutcome>): ProvisionOutcome => {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.code}`);
  return result.right;
};

/** Asserts a JIT refusal with `code` (and its Salesforce number) that wrote nothing. */
export const expectRefused = (
  result: E.Either<ProvisionFailure, ProvisionOutcome>,
  code: string,
  errorCode: number,
  dir: MemoryDirectory,
  before: DirectorySnapshot,
): void => {
  expect(result).toMatchObject({ left: { kind: 'jit', code, errorCode } });
  expect(dir.snapshot()).toEqual(before);
};
