/**
 * Full login into SQLite (`@saml-jit/store-sqlite` on a database file, WAL): the replay cache and
 * the directory share one database, as `saml-jit serve` configures them. Twice: with the store's
 * default `synchronous = FULL` (every commit fsynced before it returns: durable across power loss,
 * and the fsync latency of the disk is part of each login) and with `NORMAL` (WAL stays
 * consistent, commits survive a process crash; the last ones may be lost on power loss). Between
 * rounds the consumed assertion IDs are deleted (outside the timed region) so the pooled responses
 * can be used again.
 */
import { join } from 'node:path';
import { DEFAULT_ORGANIZATION } from '@saml-jit/core';
import { openSqlite } from '@saml-jit/store-sqlite';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { Contender } from '../contender.js';
import { loginContender, ORG } from './login.js';

let opened = 0;

const sqliteLogin = (id: string, label: string, synchronous: 'FULL' | 'NORMAL'): Contender =>
  loginContender(id, label, async ({ scratch }, input) => {
    const db = new Database(join(scratch, `login-${input.id}-${opened++}.db`));
    const stores = openSqlite({ database: db, synchronous });
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
  });

export const loginSqlite: Contender = sqliteLogin(
  'login-sqlite',
  'saml-jit full login, SQLite (synchronous=FULL, default)',
  'FULL',
);

export const loginSqliteNormal: Contender = sqliteLogin(
  'login-sqlite-normal',
  'saml-jit full login, SQLite (synchronous=NORMAL)',
  'NORMAL',
);
