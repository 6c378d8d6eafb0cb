/** docs/http.md's status table says what HTTP_STATUS says, code by code. */
import { readFileSync } from 'node:fs';
import { ALL_ERROR_CODES, JIT_CODES } from '@saml-jit/core';
import { describe, expect, it } from 'vitest';
import { HTTP_STATUS } from '../src/status-table.js';

const doc = readFileSync(new URL('../../../docs/http.md', import.meta.url), 'utf8');
const table = doc.slice(doc.indexOf('## Status table'), doc.indexOf('## JIT errors'));
const rows = table.split('\n').filter((l) => /^\|\s*\d{3}\s*\|/.test(l));
const statusOf = (row: string | undefined): string | undefined => /^\|\s*(\d{3})/.exec(row ?? '')?.[1];

describe('docs/http.md status table', () => {
  it('lists every non-JIT code once, in the row of its status', () => {
    const jit = new Set<string>(JIT_CODES);
    for (const code of ALL_ERROR_CODES.filter((c) => !jit.has(c))) {
      const holding = rows.filter((r) => r.includes(`\`${code}\``));
      expect(holding, code).toHaveLength(1);
      expect(statusOf(holding[0]), code).toBe(String(HTTP_STATUS[code]));
    }
  });

  it('says every JIT code redirects with 303', () => {
    expect(rows.find((r) => statusOf(r) === '303')).toContain('every JIT code');
    for (const code of JIT_CODES) expect(HTTP_STATUS[code]).toBe(303);
  });
});
