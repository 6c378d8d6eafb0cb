/**
 * "By ID or unique name" (spec §2.1): `User.ProfileId` and `User.UserRoleId` may hold a record ID
 * or a name. The loader fetches the rows matching either way; this decides whether they name
 * exactly one record. Matching is exact and case-sensitive, as every directory lookup is.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SObjectRecord } from '../model/records.js';

/**
 * The one record `candidates` agree on (the same row found by ID and by name counts once), or
 * `Left(count)` with how many distinct records matched (0, or 2 and more).
 * @example
 * uniqueRecord([{ Id: '00e1', Name: 'Standard User' }]) // Right({ Id: '00e1', … })
 * uniqueRecord([]) // Left(0)
 */
export const uniqueRecord = (candidates: readonly SObjectRecord[]): E.Either<number, SObjectRecord> => {
  const byId = new Map(candidates.map((r) => [r.Id, r]));
  const [only, ...rest] = [...byId.values()];
  return only !== undefined && rest.length === 0 ? E.right(only) : E.left(byId.size);
};
