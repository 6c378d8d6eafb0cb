import {
  ALL_ERROR_CODES,
  CONFIG_REASONS,
  type ErrorCode,
  JIT_CODES,
  STORE_REASONS,
  VALIDATION_REASONS,
} from '@saml-jit/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { HTTP_STATUS } from '../src/status-table.js';

describe('HTTP_STATUS', () => {
  it('is typed as total over every error code', () => {
    expectTypeOf(HTTP_STATUS).toEqualTypeOf<Readonly<Record<ErrorCode, 303 | 400 | 403 | 404 | 413 | 503>>>();
  });

  it('has a status for every code, and nothing else', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ALL_ERROR_CODES].sort());
  });

  it('answers 4xx for every validation failure', () => {
    for (const code of Object.keys(VALIDATION_REASONS) as ErrorCode[]) {
      expect(HTTP_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(HTTP_STATUS[code], code).toBeLessThan(500);
    }
    expect(HTTP_STATUS.INPUT_TOO_LARGE).toBe(413);
    expect(HTTP_STATUS.SAML_RESPONSE_MISSING).toBe(400);
    expect(HTTP_STATUS.SIGNATURE_INVALID).toBe(403);
    expect(HTTP_STATUS.REPLAY_DETECTED).toBe(403);
  });

  it('redirects (303) every JIT failure', () => {
    for (const code of JIT_CODES) expect(HTTP_STATUS[code], code).toBe(303);
  });

  it('answers 503 for every store failure', () => {
    for (const code of Object.keys(STORE_REASONS) as ErrorCode[]) expect(HTTP_STATUS[code], code).toBe(503);
  });

  it('never answers 500, and 404 only for an unknown connection', () => {
    for (const code of Object.keys(CONFIG_REASONS) as ErrorCode[]) {
      expect([403, 404, 503], code).toContain(HTTP_STATUS[code]);
    }
    expect(Object.entries(HTTP_STATUS).filter(([, s]) => s === 404)).toEqual([['UNKNOWN_CONNECTION', 404]]);
    expect(Object.values(HTTP_STATUS)).not.toContain(500);
  });
});
