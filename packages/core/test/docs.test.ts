/**
 * docs/errors.md has one `### CODE` entry (an anchor) per code of ALL_ERROR_CODES, and JIT
 * entries state Salesforce's number and description. Whoever adds a code adds its entry.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_ERROR_CODES, JIT_CODES, JIT_ERRORS } from '../src/index.js';

const ERRORS_MD = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');
const headings = [...ERRORS_MD.matchAll(/^### ([A-Z0-9_]+)\s*$/gm)].map((m) => m[1]);

/** The text of one code's entry: from its heading to the next heading. */
const entryOf = (code: string): string => {
  const start = ERRORS_MD.indexOf(`### ${code}\n`);
  const next = ERRORS_MD.indexOf('\n#', start + 4);
  return ERRORS_MD.slice(start, next === -1 ? undefined : next);
};

describe('docs/errors.md', () => {
  it('has a heading for every error code', () => {
    expect(ALL_ERROR_CODES.filter((c) => !headings.includes(c))).toEqual([]);
  });

  it('has each heading once', () => {
    expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
  });

  it.each(JIT_CODES.map((c) => [c]))('%s states its ErrorCode and ErrorDescription', (code) => {
    const entry = entryOf(code);
    expect(entry).toContain(`**ErrorCode** ${JIT_ERRORS[code].errorCode} `);
    expect(entry).toContain(JIT_ERRORS[code].description);
  });
});
