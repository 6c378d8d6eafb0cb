/**
 * @saml-jit/cli — the `saml-jit` command line (verify, provision, serve) and the pieces other
 * commands and tools reuse: the strict option parser, the shared validation options and the
 * validating run (worker thread with a per-input time budget), and the JSON line builders.
 */
export type { OptionKind, OptionSpec, ParsedArgs } from './args.js';
export { formatOptions, parseArgs } from './args.js';
export { runCli } from './cli.js';
export type { Command } from './command.js';
export { COMMANDS } from './commands/index.js';
export type { ResponseInput } from './input.js';
export { DEFAULT_READ_LIMIT, decodeInput, readResponseInput } from './input.js';
export type { CliFailure, CliIo, ExitCode } from './io.js';
export { cliFailure, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, nodeIo, reportFailure } from './io.js';
export type { AcceptedFields, RejectedFields } from './verify/output.js';
export { acceptedFields, attributesObject, rejectedFields, withReport } from './verify/output.js';
export type { ConfigFile, VerifySettings } from './verify/settings.js';
export {
  DEFAULT_CLOCK_SKEW_SECONDS,
  parseClockSkew,
  parseInstant,
  readVerifySettings,
  VERIFY_OPTIONS,
} from './verify/settings.js';
