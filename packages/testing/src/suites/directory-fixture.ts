/**
 * The directory suite's fixture: a small org (profiles, a role, a user, two contacts sharing an
 * email, an account, a network, a portal, a custom field) and the write plans the tests commit,
 * among them a first login that creates an Account, a Contact and a User in that order, and a
 * user insert stating its nickname absent.
 */
import type {
  DirectorySnapshot,
  FieldValue,
  SObjectRecord,
  WritableSObject,
  WritePlan,
} from '@saml-jit/core';
import { KEY_PREFIX } from '@saml-jit/core';

/** A record Id in the `sequentialIds` shape: key prefix, 12 digits, `AAA`. */
export const idOf = (sobject: WritableSObject, n: number): string =>
  `${KEY_PREFIX[sobject]}${String(n).padStart(12, '0')}AAA`;

export const ALICE: SObjectRecord = {
  Id: idOf('User', 1),
  FederationIdentifier: 'fed-1',
  Username: 'alice@example.com',
  Email: 'alice@example.com',
  LastName: 'Liddell',
  FirstName: 'Alice',
  ProfileId: '00e000000000001AAA',
  IsActive: true,
  Badge__c: 7,
  Nickname__c: null,
};

export const FIXTURE: DirectorySnapshot = {
  Organization: {
    Id: '00D000000000042AAA',
    DefaultLocaleSidKey: 'fr_FR',
    TimeZoneSidKey: 'Europe/Paris',
    LanguageLocaleKey: 'fr',
    DefaultCurrencyIsoCode: 'EUR',
    EmailEncodingKey: 'UTF-8',
  },
  Profile: [
    { Id: '00e000000000001AAA', Name: 'Standard User' },
    { Id: '00e000000000002AAA', Name: 'Customer Community User' },
  ],
  UserRole: [{ Id: '00E000000000001AAA', Name: 'CEO' }],
  User: [ALICE],
  Contact: [
    { Id: idOf('Contact', 1), Email: 'shared@example.com', LastName: 'One', AccountId: idOf('Account', 1) },
    { Id: idOf('Contact', 2), Email: 'shared@example.com', LastName: 'Two', AccountId: null },
  ],
  Account: [{ Id: idOf('Account', 1), Name: 'Acme', AccountNumber: 'ACME-1' }],
  Network: [{ Id: '0DB000000000001AAA', Name: 'Partners' }],
  Portal: [{ Id: '060000000000001AAA', Name: 'Customer Portal' }],
  CustomField: [{ Object: 'User', Name: 'Badge__c', Type: 'Number' }],
};

/**
 * First login number `i` of one identity: Account, Contact, then User, all new, with their own
 * Ids and Username but the same `federationId`.
 */
export const firstLogin = (i: number, federationId: string): WritePlan => ({
  ops: [
    { op: 'insert', sobject: 'Account', record: { Id: idOf('Account', 1000 + i), Name: `Racer ${i} Ltd` } },
    {
      op: 'insert',
      sobject: 'Contact',
      record: {
        Id: idOf('Contact', 1000 + i),
        LastName: 'Racer',
        Email: `racer${i}@example.com`,
        AccountId: idOf('Account', 1000 + i),
      },
    },
    {
      op: 'insert',
      sobject: 'User',
      record: {
        Id: idOf('User', 1000 + i),
        FederationIdentifier: federationId,
        Username: `racer${i}@example.com`,
        LastName: 'Racer',
        ContactId: idOf('Contact', 1000 + i),
      },
    },
  ],
});

/** User number `n` (its own identity and username) whose `CommunityNickname` is `nickname`. */
export const nicknamed = (n: number, nickname: FieldValue): SObjectRecord => ({
  Id: idOf('User', 3000 + n),
  FederationIdentifier: `fed-nick-${n}`,
  Username: `nick-${n}@example.com`,
  LastName: 'Nick',
  CommunityNickname: nickname,
});

/** A plan inserting `user` that states its nickname absent, as JIT's plan for a new user does. */
export const withNewNickname = (user: SObjectRecord): WritePlan => ({
  ops: [{ op: 'insert', sobject: 'User', record: user }],
  absent: [{ sobject: 'User', field: 'CommunityNickname', value: String(user.CommunityNickname) }],
});

/** Sorts records by Id, for comparing `find` results (which come in no particular order). */
export const byId = (rows: readonly SObjectRecord[]): SObjectRecord[] =>
  [...rows].sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0));
