/**
 * Running work on a pg pool without ever throwing: `attempt` turns any rejection into a `Left`
 * store failure, and `transaction` runs work between BEGIN and COMMIT on one pooled client,
 * rolling back on failure and destroying (never reusing) a client whose connection broke.
 */
import { type StoreFailure, storeFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type pg from 'pg';
import { translate } from './errors.js';

const CLOSED: StoreFailure = storeFailure('STORE_UNAVAILABLE', 'The PostgreSQL stores are closed.');

export interface Db {
  readonly pool: pg.Pool;
  /** The schema, quoted for SQL: `"saml_jit"`. */
  readonly schema: string;
  readonly closed: () => boolean;
}

/** Runs `work`; a rejection becomes a `Left`, a closed store `STORE_UNAVAILABLE`. */
export const attempt =
  <A>(db: Db, work: () => Promise<A>): TaskEither<StoreFailure, A> =>
  async () => {
    if (db.closed()) return E.left(CLOSED);
    try {
      return E.right(await work());
    } catch (e) {
      return E.left(translate(e));
    }
  };

/** Checks out a client, keeps its connection errors from crashing the process, always releases it. */
export const withClient = async <A>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<A>,
): Promise<A> => {
  const client = await pool.connect();
  let broken = false;
  const onError = (): void => {
    broken = true;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (e) {
    // A server error on a live connection (a unique violation…) leaves the client reusable; a
    // socket error, or the server closing the session, does not.
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    broken ||= !/^[0-9A-Z]{5}$/.test(code) || /^(08|57P0)/.test(code);
    throw e;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
};

/** Runs `work` in one transaction on one client: all of it commits, or none of it. */
export const transaction = <A>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<A>): Promise<A> =>
  withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const a = await work(client);
      await client.query('COMMIT');
      return a;
    } catch (e) {
      // If the connection is gone the server has rolled back already; the client is destroyed.
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  });

/** Schema names are plain lower-case identifiers, so quoting them is enough to make SQL of them. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
