/**
 * Portal rules as `JitRules` (spec §4): a login whose assertion carries `portal_id`,
 * `organization_id` or `siteUrl`. With none of them holding a value, the login is a regular one
 * and the standard rules decide it ("no Portal ID → JIT for a regular platform user").
 */

import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { type JitDecision, reject } from '../jit/decision.js';
import {
  decidePortal,
  idForms,
  needsRoleLookup,
  portalProfile,
  portalRoleValue,
  portalTarget,
} from '../jit/portal.js';
import type { JitRules } from '../jit/rules.js';
import { loadExternal, withDecoded } from './external-load.js';
import { findAll, findByIdOrName } from './load.js';
import { standardRules } from './standard-rules.js';

/**
 * The rules for portal logins.
 * @example
 * portalRules.decide({ assertion, ctx, federationId: 'ada', existing: null }, deps) // reads the Portal row, decides
 */
export const portalRules: JitRules = {
  kind: 'portal',
  decide: (request, deps) =>
    withDecoded(deps.directory, request, (a) => {
      const target = portalTarget(a);
      if (E.isLeft(target)) return TE.right<never, JitDecision>(reject(target.left));
      if (target.right === null) return standardRules.decide(request, deps);
      const { directory, ids } = deps;
      const creating = request.existing === null;
      const wanted = target.right;
      return pipe(
        idForms(wanted.portalId),
        TE.traverseSeqArray((id) => findAll(directory, 'Portal', 'Id', id)),
        TE.map((rows) => rows.flat()[0] ?? null),
        TE.bindTo('portal'),
        TE.bind('load', ({ portal }) =>
          loadExternal(directory, request, a, portalProfile(a, portal, creating)),
        ),
        TE.bind('portalRoles', ({ portal }) => {
          const role = portalRoleValue(a, portal, creating);
          return needsRoleLookup(role) ? findByIdOrName(directory, 'UserRole', role) : TE.right(null);
        }),
        TE.map(({ portal, load, portalRoles }) =>
          decidePortal({
            ...load,
            target: wanted,
            portal,
            portalRoles,
            federationId: request.federationId,
            attributes: a,
            existing: request.existing,
            newId: (s) => ids.recordId(s),
          }),
        ),
      );
    }),
};
