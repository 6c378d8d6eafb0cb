/**
 * Full login into SQLite (`@saml-jit/store-sqlite`, a database file with its defaults: WAL,
 * `synchronous = FULL`, so every commit is durable): the replay cache and the directory share
 * one database, as `saml-jit serve` configures them. Between rounds the consumed assertion IDs are
 * deleted (outside the timed region) so the pooled responses can be used again.
 */
import { join } from 'node:path';
import { DEFAULT_ORGANIZATION } from '@saml-jit/core';
import { openSqlite } from '@saml-jit/store-sqlite';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { Contender } from '../contender.js';
import { loginContender, ORG } from './login.js';

let opened = 0;

export const loginSqlite: Contender = loginContender(
  'login-sqlite',
  'saml-jit full login, SQLite stores',
  async ({ scratch }, input) => {
    const db = new Database(join(scratch, `login-${input.id}-${opened++}.db`));
    const stores = openSqlite({ database: db });
    if (E.isLeft(stores)) throw new Error(`SQLite stores: ${stores.left.code}`);
    const { directory, replayCache, close } = stores.right;
    const seeded = await directory.seed({
      Organization: DEFAULT_ORGANIZATION,
      User: [],
      Contact: [],
      Account: [],
      UserRole: [],
      Network: [],
      Portal: [],
      CustomField: [],
      ...ORG,
    })();
    if (E.isLeft(seeded)) throw new Error(`SQLite seed: ${seeded.left.code}`);
    const forget = db.prepare('DELETE FROM replay_cache');
    return {
      directory,
      replayCache: () => replayCache,
      resetReplay: () => {
        forget.run();
      },
      close: async () => {
        await close();
        db.close();
      },
    };
  },
);
