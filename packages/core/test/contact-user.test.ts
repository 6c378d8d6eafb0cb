/**
 * One user per contact (Salesforce links an external user to exactly one contact, and a second
 * user insert on it fails): a first site or portal login whose contact — matched by
 * `Contact.Email` or named by `User.Contact` — already has a user of another identity is refused
 * with 5 `USER_CREATION_API_ERROR`, `DUPLICATE_VALUE ContactId`, writing nothing; and when two
 * first logins of different identities race for one contact, the loser's commit conflicts on
 * `User.ContactId`, is decided again from fresh reads, and ends as that same refusal.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  type Directory,
  fixedClock,
  memoryAudit,
  provision,
  randomIds,
  type SObjectRecord,
  sequentialIds,
} from '../src/index.js';
import {
  accepted,
  expectRefused,
  externalDirectory,
  GRACE,
  NEW_USER,
  ORG_ID,
  OWNER,
  PORTAL_ID,
  ROLELESS,
  siteCtx,
} from './external-helpers.js';
import { assertionOf, attrs, ctxOf, NOW, run } from './helpers.js';

/** Grace's user: federated as `grace-fed`, linked to the contact GRACE. */
const GRACE_USER: SObjectRecord = {
  Id: '005000000000500AAA',
  Username: 'grace@acme.test',
  FederationIdentifier: 'grace-fed',
  LastName: 'Hopper',
  ContactId: GRACE.Id,
  IsActive: true,
};

/** A first login of a new identity whose contact attributes match GRACE by email. */
const BY_EMAIL = { ...NEW_USER, 'Contact.Email': GRACE.Email as string, 'Contact.LastName': 'Hopper' };

const DUPLICATE = {
  kind: 'jit',
  code: 'USER_CREATION_API_ERROR',
  errorCode: 5,
  errorDetails: 'DUPLICATE_VALUE ContactId',
};

const usersOf = (dir: { snapshot(): { User: readonly SObjectRecord[] } }, contactId: string) =>
  dir.snapshot().User.filter((u) => u.ContactId === contactId);

describe('one user per contact', () => {
  it('site login: the contact matched by Contact.Email already has another user → 5 DUPLICATE_VALUE ContactId, nothing written', async () => {
    const dir = externalDirectory({ User: [OWNER, ROLELESS, GRACE_USER] });
    const before = dir.snapshot();
    const { result, events } = await run(dir, assertionOf('ada-fed', attrs(BY_EMAIL)), siteCtx());
    expectRefused(result, 'USER_CREATION_API_ERROR', 5, dir, before);
    expect(result).toMatchObject({ left: DUPLICATE });
    expect(events).toMatchObject([{ outcome: 'reject', code: 'USER_CREATION_API_ERROR' }]);
  });

  it('site login: the contact named by User.Contact already has another user → 5 DUPLICATE_VALUE ContactId', async () => {
    const dir = externalDirectory({ User: [OWNER, ROLELESS, GRACE_USER] });
    const before = dir.snapshot();
    const a = { ...NEW_USER, 'User.Contact': GRACE.Id };
    const { result } = await run(dir, assertionOf('ada-fed', attrs(a)), siteCtx());
    expectRefused(result, 'USER_CREATION_API_ERROR', 5, dir, before);
    expect(result).toMatchObject({ left: DUPLICATE });
  });

  it('portal login: the matched contact already has another user → 5 DUPLICATE_VALUE ContactId', async () => {
    const dir = externalDirectory({ User: [OWNER, ROLELESS, GRACE_USER] });
    const before = dir.snapshot();
    const a = { ...BY_EMAIL, portal_id: PORTAL_ID, organization_id: ORG_ID, 'User.PortalRole': 'Worker' };
    const { result } = await run(dir, assertionOf('ada-fed', attrs(a)), ctxOf());
    expectRefused(result, 'USER_CREATION_API_ERROR', 5, dir, before);
    expect(result).toMatchObject({ left: DUPLICATE });
  });

  it("the contact's own user logging in again is an update, not a refusal", async () => {
    const dir = externalDirectory({ User: [OWNER, ROLELESS, GRACE_USER] });
    const again = { 'User.Title': 'Admiral', 'Contact.Email': GRACE.Email as string };
    const { result } = await run(dir, assertionOf('grace-fed', attrs(again)), siteCtx());
    expect(accepted(result)).toMatchObject({ action: 'update', contact: { record: { Id: GRACE.Id } } });
    expect(usersOf(dir, GRACE.Id)).toHaveLength(1);
  });

  it('race: a rival identity takes the contact between our reads and our commit → the commit conflicts on User.ContactId, the login is decided again and refused with 5', async () => {
    const dir = externalDirectory();
    const commits: string[] = [];
    let rivalDone = false;
    const racing: Directory = {
      ...dir,
      commit: (plan) => async () => {
        if (!rivalDone) {
          rivalDone = true;
          const rival = { ...BY_EMAIL, 'User.Username': 'rival@x.test' };
          const won = await provision(assertionOf('rival-fed', attrs(rival)), siteCtx(), {
            directory: dir,
            clock: fixedClock(NOW),
            ids: randomIds,
            audit: memoryAudit(),
          })();
          expect(accepted(won).action).toBe('create');
        }
        const r = await dir.commit(plan)();
        commits.push(E.isLeft(r) ? `${r.left.code} ${r.left.constraint}` : 'committed');
        return r;
      },
    };
    const before = dir.snapshot();
    const audit = memoryAudit();
    const result = await provision(assertionOf('ada-fed', attrs(BY_EMAIL)), siteCtx(), {
      directory: racing,
      clock: fixedClock(NOW),
      ids: sequentialIds(),
      audit,
    })();
    expect(result).toMatchObject({ left: DUPLICATE });
    // One commit, lost on the new rule; the second attempt re-read the contact's user and refused.
    expect(commits).toEqual(['STORE_CONFLICT User.ContactId']);
    const users = usersOf(dir, GRACE.Id);
    expect(users).toMatchObject([{ FederationIdentifier: 'rival-fed' }]);
    expect(dir.snapshot().Contact).toEqual(before.Contact);
    expect(audit.events).toMatchObject([{ outcome: 'reject', code: 'USER_CREATION_API_ERROR' }]);
  });

  it('ten concurrent first site logins of different identities matching one contact: one user, nine refused with 5', async () => {
    const dir = externalDirectory();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        provision(
          assertionOf(`fed-${i}`, attrs({ ...BY_EMAIL, 'User.Username': `racer${i}@x.test` })),
          siteCtx(),
          { directory: dir, clock: fixedClock(NOW), ids: randomIds, audit: memoryAudit() },
        )(),
      ),
    );
    expect(results.filter((r) => E.isRight(r) && r.right.action === 'create')).toHaveLength(1);
    const refused = results.filter(E.isLeft);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r.left).toMatchObject(DUPLICATE);
    expect(usersOf(dir, GRACE.Id)).toHaveLength(1);
  });
});
