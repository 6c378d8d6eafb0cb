/**
 * `saml-jit serve` as a real child process (the built binary, as operators run it): started with
 * `--port 0`, ready once it prints its listening line, stopped with a signal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from './support.js';

export interface ServeProcess {
  readonly url: string;
  /** Everything it wrote to standard error so far. */
  readonly stderr: () => string;
  /** Sends `signal` and resolves with the exit code (null if it had to be killed). */
  readonly stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

const LISTENING = /saml-jit serve: listening on (http:\/\/\S+)/;

/**
 * Spawns `saml-jit serve …args`; resolves once it listens, rejects if it exits first or takes
 * longer than `timeoutMs`.
 * @example
 * const a = await spawnServe(['--config', cfg, '--store', 'memory', '--port', '0']);
 */
export const spawnServe = (args: readonly string[], timeoutMs = 30_000): Promise<ServeProcess> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not listen within ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.stderr?.on('data', (b: Buffer) => {
      err += b.toString('utf8');
    });
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const m = LISTENING.exec(out);
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      resolve({
        url: m[1],
        stderr: () => err,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode !== null) return child.exitCode;
          child.kill(signal);
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          const code = await exited;
          clearTimeout(killer);
          return code;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening: ${err.trim()}`));
    });
  });
