/**
 * `saml-jit provision [verify options] --jit-config FILE --directory FILE [--site ID] <file>...`:
 * validates each response exactly as `verify` does, then runs the library's `provision` program
 * (the code path of a real login) against an in-memory directory seeded from `--directory`, which
 * evolves from file to file. A dry run: nothing is written to any file. One JSON line per input;
 * exit status 0 when every file was accepted and provisioned, 1 when any was refused, 2 for a
 * usage or configuration error (one line on standard error, before any response is read).
 */
import {
  fixedClock,
  memoryDirectory,
  noAudit,
  type ProvisionContext,
  type ProvisionDeps,
  provision,
  systemClock,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { formatOptions, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { type CliIo, EXIT_OK, type ExitCode, reportFailure } from '../io.js';
import { dryRunIds } from '../provision/ids.js';
import { PROVISION_OPTIONS } from '../provision/options.js';
import { jitErrorFields, provisioningFields } from '../provision/output.js';
import { readProvisionSettings } from '../provision/settings.js';
import { printVerdicts } from '../verify/lines.js';
import { acceptedFields, rejectedFields } from '../verify/output.js';
import { prepareVerifyRun } from '../verify/run.js';
import { CLI_CONNECTION, VERIFY_OPTIONS } from '../verify/settings.js';

const HELP_OPTION = { name: 'help', kind: 'flag', help: 'show this help' } as const;
const OPTIONS = [...VERIFY_OPTIONS, ...PROVISION_OPTIONS, HELP_OPTION];

export const PROVISION_USAGE = `Usage: saml-jit provision [verify options] --jit-config FILE --directory FILE [--site ID] <file>...

Validates each SAML Response as 'saml-jit verify' does, then prints what Just-in-Time provisioning
would do with it against the directory, one JSON line per file. A dry run: the directory evolves
in memory from file to file, nothing is written. Exit status: 0 all provisioned, 1 any refused,
2 usage or configuration error.

Options:
${formatOptions(OPTIONS)}`;

/**
 * Runs `provision` over `argv` (the arguments after `provision`).
 * @example
 * await runProvision(['--idp-cert', 'idp.pem', '--idp-entity-id', 'https://idp', '--sp-entity-id', 'sp',
 *   '--jit-config', 'jit.json', '--directory', 'org.json', 'a.xml'], nodeIo());
 */
export const runProvision = async (argv: readonly string[], io: CliIo): Promise<ExitCode> => {
  const parsed = parseArgs(OPTIONS, argv);
  if (E.isLeft(parsed)) return reportFailure(io, 'provision', parsed.left);
  if (parsed.right.flags.has('help')) {
    await io.out(PROVISION_USAGE);
    return EXIT_OK;
  }
  const settings = await readProvisionSettings(parsed.right);
  if (E.isLeft(settings)) return reportFailure(io, 'provision', settings.left);
  const run = await prepareVerifyRun(parsed.right);
  if (E.isLeft(run)) return reportFailure(io, 'provision', run.left);
  const { config, snapshot, siteId } = settings.right;
  const ctx: ProvisionContext = { config, ssoProviderId: CLI_CONNECTION, siteId };
  const deps: ProvisionDeps = {
    directory: memoryDirectory(snapshot),
    clock: run.right.settings.now === null ? systemClock : fixedClock(run.right.settings.now),
    ids: dryRunIds(snapshot),
    audit: noAudit,
  };
  return printVerdicts(run.right, io, async (file, verdict) => {
    if (E.isLeft(verdict)) return { fields: rejectedFields(file, verdict.left.error), refused: true };
    const outcome = await provision(verdict.right.assertion, ctx, deps)();
    if (E.isRight(outcome))
      return {
        fields: {
          ...acceptedFields(file, verdict.right.assertion),
          provisioning: provisioningFields(outcome.right),
        },
        refused: false,
      };
    return {
      fields:
        outcome.left.kind === 'jit'
          ? { file, ok: false, error: jitErrorFields(outcome.left, config.errorUrl) }
          : rejectedFields(file, outcome.left),
      refused: true,
    };
  });
};

export const provisionCommand: Command = {
  name: 'provision',
  summary: 'verify, then print what JIT provisioning would do (a dry run)',
  run: runProvision,
};
