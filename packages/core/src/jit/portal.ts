/**
 * Portal logins (spec §4): the assertion names a customer or partner portal with `portal_id` and
 * `organization_id` (and `siteUrl` for a Force.com Site on a portal). Contacts and accounts are
 * found or created as for Experience Cloud sites (`decideExternal`); on top of that, the
 * organization must be this one (3), the portal must exist (3), and a new portal user gets the
 * portal's default profile and portal role when the assertion sends none.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecodedAttributes } from '../attributes/decode.js';
import { type JitFailure, jitFailure } from '../errors/error.js';
import type { SObjectRecord } from '../model/records.js';
import { type JitDecision, reject } from './decision.js';
import { decideExternal, type ExternalInput } from './external.js';
import { text } from './external-records.js';
import { PORTAL_ROLE_PICKLIST } from './portal-role.js';

/** The portal a login names. */
export interface PortalTarget {
  readonly portalId: string;
  readonly organizationId: string;
  readonly siteUrl: string | null;
}

const invalidOrg = (attribute: string, reason: string): JitFailure =>
  jitFailure('INVALID_ORG_ID', { details: { attribute, reason } });

/**
 * The portal named by the assertion: null when none of `portal_id`, `organization_id`, `siteUrl`
 * has a value (a regular login, §4); 3 `INVALID_ORG_ID` when only part of the pair is sent
 * ("if only one is given, the user gets an error"; `siteUrl` needs the pair too).
 * @example
 * portalTarget(decoded) // Right({ portalId: '060…', organizationId: '00D…', siteUrl: null })
 */
export const portalTarget = (a: DecodedAttributes): E.Either<JitFailure, PortalTarget | null> => {
  const portalId = text(a.portal.portalId);
  const organizationId = text(a.portal.organizationId);
  const siteUrl = text(a.portal.siteUrl);
  if (portalId === null && organizationId === null && siteUrl === null) return E.right(null);
  if (portalId === null) return E.left(invalidOrg('portal_id', 'organization_id needs portal_id'));
  if (organizationId === null)
    return E.left(invalidOrg('organization_id', 'portal_id needs organization_id'));
  return E.right({ portalId, organizationId, siteUrl });
};

const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a 15-character Salesforce ID (the case-safe suffix: one character per
 * five, whose bits mark the upper-case letters).
 * @example
 * id18('00D000000000001') // '00D000000000001EAA'
 */
export const id18 = (id15: string): string => {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX.charAt(bits);
  }
  return id15 + suffix;
};

/** The forms a record ID may be given in: itself, and its 15- or 18-character twin. */
export const idForms = (id: string): readonly string[] =>
  id.length === 15 ? [id, id18(id)] : id.length === 18 ? [id, id.slice(0, 15)] : [id];

/**
 * Whether two Salesforce IDs name the same record: equal, or equal in their first 15 characters
 * (case-sensitive) when each has 15 or 18. The 18-character suffix only repeats the case of the
 * first 15, so it adds nothing to compare.
 */
export const sameSalesforceId = (a: string, b: string): boolean =>
  a === b ||
  ((a.length === 15 || a.length === 18) &&
    (b.length === 15 || b.length === 18) &&
    a.slice(0, 15) === b.slice(0, 15));

/** `User.ProfileId`, or on create the portal's `DefaultProfileId` when none was sent. */
export const portalProfile = (
  a: DecodedAttributes,
  portal: SObjectRecord | null,
  creating: boolean,
): string | null =>
  text(a.user.ProfileId) ?? (creating && portal !== null ? text(portal.DefaultProfileId) : null);

/** `User.PortalRole`, or on create the portal's `DefaultPortalRole` when none was sent. */
export const portalRoleValue = (
  a: DecodedAttributes,
  portal: SObjectRecord | null,
  creating: boolean,
): string | null =>
  text(a.links.portalRole) ?? (creating && portal !== null ? text(portal.DefaultPortalRole) : null);

/** True when a portal role value needs a UserRole lookup (it is not a picklist value). */
export const needsRoleLookup = (value: string | null): value is string =>
  value !== null && !PORTAL_ROLE_PICKLIST.includes(value);

export interface PortalInput extends Omit<ExternalInput, 'portalRole'> {
  readonly target: PortalTarget;
  /** The `Portal` row whose Id is `portal_id` (in either ID form), or null. */
  readonly portal: SObjectRecord | null;
  /** UserRole rows whose Id or Name is the portal role value (null when no lookup is needed). */
  readonly portalRoles: readonly SObjectRecord[] | null;
}

/**
 * Decides a portal login: 3 unless `organization_id` is this organization's ID and the portal
 * exists; then the external decision, with the portal's defaults for a new user's profile and
 * portal role (a new portal user must end up with both: 5 `REQUIRED_FIELD_MISSING`).
 * @example
 * decidePortal({ ...input, target, portal, portalRoles: null }) // { _tag: 'create', … user: { PortalRole: 'Worker', … } }
 */
export const decidePortal = (input: PortalInput): JitDecision => {
  if (!sameSalesforceId(input.target.organizationId, input.organization.Id))
    return reject(invalidOrg('organization_id', 'not this organization'));
  if (input.portal === null) return reject(invalidOrg('portal_id', 'no such portal'));
  const creating = input.existing === null;
  const profile = portalProfile(input.attributes, input.portal, creating);
  const attributes: DecodedAttributes =
    profile === null
      ? input.attributes
      : { ...input.attributes, user: { ...input.attributes.user, ProfileId: profile } };
  return decideExternal({
    ...input,
    attributes,
    portalRole: {
      value: portalRoleValue(input.attributes, input.portal, creating),
      candidates: input.portalRoles,
      required: creating,
    },
  });
};
