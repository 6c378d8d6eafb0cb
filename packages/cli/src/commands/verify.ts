/**
 * `saml-jit verify [options] <file>...`: validates each SAML Response in order, in one process
 * sharing one replay cache and one set of outstanding request IDs, and writes one JSON line per
 * input. Exit status 0 when all were accepted, 1 when any was rejected, 2 for a usage or
 * configuration error (one line on standard error, before any response is read).
 */
import * as E from 'fp-ts/lib/Either.js';
import { formatOptions, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { type CliIo, EXIT_OK, type ExitCode, reportFailure } from '../io.js';
import { printVerdicts } from '../verify/lines.js';
import { acceptedFields, rejectedFields } from '../verify/output.js';
import { type PrepareOptions, prepareVerifyRun } from '../verify/run.js';
import { VERIFY_OPTIONS } from '../verify/settings.js';

const HELP_OPTION = { name: 'help', kind: 'flag', help: 'show this help' } as const;

export const VERIFY_USAGE = `Usage: saml-jit verify [options] <file>...

Validates each SAML Response (raw XML or the base64 SAMLResponse form value; - reads standard
input) and prints one JSON line per file. Exit status: 0 all accepted, 1 any rejected, 2 usage
or configuration error.

Options:
${formatOptions([...VERIFY_OPTIONS, HELP_OPTION])}`;

/**
 * Runs `verify` over `argv` (the arguments after `verify`). `opts.validator` replaces the
 * worker-thread validator (e.g. `inProcessValidator`, for embedding or tests from source).
 * @example
 * await runVerify(['--idp-cert', 'idp.pem', '--idp-entity-id', 'https://idp', '--sp-entity-id', 'sp', 'a.xml'], nodeIo());
 */
export const runVerify = async (
  argv: readonly string[],
  io: CliIo,
  opts: PrepareOptions = {},
): Promise<ExitCode> => {
  const parsed = parseArgs([...VERIFY_OPTIONS, HELP_OPTION], argv);
  if (E.isLeft(parsed)) return reportFailure(io, 'verify', parsed.left);
  if (parsed.right.flags.has('help')) {
    await io.out(VERIFY_USAGE);
    return EXIT_OK;
  }
  const run = await prepareVerifyRun(parsed.right, opts);
  if (E.isLeft(run)) return reportFailure(io, 'verify', run.left);
  return printVerdicts(run.right, io, async (file, verdict) => ({
    fields: E.isRight(verdict)
      ? acceptedFields(file, verdict.right.assertion)
      : rejectedFields(file, verdict.left.error),
    refused: E.isLeft(verdict),
  }));
};

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'validate SAML Responses and print one JSON line per file',
  run: (argv, io) => runVerify(argv, io),
};
