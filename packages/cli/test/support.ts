/**
 * Helpers for the CLI's tests: they run the real built binary (`dist/main.js`, built by the test
 * command's `tsc -b`) as a child process, the way users and CI run it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestIdp, generateKeyPair, TEST_SP, type TestIdp } from '@saml-jit/testing';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../../..');
export const BIN = join(REPO_ROOT, 'packages/cli/dist/main.js');
export const FIXTURES = process.env.SAML_JIT_FIXTURES ?? resolve(REPO_ROOT, '../shared/fixtures/interop');

/** Key pairs valid around every pinned test clock (2030-01-01): from 2020 to 2040. */
export const VALIDITY = {
  notBefore: new Date('2020-01-01T00:00:00Z'),
  notAfter: new Date('2040-01-01T00:00:00Z'),
} as const;

/**
 * A test IdP with its own key pair, valid from 2020 to 2040: for tests on a pinned clock (serve's
 * tests, on the real clock, use serve-support's `testIdp`).
 */
export const pinnedClockIdp = (): TestIdp => createTestIdp({ keyPair: generateKeyPair(VALIDITY) });

export const assertBuilt = (): void => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npx tsc -b tsconfig.build.json)`);
};

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** When each line of standard output arrived, in ms since the process was spawned. */
  readonly lineTimes: readonly number[];
  /** Standard output parsed as JSON lines; empty when it is not JSON lines. */
  readonly lines: readonly Record<string, unknown>[];
  readonly ms: number;
}

/**
 * Runs `saml-jit …args`. `stdin`: bytes to write then close; `'open'` leaves the pipe open (to
 * prove nothing waits on it); default closes it empty. The child is killed when it outlives
 * `timeoutMs` (or when it ends, if it left standard input open).
 */
export const runCli = (
  args: readonly string[],
  opts: {
    readonly stdin?: string | Uint8Array | 'open';
    /** Written to standard input, which then stays open. */
    readonly stdinKeepOpen?: string | Uint8Array;
    readonly timeoutMs?: number;
  } = {},
): Promise<CliRun> =>
  new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const lineTimes: number[] = [];
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      for (const byte of b) if (byte === 0x0a) lineTimes.push(performance.now() - started);
    });
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`saml-jit ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 60_000} ms`));
    }, opts.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      let lines: Record<string, unknown>[] = [];
      try {
        lines = stdout
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      } catch {
        // Not JSON lines (e.g. --help): `lines` stays empty, so any JSON expectation fails.
      }
      done({
        code,
        stdout,
        stderr: Buffer.concat(err).toString('utf8'),
        lines,
        lineTimes,
        ms: performance.now() - started,
      });
    });
    if (opts.stdinKeepOpen !== undefined) {
      child.stdin.write(opts.stdinKeepOpen);
      return;
    }
    if (opts.stdin === 'open') return;
    child.stdin.end(opts.stdin ?? '');
  });

/** A temporary directory with a `write(name, data)` helper; `remove()` in afterAll. */
export const tempDir = (): {
  readonly dir: string;
  readonly write: (name: string, data: string | Uint8Array) => string;
  readonly remove: () => void;
} => {
  const dir = mkdtempSync(join(tmpdir(), 'saml-jit-cli-'));
  return {
    dir,
    write: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};

/** `verify` trusting `cert` for `idpEntityId`, as the test IdP's default SP, validating at `now`. */
export const verifyArgs = (cert: string, idpEntityId: string, now: string, ...extra: string[]): string[] => [
  'verify',
  '--idp-cert',
  cert,
  '--idp-entity-id',
  idpEntityId,
  '--sp-entity-id',
  TEST_SP.entityId,
  '--acs-url',
  TEST_SP.acsUrl,
  '--now',
  now,
  ...extra,
];
