/**
 * Standard JIT as `JitRules`: load what `decideStandard` needs, then decide (pure). Queries only
 * what the assertion asks about: the username's owner only on create, the nickname's owners
 * when it gives one, profiles and roles only when sent.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { decodeAttributes } from '../attributes/decode.js';
import { type JitDecision, reject } from '../jit/decision.js';
import { nicknameSought } from '../jit/nickname.js';
import type { JitRules } from '../jit/rules.js';
import { decideStandard } from '../jit/standard.js';
import { findAll, findByIdOrName, findNicknameOwners, guarded, loadCustomFields } from './load.js';

/**
 * The standard rules for internal users.
 * @example
 * standardRules.decide({ assertion, ctx, federationId: 'ada', existing: null }, { directory, ids, clock })
 */
export const standardRules: JitRules = {
  kind: 'standard',
  decide: (request, { directory, ids }) =>
    pipe(
      loadCustomFields(directory, request.assertion.attributes),
      TE.map((fields) => decodeAttributes(request.assertion.attributes, fields)),
      TE.chain(
        E.match(
          (failure) => TE.right<never, JitDecision>(reject(failure)),
          (attributes) => {
            const u = attributes.user;
            const creating = request.existing === null;
            return pipe(
              TE.Do,
              TE.apS(
                'usernameOwners',
                creating && typeof u.Username === 'string'
                  ? findAll(directory, 'User', 'Username', u.Username)
                  : TE.right([]),
              ),
              TE.apS(
                'nicknameOwners',
                findNicknameOwners(directory, nicknameSought(u.CommunityNickname, u.Username, creating)),
              ),
              TE.apS('profiles', findByIdOrName(directory, 'Profile', u.ProfileId)),
              TE.apS('roles', findByIdOrName(directory, 'UserRole', u.UserRoleId)),
              TE.apS(
                'organization',
                guarded(() => directory.organization()),
              ),
              TE.map((loaded) =>
                decideStandard({
                  ...loaded,
                  federationId: request.federationId,
                  attributes,
                  existing: request.existing,
                  newUserId: creating ? ids.recordId('User') : '',
                }),
              ),
            );
          },
        ),
      ),
    ),
};
