/**
 * The command line's edges: where output goes, how a usage or configuration error becomes the
 * one line on standard error, and how standard input is reached. Commands receive a `CliIo`
 * instead of touching `process`, so the dispatcher can be driven from tests and from other tools.
 */
import type { Readable } from 'node:stream';

/** A usage or configuration error: exit status 2, one line on standard error. */
export interface CliFailure {
  readonly kind: 'cli';
  readonly message: string;
}

/** Exit status of every command: 0 all accepted, 1 something rejected, 2 usage/configuration. */
export type ExitCode = 0 | 1 | 2;

export const EXIT_OK: ExitCode = 0;
export const EXIT_REJECTED: ExitCode = 1;
export const EXIT_USAGE: ExitCode = 2;

/** Messages may quote user input; keep them on one line whatever the input holds. */
export const cliFailure = (message: string): CliFailure => ({
  kind: 'cli',
  message: message.replace(/[\r\n\u2028\u2029]+/g, ' '),
});

export interface CliIo {
  /** Writes one line (a newline is appended) to standard output; resolves once it is flushed. */
  readonly out: (line: string) => Promise<void>;
  /** Writes one line to standard error. */
  readonly err: (line: string) => void;
  readonly stdin: () => Readable;
}

const writeLine =
  (stream: NodeJS.WriteStream) =>
  (line: string): Promise<void> =>
    new Promise((resolve) => {
      // A closed pipe (`saml-jit verify … | head -1`) is not our failure: resolve either way.
      if (stream.destroyed) return resolve();
      stream.write(`${line}\n`, () => resolve());
    });

/** The process's real streams. A closed standard output (EPIPE) ends quietly. */
export const nodeIo = (): CliIo => {
  process.stdout.on('error', () => undefined);
  return {
    out: writeLine(process.stdout),
    err: (line) => {
      process.stderr.write(`${line}\n`);
    },
    stdin: () => process.stdin,
  };
};

/** Prints a failure the way every command does: `saml-jit <command>: <message>`. */
export const reportFailure = (io: CliIo, command: string, failure: CliFailure): ExitCode => {
  io.err(`saml-jit${command === '' ? '' : ` ${command}`}: ${failure.message}`);
  return EXIT_USAGE;
};
