/**
 * Helpers for the demo's tests: free ports, a demo started on them over a temporary SQLite file,
 * and a read-only look at that file (how many users the directory really holds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { type RunningDemo, startDemo } from '../src/demo.js';

/** A port nobody listens on right now (the OS picks it; we release it for the demo to take). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

export interface TestDemo extends RunningDemo {
  readonly database: string;
  /** Every User row of the SQLite file, read behind the demo's back. */
  readonly users: () => readonly Record<string, unknown>[];
  readonly stop: () => Promise<void>;
}

/** Starts the demo on free ports over a fresh SQLite file. */
export const startTestDemo = async (): Promise<TestDemo> => {
  const dir = mkdtempSync(join(tmpdir(), 'saml-jit-demo-'));
  const database = join(dir, 'demo.db');
  const demo = await startDemo({
    spPort: await freePort(),
    idpPort: await freePort(),
    database,
    host: '127.0.0.1',
  });
  if (E.isLeft(demo)) throw new Error(demo.left);
  return {
    ...demo.right,
    database,
    users: () => {
      const db = new Database(database, { readonly: true });
      try {
        return (db.prepare('SELECT record FROM users').pluck().all() as string[]).map(
          (r) => JSON.parse(r) as Record<string, unknown>,
        );
      } finally {
        db.close();
      }
    },
    stop: async () => {
      await demo.right.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** The value of the hidden input `name` in `html`. */
export const hiddenValue = (html: string, name: string): string | null => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return (
    m?.[1]
      ?.replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;/g, "'") ?? null
  );
};
