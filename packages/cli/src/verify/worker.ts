/**
 * The validation worker's entry point. It parses the settings it was started with (a refusal is
 * `init-failed`: the run's configuration error, exit status 2), then validates one input per
 * `validate` message, reaching the run's replay cache and request store
 * in the main thread by message. Validation is synchronous CPU work; running it here is what
 * lets the main thread cut off a pathological input at its time budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { OutstandingRequest, ReplayCache, RequestStore, StoreFailure } from '@saml-jit/core';
import { validationFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { inProcessValidator } from './in-process.js';
import type { FromWorker, StoreCall, ToWorker, WireVerdict } from './protocol.js';
import type { VerifySettings } from './settings.js';
import { type Accepted, factsOf } from './validator.js';

const port = parentPort;
if (port === null) throw new Error('worker.js runs only as a worker thread');

const post = (message: FromWorker): void => port.postMessage(message);

let nextCall = 0;
const waiting = new Map<number, (result: E.Either<StoreFailure, unknown>) => void>();

const call =
  <A>(c: StoreCall) =>
  (): Promise<E.Either<StoreFailure, A>> =>
    new Promise((resolve) => {
      nextCall += 1;
      waiting.set(nextCall, resolve as (r: E.Either<StoreFailure, unknown>) => void);
      post({ type: 'store', callId: nextCall, call: c });
    });

const replayCache: ReplayCache = { consume: (key, window) => call({ op: 'consume', key, window }) };
const requestStore: RequestStore = {
  save: (request: OutstandingRequest) => call({ op: 'save', request }),
  take: (id, now) => call({ op: 'take', id, now }),
};

const validator = inProcessValidator(workerData as VerifySettings, { replayCache, requestStore });

port.on('message', (message: ToWorker) => {
  if (message.type === 'store-reply') {
    const resolve = waiting.get(message.callId);
    waiting.delete(message.callId);
    resolve?.(message.result);
    return;
  }
  void validator.validate(message.input).then((verdict) => {
    const wire: WireVerdict = E.map((a: Accepted) => ({ facts: factsOf(a.assertion), report: a.report }))(
      verdict,
    );
    try {
      post({ type: 'verdict', id: message.id, verdict: wire });
    } catch {
      // Something in the verdict did not survive structured clone: refuse, never hang.
      const error = validationFailure('VALIDATION_INTERNAL_ERROR', 'The verdict could not be transferred.');
      post({ type: 'verdict', id: message.id, verdict: E.left({ error, report: null }) });
    }
  });
});

void validator.start().then((started) => {
  post(E.isLeft(started) ? { type: 'init-failed', message: started.left.message } : { type: 'ready' });
});
