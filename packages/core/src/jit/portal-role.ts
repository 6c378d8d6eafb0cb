/**
 * The portal role of an external user (spec §4): `User.PortalRole` holds a portal role's ID or
 * unique name, or one of Salesforce's `PortalRole` picklist values (`Worker`, which the
 * documentation tells admins to use for every portal user, `Manager`, `Executive`).
 */
import * as E from 'fp-ts/lib/Either.js';
import { type JitFailure, jitFailure } from '../errors/error.js';
import type { FieldValue, SObjectRecord } from '../model/records.js';
import { uniqueRecord } from './lookup.js';

/** Salesforce's `User.PortalRole` picklist: stored as is, no UserRole row needed. */
export const PORTAL_ROLE_PICKLIST: readonly string[] = ['Executive', 'Manager', 'Worker'];

export interface PortalRoleInput {
  /** `User.PortalRole`, or the portal's `DefaultPortalRole` on create; null when neither. */
  readonly value: string | null;
  /** UserRole rows whose Id or Name is `value` (null when `value` is null or a picklist value). */
  readonly candidates: readonly SObjectRecord[] | null;
  /** True when the user must get one (a new portal user): none → 5 `REQUIRED_FIELD_MISSING PortalRole`. */
  readonly required: boolean;
}

/** No portal role sent and none required (site logins without `User.PortalRole`). */
export const NO_PORTAL_ROLE: PortalRoleInput = { value: null, candidates: null, required: false };

/**
 * The User fields a portal role sets: `PortalRole` for a picklist value, `UserRoleId` for a role
 * found by ID or unique name (none or several → 17).
 * @example
 * portalRoleFields({ value: 'Worker', candidates: null, required: true }) // Right({ PortalRole: 'Worker' })
 */
export const portalRoleFields = (
  input: PortalRoleInput,
): E.Either<JitFailure, Record<string, FieldValue>> => {
  if (input.value === null)
    return input.required
      ? E.left(
          jitFailure('USER_CREATION_API_ERROR', {
            errorDetails: 'REQUIRED_FIELD_MISSING PortalRole',
            details: { field: 'PortalRole' },
          }),
        )
      : E.right({});
  if (PORTAL_ROLE_PICKLIST.includes(input.value)) return E.right({ PortalRole: input.value });
  const role = uniqueRecord(input.candidates ?? []);
  return E.isRight(role)
    ? E.right({ UserRoleId: role.right.Id })
    : E.left(
        jitFailure('ROLE_NAME_LOOKUP_ERROR', {
          details: { attribute: 'User.PortalRole', matches: role.left },
        }),
      );
};
