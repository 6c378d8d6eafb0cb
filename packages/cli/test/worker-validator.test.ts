/**
 * The watchdog around validation: a worker that never answers is cut off at the budget, one that
 * dies refuses its input, and in both cases the next input is validated by a fresh worker that
 * shares the run's replay cache. Driven by scripted workers speaking the real protocol.
 */
import { memoryReplayCache, memoryRequestStore } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { VerifySettings } from '../src/verify/settings.js';
import type { Verdict } from '../src/verify/validator.js';
import { workerValidator } from '../src/verify/worker-validator.js';

const settings: VerifySettings = {
  idpCerts: [],
  idpMetadata: null,
  decryptionKeys: [],
  idpEntityId: 'https://idp.example.test',
  spEntityId: 'https://sp.example.test',
  acsUrl: null,
  now: null,
  clockSkewSeconds: 180,
  minRsaKeyBits: 2048,
  requestIds: [],
  rejectUnsolicited: false,
  allowSha1: false,
  report: false,
};

const scripted = (budgetMs: number, script = 'scripted-worker.mjs') =>
  workerValidator({
    settings,
    heapMb: 64,
    stores: { replayCache: memoryReplayCache(), requestStore: memoryRequestStore() },
    budgetMs,
    workerUrl: new URL(`./fixtures/${script}`, import.meta.url),
  });

const codeOf = (v: Verdict): string | null => (E.isLeft(v) ? v.left.error.code : null);

describe('workerValidator', () => {
  it('cuts off a worker stuck in a busy loop at the budget, then validates the next input', async () => {
    const v = scripted(300);
    try {
      expect(E.isRight(await v.validate('a'))).toBe(true);
      const started = performance.now();
      const stuck = await v.validate('spin');
      const elapsed = performance.now() - started;
      expect(codeOf(stuck)).toBe('VALIDATION_TIMEOUT');
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1_500);
      // A fresh worker, the same replay cache: 'a' is now a replay, 'b' is fresh.
      expect(codeOf(await v.validate('a'))).toBe('REPLAY_DETECTED');
      expect(E.isRight(await v.validate('b'))).toBe(true);
    } finally {
      await v.close();
    }
  });

  it('refuses the input of a worker that exits, and goes on', async () => {
    const v = scripted(2_000);
    try {
      expect(codeOf(await v.validate('crash'))).toBe('VALIDATION_INTERNAL_ERROR');
      expect(E.isRight(await v.validate('c'))).toBe(true);
    } finally {
      await v.close();
    }
  });

  it('refuses the input of a worker that runs out of memory, without taking the process down', async () => {
    const v = scripted(10_000);
    try {
      const verdict = await v.validate('oom');
      expect(['VALIDATION_INTERNAL_ERROR', 'VALIDATION_TIMEOUT']).toContain(codeOf(verdict));
      expect(E.isRight(await v.validate('d'))).toBe(true);
    } finally {
      await v.close();
    }
  }, 30_000);

  it('re-marks the verdict of its own worker, with Map attributes intact', async () => {
    const v = scripted(2_000);
    try {
      const verdict = await v.validate('e');
      if (E.isLeft(verdict)) throw new Error('expected an accepted verdict');
      expect(verdict.right.assertion.attributes.get('__proto__')).toEqual(['x']);
      expect(verdict.right.assertion.issueInstant).toBeInstanceOf(Date);
      expect(verdict.right.report).toEqual({ scripted: true });
    } finally {
      await v.close();
    }
  });

  it('refuses every input when the worker cannot start', async () => {
    const v = scripted(2_000, 'failing-worker.mjs');
    try {
      expect(codeOf(await v.validate('x'))).toBe('VALIDATION_INTERNAL_ERROR');
    } finally {
      await v.close();
    }
  });
});
