/**
 * Which rules decide a login: a custom handler when the connection says so, site rules for a
 * login through an Experience Cloud site, portal rules when the assertion names a portal
 * (`portal_id` or `organization_id`), and the standard rules otherwise (spec §4: "No Portal ID →
 * regular platform user").
 *
 * Site, portal and custom-handler rules are issue 4's. Until they are registered here, such a
 * login is refused with a configuration error: falling back to the standard rules would create
 * an internal user for an external login.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type ConfigFailure, configFailure } from '../errors/error.js';
import type { SamlJitHandler } from '../jit/handler.js';
import type { JitRules, ProvisionContext } from '../jit/rules.js';
import type { Attributes } from '../model/assertion.js';
import { standardRules } from './standard-rules.js';

/** The attributes that make a login a portal login (spec §4). */
export const PORTAL_ATTRIBUTES = ['portal_id', 'organization_id'] as const;

const unavailable = (kind: string): E.Either<ConfigFailure, JitRules> =>
  E.left(
    configFailure('CONFIG_INVALID', `No ${kind} JIT rules are available in this build.`, { rules: kind }),
  );

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
      : unavailable('custom-handler');
  if (ctx.siteId !== null) return unavailable('site');
  if (PORTAL_ATTRIBUTES.some((name) => attributes.has(name))) return unavailable('portal');
  return E.right(standardRules);
};
