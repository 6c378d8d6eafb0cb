/**
 * The validating half of `verify` and `provision`: prepare one run (settings read, one replay
 * cache and one request store, the `--request-id`s saved as outstanding, the validation worker
 * started — which parses the certificates, keys and metadata), then take the operands in order,
 * each read with a bound and validated, handing every verdict on.
 */
import {
  fixedClock,
  type MemoryReplayCache,
  type MemoryRequestStore,
  memoryReplayCache,
  memoryRequestStore,
  systemClock,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ParsedArgs } from '../args.js';
import { DEFAULT_READ_LIMIT, readResponseInput } from '../input.js';
import { type CliFailure, type CliIo, cliFailure } from '../io.js';
import { CLI_CONNECTION, readVerifySettings, type VerifySettings } from './settings.js';
import { type FileValidator, rejectedWithout, type ValidatorStores, type Verdict } from './validator.js';
import { workerValidator } from './worker-validator.js';

/**
 * Outstanding requests live for the whole run: a day past the validation instant, so that a run
 * with `--now` in the past or one spanning minutes of system time never sees them expire.
 */
const REQUEST_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface VerifyRun {
  readonly settings: VerifySettings;
  /** Started: its configuration was accepted. Close it when the run ends. */
  readonly validator: FileValidator;
  readonly replayCache: MemoryReplayCache;
  readonly requestStore: MemoryRequestStore;
  /** The response operands, in order (`-` is standard input). */
  readonly operands: readonly string[];
}

/** Operand rules shared by the validating commands: at least one, standard input at most once. */
const checkOperands = (operands: readonly string[]): E.Either<CliFailure, readonly string[]> => {
  if (operands.length === 0) return E.left(cliFailure('no response file given (use - for standard input)'));
  if (operands.filter((o) => o === '-').length > 1) {
    return E.left(cliFailure("standard input ('-') can be given only once"));
  }
  return E.right(operands);
};

export interface PrepareOptions {
  /** Builds the run's validator; default `workerValidator` (a worker thread with a time budget). */
  readonly validator?: (settings: VerifySettings, stores: ValidatorStores) => FileValidator;
}

/**
 * Everything that can fail with exit status 2, done before any response is read: operands,
 * option values, configuration files read, then parsed by starting the validator.
 * @example
 * const run = await prepareVerifyRun(parsed); // Left(CliFailure) → print it, exit 2
 * if (E.isRight(run)) try { await forEachVerdict(run.right, io, onVerdict) } finally { await run.right.validator.close() }
 */
export const prepareVerifyRun = async (
  parsed: ParsedArgs,
  opts: PrepareOptions = {},
): Promise<E.Either<CliFailure, VerifyRun>> => {
  const operands = checkOperands(parsed.positionals);
  if (E.isLeft(operands)) return operands;
  const settings = await readVerifySettings(parsed);
  if (E.isLeft(settings)) return settings;
  const replayCache = memoryReplayCache();
  const requestStore = memoryRequestStore();
  const clock = settings.right.now === null ? systemClock : fixedClock(settings.right.now);
  const issuedAt = clock.now();
  for (const id of settings.right.requestIds) {
    const saved = await requestStore.save({
      id,
      connection: CLI_CONNECTION,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + REQUEST_LIFETIME_MS),
      relayState: null,
    })();
    if (E.isLeft(saved)) return E.left(cliFailure(`cannot record --request-id: ${saved.left.message}`));
  }
  const make =
    opts.validator ??
    ((s: VerifySettings, stores: ValidatorStores) => workerValidator({ settings: s, stores }));
  const validator = make(settings.right, { replayCache, requestStore });
  const started = await validator.start();
  if (E.isLeft(started)) {
    await validator.close();
    return started;
  }
  return E.right({
    settings: settings.right,
    validator,
    replayCache,
    requestStore,
    operands: operands.right,
  });
};

/**
 * Reads and validates each operand in order and awaits `onVerdict` before the next, so the
 * output order is the input order and provisioning sees the directory as the previous file left it.
 * @example
 * await forEachVerdict(run, io, async (file, verdict) => io.out(JSON.stringify(…)));
 */
export const forEachVerdict = async (
  run: VerifyRun,
  io: CliIo,
  onVerdict: (file: string, verdict: Verdict) => Promise<void>,
  readLimit: number = DEFAULT_READ_LIMIT,
): Promise<void> => {
  for (const file of run.operands) {
    const input = await readResponseInput(file, io.stdin, readLimit);
    const verdict = E.isLeft(input) ? rejectedWithout(input.left) : await run.validator.validate(input.right);
    await onVerdict(file, verdict);
  }
};
