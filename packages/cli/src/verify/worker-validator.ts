/**
 * Validation in a worker thread, with a watchdog: each input gets a time budget, and a worker
 * that has not answered by then is terminated and replaced, the input refused with
 * `VALIDATION_TIMEOUT`. A worker that dies (out of memory under its heap limit, a crash) refuses
 * its input with `VALIDATION_INTERNAL_ERROR`. Either way the run goes on with the next input and
 * the same replay cache and request store, which live here in the main thread.
 */
import { Worker } from 'node:worker_threads';
import { validationFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ResponseInput } from '../input.js';
import { cliFailure } from '../io.js';
import type { FromWorker, StoreCall, ToWorker } from './protocol.js';
import type { VerifySettings } from './settings.js';
import {
  type FileValidator,
  rejectedWithout,
  reverified,
  type ValidatorStores,
  type Verdict,
} from './validator.js';

/** Each input must answer within 2 s; this leaves room for reading it and writing the line. */
export const DEFAULT_BUDGET_MS = 1_500;
/** Starting a worker (loading the XML stack) is not part of any input's budget, but is bounded. */
export const DEFAULT_STARTUP_MS = 10_000;
/** A heap limit for the worker, so a memory-hungry input kills the worker, not the process. */
export const DEFAULT_WORKER_HEAP_MB = 512;

export interface WorkerValidatorOptions {
  readonly settings: VerifySettings;
  readonly stores: ValidatorStores;
  readonly budgetMs?: number;
  readonly startupMs?: number;
  /** The worker's old-generation heap limit in MiB. */
  readonly heapMb?: number;
  /** The worker script; defaults to the compiled `worker.js` beside this module. */
  readonly workerUrl?: URL;
}

const internal = (message: string): Verdict =>
  rejectedWithout(validationFailure('VALIDATION_INTERNAL_ERROR', message));

const runStoreCall = async (
  stores: ValidatorStores,
  call: StoreCall,
): Promise<E.Either<unknown, unknown>> => {
  switch (call.op) {
    case 'consume':
      return stores.replayCache.consume(call.key, call.window)();
    case 'take':
      return stores.requestStore.take(call.id, call.now)();
    case 'save':
      return stores.requestStore.save(call.request)();
  }
};

interface Live {
  readonly worker: Worker;
  readonly ready: Promise<E.Either<string, Worker>>;
  /** The input being validated, answered by a verdict, the watchdog or the worker's death. */
  pending: { readonly id: number; readonly settle: (v: Verdict) => void } | null;
}

/**
 * A `FileValidator` that validates in a worker thread under a per-input time budget.
 * @example
 * const validator = workerValidator({ settings, stores: { replayCache, requestStore } });
 * try { await validator.validate(input); } finally { await validator.close(); }
 */
export const workerValidator = (opts: WorkerValidatorOptions): FileValidator => {
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const startupMs = opts.startupMs ?? DEFAULT_STARTUP_MS;
  const url = opts.workerUrl ?? new URL('./worker.js', import.meta.url);
  let live: Live | null = null;
  let nextId = 0;

  const start = (): Live => {
    // stdout/stderr piped and drained: nothing a library prints may land among the JSON lines.
    const worker = new Worker(url, {
      workerData: opts.settings,
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: opts.heapMb ?? DEFAULT_WORKER_HEAP_MB },
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let markReady: (r: E.Either<string, Worker>) => void = () => undefined;
    const self: Live = {
      worker,
      ready: new Promise((resolve) => {
        markReady = resolve;
      }),
      pending: null,
    };
    const startup = setTimeout(
      () => markReady(E.left('the validation worker did not start in time')),
      startupMs,
    );
    const die = (why: string): void => {
      clearTimeout(startup);
      markReady(E.left(why));
      if (live === self) live = null;
      const p = self.pending;
      self.pending = null;
      p?.settle(internal(`${why}; the input is refused.`));
    };
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          clearTimeout(startup);
          markReady(E.right(worker));
          return;
        case 'init-failed':
          // The settings were refused: the message is the configuration error, word for word.
          die(message.message);
          void worker.terminate();
          return;
        case 'store':
          void runStoreCall(opts.stores, message.call).then((result) => {
            if (live !== self) return; // a replaced worker gets no answers
            const reply: ToWorker = { type: 'store-reply', callId: message.callId, result: result as never };
            worker.postMessage(reply);
          });
          return;
        case 'verdict': {
          const p = self.pending;
          if (p === null || p.id !== message.id) return;
          self.pending = null;
          p.settle(
            E.map((a: { facts: Parameters<typeof reverified>[0]; report: unknown }) => ({
              assertion: reverified(a.facts),
              report: a.report,
            }))(message.verdict),
          );
          return;
        }
      }
    });
    worker.on('error', (e) =>
      die(`the validation worker failed (${e instanceof Error && 'code' in e ? String(e.code) : 'error'})`),
    );
    worker.on('exit', (code) => die(`the validation worker stopped (exit ${code})`));
    return self;
  };

  const kill = (l: Live): void => {
    if (live === l) live = null;
    void l.worker.terminate();
  };

  /** The live worker, started if need be; Left with why it could not start. */
  const ready = async (): Promise<E.Either<string, Live>> => {
    const l = live ?? start();
    live = l;
    const r = await l.ready;
    if (E.isLeft(r)) {
      kill(l);
      return r;
    }
    return E.right(l);
  };

  const validate = async (input: ResponseInput): Promise<Verdict> => {
    const r = await ready();
    if (E.isLeft(r)) return internal(`${r.left}; the input is refused.`);
    const l = r.right;
    if (live !== l) {
      return internal('The validation worker stopped before the input was sent; the input is refused.');
    }
    nextId += 1;
    const id = nextId;
    return new Promise<Verdict>((resolve) => {
      const timer = setTimeout(() => {
        if (l.pending?.id !== id) return;
        l.pending = null;
        kill(l);
        resolve(
          rejectedWithout(
            validationFailure(
              'VALIDATION_TIMEOUT',
              `Validation did not finish within ${budgetMs} ms; the input is refused.`,
              {
                budgetMs,
              },
            ),
          ),
        );
      }, budgetMs);
      l.pending = {
        id,
        settle: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      };
      const message: ToWorker = { type: 'validate', id, input };
      l.worker.postMessage(message);
    });
  };

  return {
    start: async () => E.bimap(cliFailure, () => undefined)(await ready()),
    validate,
    close: async () => {
      const l = live;
      live = null;
      if (l !== null) await l.worker.terminate();
    },
  };
};
