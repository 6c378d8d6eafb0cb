/**
 * Experience Cloud site logins (spec §3): a login that came through a site (its community ID is
 * the `siteId` of the `ProvisionContext`) provisions an external user: the User, its Contact and
 * the Contact's Account, found or created in Salesforce's seven steps ([KB-385744]):
 *
 *   1. user by Federation ID → 2. found: update it (and re-resolve its contact and account)
 *   3. else contact by `User.Contact` or `Contact.Email` → 4. found: update it, insert the user
 *   5. else account by `Contact.Account` or `Account.AccountNumber` → 6. found: insert contact, user
 *   7. else insert account, contact and user
 *
 * Step 1 is the provisioning program's (as for every kind of rules); the rest is `decideExternal`.
 * Whether the site exists is checked by the site rules before deciding (`UNKNOWN_SITE`).
 */
import { type ConfigFailure, configFailure } from '../errors/error.js';
import type { JitDecision } from './decision.js';
import { decideExternal, type ExternalInput } from './external.js';

/** What a site login decides on: the external records, and `User.PortalRole`'s candidates. */
export type SiteInput = ExternalInput;

/**
 * Decides a site login (steps 2–7). The portal role is optional for site users.
 * @example
 * decideSite({ ...input, existing: null }) // { _tag: 'create', account: { action: 'none', … }, contact: { action: 'create', … }, … }
 */
export const decideSite = (input: SiteInput): JitDecision => decideExternal(input);

/**
 * The configuration failure of a login through a site the directory does not know: no `Network`
 * row has the community ID. Refused before any decision (nothing about the user is wrong).
 * @example
 * unknownSite('0DB000000000009') // { kind: 'config', code: 'UNKNOWN_SITE', … }
 */
export const unknownSite = (siteId: string): ConfigFailure =>
  configFailure('UNKNOWN_SITE', 'No Experience Cloud site (Network) has this ID.', { siteId });
