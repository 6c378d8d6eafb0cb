/**
 * Experience Cloud site rules as `JitRules`: the site must exist (a `Network` row with the
 * community ID, else `UNKNOWN_SITE`), then load what `decideSite` reads and decide.
 */
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConfigFailure, StoreFailure } from '../errors/error.js';
import { text } from '../jit/external-records.js';
import { idForms, needsRoleLookup } from '../jit/portal.js';
import type { JitRules } from '../jit/rules.js';
import { decideSite, unknownSite } from '../jit/site.js';
import type { Directory } from '../ports/directory.js';
import { loadExternal, withDecoded } from './external-load.js';
import { findAll, findByIdOrName } from './load.js';

/** Refuses a site the directory does not know, in either ID form. */
const siteExists = (
  directory: Directory,
  siteId: string | null,
): TE.TaskEither<StoreFailure | ConfigFailure, void> =>
  siteId === null || siteId === ''
    ? TE.left(unknownSite(''))
    : pipe(
        idForms(siteId),
        TE.traverseSeqArray((id) => findAll(directory, 'Network', 'Id', id)),
        TE.chainW((rows) => (rows.flat().length === 0 ? TE.left(unknownSite(siteId)) : TE.right(undefined))),
      );

/**
 * The rules for logins through an Experience Cloud site (`ctx.siteId`).
 * @example
 * siteRules.decide({ assertion, ctx: { ...ctx, siteId: '0DB000000000001' }, federationId, existing: null }, deps)
 */
export const siteRules: JitRules = {
  kind: 'site',
  decide: (request, { directory, ids }) =>
    pipe(
      siteExists(directory, request.ctx.siteId),
      TE.chainW(() =>
        withDecoded(directory, request, (a) => {
          const role = text(a.links.portalRole);
          return pipe(
            TE.Do,
            TE.apS('load', loadExternal(directory, request, a, text(a.user.ProfileId))),
            TE.apS(
              'portalRoles',
              needsRoleLookup(role) ? findByIdOrName(directory, 'UserRole', role) : TE.right(null),
            ),
            TE.map(({ load, portalRoles }) =>
              decideSite({
                ...load,
                federationId: request.federationId,
                attributes: a,
                existing: request.existing,
                newId: (s) => ids.recordId(s),
                portalRole: { value: role, candidates: portalRoles, required: false },
              }),
            ),
          );
        }),
      ),
    ),
};
