/**
 * `saml-jit serve` as a child process for the load benchmark: the built CLI on PostgreSQL (a
 * schema of its own) and Redis (a key prefix of its own), so runs never meet other users of the
 * same servers; stopped with SIGTERM (graceful), then its schema and keys are dropped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

export interface ServeTargets {
  /** `postgres://…` without our `schema` parameter. */
  readonly postgresUrl: string;
  /** `redis://…` without our `prefix` parameter. */
  readonly redisUrl: string;
}

export const DEFAULT_TARGETS: ServeTargets = {
  postgresUrl: process.env.SAML_JIT_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test',
  redisUrl: process.env.SAML_JIT_BENCH_REDIS ?? 'redis://127.0.0.1:6379/0',
};

export interface RunningServe {
  readonly origin: string;
  /** SIGTERM, wait for the exit, drop the schema and the keys. */
  stop(): Promise<void>;
}

/** The built CLI's entry point (`pnpm bench` builds everything first). */
const cliMain = (): string =>
  join(dirname(createRequire(import.meta.url).resolve('@saml-jit/cli/package.json')), 'dist', 'main.js');

/** A free loopback port (the ACS URL in the configuration must name it before serve starts). */
export const freePort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
};

const cleanUp = async (targets: ServeTargets, schema: string, prefix: string): Promise<void> => {
  const client = new pg.Client({ connectionString: targets.postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
  const redis = new Redis(targets.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
};

/** Waits for serve's one line with its URL (or its exit). */
const ready = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error('saml-jit serve did not start within 30 s')), 30_000);
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`saml-jit serve exited with ${code}: ${err.trim().split('\n')[0] ?? ''}`));
    });
  });

/**
 * @example
 * const serve = await startServe({ config, seed, port, targets: DEFAULT_TARGETS, tag: 'bench_1234' });
 * // … load …
 * await serve.stop();
 */
export const startServe = async (o: {
  readonly config: string;
  readonly seed: string;
  readonly port: number;
  readonly targets: ServeTargets;
  /** Unique per run: the schema name and the key prefix derive from it. */
  readonly tag: string;
}): Promise<RunningServe> => {
  const schema = o.tag;
  const prefix = `${o.tag}:`;
  const store = `${o.targets.postgresUrl}?schema=${schema}`;
  const state = `${o.targets.redisUrl}?prefix=${encodeURIComponent(prefix)}`;
  const args = ['serve', '--config', o.config, '--seed', o.seed, '--port', String(o.port), '--store', store];
  const child = spawn(process.execPath, [cliMain(), ...args, '--state', state], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let origin: string;
  try {
    origin = await ready(child);
  } catch (e) {
    child.kill('SIGKILL');
    await cleanUp(o.targets, schema, prefix).catch(() => undefined);
    throw e;
  }
  return {
    origin,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      await cleanUp(o.targets, schema, prefix);
    },
  };
};
