/**
 * Runs `saml-jit serve` inside the test process (`runServe` from source), with a stop switch in
 * place of SIGINT/SIGTERM and its standard output and error captured.
 */
import { PassThrough } from 'node:stream';
import { runServe } from '../src/commands/serve.js';
import type { CliIo, ExitCode } from '../src/io.js';

export interface ServeRun {
  /** The URL of the listening line, or null when serve ended before listening. */
  readonly url: string | null;
  readonly out: readonly string[];
  readonly err: readonly string[];
  /** Sends the "signal" and resolves with the exit status once serve has shut down. */
  readonly stop: () => Promise<ExitCode>;
  /** Resolves with the exit status (for runs that end by themselves). */
  readonly exit: Promise<ExitCode>;
}

const LISTENING = /^saml-jit serve: listening on (http:\/\/\S+)$/;

/**
 * Starts serve with `args`; resolves once it listens or has exited.
 * @example
 * const run = await serveInProcess(['--config', cfg, '--store', 'memory', '--port', '0']);
 */
export const serveInProcess = (args: readonly string[]): Promise<ServeRun> => {
  const out: string[] = [];
  const err: string[] = [];
  let signal: () => void = () => undefined;
  const until = new Promise<void>((resolve) => {
    signal = resolve;
  });
  return new Promise((resolve) => {
    let exit: Promise<ExitCode>;
    const run = (url: string | null): ServeRun => ({
      url,
      out,
      err,
      exit,
      stop: () => {
        signal();
        return exit;
      },
    });
    const io: CliIo = {
      out: async (line) => {
        out.push(line);
        const m = LISTENING.exec(line);
        if (m?.[1] !== undefined) resolve(run(m[1]));
      },
      err: (line) => {
        err.push(line);
      },
      stdin: () => new PassThrough(),
    };
    exit = runServe(args, io, () => until);
    void exit.then(() => resolve(run(null)));
  });
};
