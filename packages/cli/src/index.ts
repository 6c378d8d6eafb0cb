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
export { PROVISION_USAGE, provisionCommand, runProvision } from './commands/provision.js';
export { runVerify, VERIFY_USAGE, verifyCommand } from './commands/verify.js';
export type { ResponseInput } from './input.js';
export { DEFAULT_READ_LIMIT, decodeInput, readResponseInput } from './input.js';
export type { CliFailure, CliIo, ExitCode } from './io.js';
export { cliFailure, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, nodeIo, reportFailure } from './io.js';
export { decodeDirectory, readDirectoryFile } from './provision/directory-file.js';
export { dryRunIds } from './provision/ids.js';
export { JIT_CONFIG_KEYS, readJitConfig } from './provision/jit-config.js';
export { PROVISION_OPTIONS } from './provision/options.js';
export type { JitErrorFields, ProvisioningFields } from './provision/output.js';
export { jitErrorFields, provisioningFields } from './provision/output.js';
export type { ProvisionSettings } from './provision/settings.js';
export { readProvisionSettings } from './provision/settings.js';
export { inProcessValidator } from './verify/in-process.js';
export type { VerdictLine } from './verify/lines.js';
export { printVerdicts } from './verify/lines.js';
export type { AcceptedFields, RejectedFields } from './verify/output.js';
export { acceptedFields, attributesObject, rejectedFields, withReport } from './verify/output.js';
export type { ResolvedVerify } from './verify/resolve.js';
export { resolveVerifySettings } from './verify/resolve.js';
export type { PrepareOptions, VerifyRun } from './verify/run.js';
export { forEachVerdict, prepareVerifyRun } from './verify/run.js';
export type { ConfigFile, VerifySettings } from './verify/settings.js';
export {
  CLI_CONNECTION,
  DEFAULT_CLOCK_SKEW_SECONDS,
  parseClockSkew,
  parseInstant,
  readVerifySettings,
  VERIFY_OPTIONS,
} from './verify/settings.js';
export type { Accepted, FileValidator, Rejected, ValidatorStores, Verdict } from './verify/validator.js';
export type { WorkerValidatorOptions } from './verify/worker-validator.js';
export { DEFAULT_BUDGET_MS, DEFAULT_WORKER_HEAP_MB, workerValidator } from './verify/worker-validator.js';
