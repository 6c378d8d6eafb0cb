/**
 * What a `saml-jit` command is: a name, a one-line summary for the top-level help, and a `run`
 * over its own arguments that resolves to the exit status. Commands register in
 * `commands/index.ts`, one line each.
 */
import type { CliIo, ExitCode } from './io.js';

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** `argv` is what follows the command name. Never rejects: failures are exit statuses. */
  readonly run: (argv: readonly string[], io: CliIo) => Promise<ExitCode>;
}
