/**
 * Which rules decide a login: a custom handler when the connection says so, site rules for a
 * login through an Experience Cloud site, portal rules when the assertion names a portal
 * (`portal_id` or `organization_id`), and the standard rules otherwise (spec §4: "No Portal ID →
 * regular platform user").
 *
 * A custom connection without a handler is refused with a configuration error: falling back to
 * the standard rules would provision with rules the connection did not choose.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type ConfigFailure, configFailure } from '../errors/error.js';
import type { SamlJitHandler } from '../jit/handler.js';
import type { JitRules, ProvisionContext } from '../jit/rules.js';
import type { Attributes } from '../model/assertion.js';
import { handlerRules } from './handler-rules.js';
import { portalRules } from './portal-rules.js';
import { siteRules } from './site-rules.js';
import { standardRules } from './standard-rules.js';

/**
 * The attributes that make a login a portal login (spec §4). `siteUrl` too: sent without the
 * pair it is refused (3) by the portal rules instead of being ignored.
 */
export const PORTAL_ATTRIBUTES = ['portal_id', 'organization_id', 'siteUrl'] as const;

/**
 * @example
 * selectRules(ctx, assertion.attributes, deps.handler) // Right(standardRules) for an internal login
 */
export const selectRules = (
  ctx: ProvisionContext,
  attributes: Attributes,
  handler: SamlJitHandler | undefined,
): E.Either<ConfigFailure, JitRules> => {
  if (ctx.config.provisioningType === 'custom')
    return handler === undefined
      ? E.left(configFailure('CONFIG_INVALID', 'provisioningType custom needs a SamlJitHandler.'))
      : E.right(handlerRules(handler));
  if (ctx.siteId !== null) return E.right(siteRules);
  if (PORTAL_ATTRIBUTES.some((name) => attributes.has(name))) return E.right(portalRules);
  return E.right(standardRules);
};
