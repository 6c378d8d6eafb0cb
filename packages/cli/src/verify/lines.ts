/**
 * The output loop `verify` and `provision` share: one JSON line per operand, in input order,
 * with the validator's report appended under `--report`, and the validator closed however the
 * loop ends. Each command only says what its line holds and whether the operand was refused.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type CliIo, EXIT_OK, EXIT_REJECTED, type ExitCode } from '../io.js';
import { withReport } from './output.js';
import { forEachVerdict, type VerifyRun } from './run.js';
import type { Verdict } from './validator.js';

/** What a command prints for one operand, and whether that operand makes the exit status 1. */
export interface VerdictLine {
  readonly fields: object;
  readonly refused: boolean;
}

/**
 * Prints `lineOf`'s line for every operand of `run` (see `forEachVerdict`), then closes the
 * validator; answers exit status 1 when any operand was refused, else 0.
 * @example
 * return printVerdicts(run.right, io, async (file, verdict) => ({
 *   fields: E.isRight(verdict) ? acceptedFields(file, verdict.right.assertion) : rejectedFields(file, verdict.left.error),
 *   refused: E.isLeft(verdict),
 * }));
 */
export const printVerdicts = async (
  run: VerifyRun,
  io: CliIo,
  lineOf: (file: string, verdict: Verdict) => Promise<VerdictLine>,
): Promise<ExitCode> => {
  let refused = false;
  try {
    await forEachVerdict(run, io, async (file, verdict) => {
      const line = await lineOf(file, verdict);
      refused ||= line.refused;
      const report = E.isRight(verdict) ? verdict.right.report : verdict.left.report;
      await io.out(JSON.stringify(run.settings.report ? withReport(line.fields, report) : line.fields));
    });
  } finally {
    await run.validator.close();
  }
  return refused ? EXIT_REJECTED : EXIT_OK;
};
