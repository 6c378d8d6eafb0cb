/**
 * Hostile and broken inputs through the real binary: each is answered with a rejection line
 * within 2 seconds, the process neither crashes nor hangs, and the run goes on to accept the
 * valid response after them with its replay cache intact.
 */
import { ALL_ERROR_CODES, type ErrorCode, LOGIN_HISTORY_REASONS, REASON_OF } from '@saml-jit/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertBuilt, type CliRun, pinnedClockIdp, runCli, tempDir, verifyArgs } from './support.js';

// Each test spawns the binary, several times for some: give a loaded CI machine room.
vi.setConfig({ testTimeout: 120_000 });

const NOW = new Date('2030-01-01T00:00:00Z');
const idp = pinnedClockIdp();
const tmp = tempDir();
let cert = '';

beforeAll(() => {
  assertBuilt();
  cert = tmp.write('idp.pem', idp.certificatePem);
});
afterAll(() => tmp.remove());

const args = (...files: string[]): string[] => verifyArgs(cert, idp.entityId, NOW.toISOString(), ...files);

const MiB = 1_048_576;

/** Every line is well-formed: a known reason, a known code, and the reason its code maps to. */
const expectWellFormedRejections = (run: CliRun, count: number): void => {
  expect(run.lines).toHaveLength(count);
  for (const line of run.lines) {
    if (line.ok === true) continue;
    const error = line.error as { reason: string; code: string; message: string };
    expect(LOGIN_HISTORY_REASONS).toContain(error.reason);
    expect(ALL_ERROR_CODES).toContain(error.code);
    expect(error.reason).toBe(REASON_OF[error.code as ErrorCode]);
    expect(typeof error.message).toBe('string');
  }
};

/** Each line within 2 s of the previous one (the first: of the process start, plus start-up). */
const expectEachWithin2s = (run: CliRun): void => {
  const [first, ...rest] = run.lineTimes;
  expect(first).toBeLessThan(4_000);
  rest.forEach((t, i) => {
    expect(t - (run.lineTimes[i] as number)).toBeLessThan(2_000);
  });
};

const hostile: ReadonlyArray<readonly [string, string | Uint8Array]> = [
  ['empty', ''],
  ['only a BOM', '\uFEFF'],
  ['plain text', 'hello, I am not SAML'],
  ['random binary', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)],
  ['NUL bytes', new Uint8Array(1000)],
  ['malformed XML', '<samlp:Response><unclosed>'],
  ['base64 of garbage', Buffer.from('garbage garbage garbage').toString('base64')],
  [
    'billion laughs',
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&lol9;</samlp:Response>`,
  ],
  ['100,000 nested elements', `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`],
  [
    'nested elements as base64',
    Buffer.from(
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'<x>'.repeat(60_000)}${'</x>'.repeat(60_000)}</samlp:Response>`,
    ).toString('base64'),
  ],
  ['a million attributes-worth of whitespace', `<r${' '.repeat(900_000)}/>`],
  [
    'thousands of attributes',
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ${Array.from({ length: 20_000 }, (_, i) => `a${i}="${i}"`).join(' ')}/>`,
  ],
  ['two roots', '<a/><b/>'],
];

describe('saml-jit verify: hostile inputs', () => {
  it('answers every hostile input within 2 s with a rejection, then still accepts a valid response', async () => {
    const files = hostile.map(([, data], i) => tmp.write(`hostile-${i}`, data));
    const valid = tmp.write('valid.xml', idp.response({ now: NOW }));
    const run = await runCli(args(...files, valid), { timeoutMs: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expectWellFormedRejections(run, files.length + 1);
    expect(run.lines.slice(0, -1).map((l) => l.ok)).toEqual(files.map(() => false));
    expect(run.lines.at(-1)).toMatchObject({ file: valid, ok: true });
    expectEachWithin2s(run);
  });

  it('refuses a 3 MiB file as INPUT_TOO_LARGE without reading it whole', async () => {
    const big = tmp.write('big.xml', `<r>${'x'.repeat(3 * MiB)}</r>`);
    const run = await runCli(args(big));
    expect(run.code).toBe(1);
    expect(run.lines[0]?.error).toMatchObject({ reason: 'Assertion Invalid', code: 'INPUT_TOO_LARGE' });
  });

  it('refuses 3 MiB on a standard input that never closes, and exits', async () => {
    const run = await runCli(args('-'), { stdinKeepOpen: 'A'.repeat(3 * MiB) });
    expect(run.code).toBe(1);
    expect(run.lines[0]?.error).toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });

  it('answers an unreadable response file (missing, a directory) with INPUT_UNREADABLE and goes on', async () => {
    const valid = tmp.write('valid-after-unreadable.xml', idp.response({ now: NOW }));
    const run = await runCli(args(`${tmp.dir}/does-not-exist.xml`, tmp.dir, valid));
    expect(run.code).toBe(1);
    expect(run.lines.map((l) => (l.error as { code?: string } | undefined)?.code)).toEqual([
      'INPUT_UNREADABLE',
      'INPUT_UNREADABLE',
      undefined,
    ]);
    expect(run.lines[0]?.error).toMatchObject({ reason: 'Assertion Invalid' });
    expect(run.lines[2]?.ok).toBe(true);
  });

  it('random inputs are always well-formed rejections (property, one run)', async () => {
    const inputs = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 2000 }),
        fc.uint8Array({ maxLength: 2000 }),
        fc
          .string({ maxLength: 500 })
          .map(
            (s) => `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${s}</samlp:Response>`,
          ),
        fc.string({ maxLength: 500 }).map((s) => Buffer.from(s).toString('base64')),
      ),
      { numRuns: 40, seed: 20300101 },
    );
    const files = inputs.map((data, i) => tmp.write(`random-${i}`, data));
    const run = await runCli(args(...files), { timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expectWellFormedRejections(run, files.length);
    expect(run.lines.every((l) => l.ok === false)).toBe(true);
  });

  it('byte flips of a signed response never yield an accepted response with another identity', async () => {
    const original = idp.response({
      now: NOW,
      nameId: 'alice@example.test',
      attributes: { role: ['admin'] },
    });
    const flips = fc.sample(
      fc.record({ at: fc.nat({ max: original.length - 1 }), by: fc.integer({ min: 1, max: 255 }) }),
      { numRuns: 40, seed: 7 },
    );
    const files = flips.map(({ at, by }, i) => {
      const bytes = Buffer.from(original, 'utf8');
      const k = Math.min(at, bytes.length - 1);
      bytes[k] = ((bytes[k] as number) ^ by) & 0xff;
      return tmp.write(`flip-${i}.xml`, bytes);
    });
    const run = await runCli(args(...files), { timeoutMs: 60_000 });
    expectWellFormedRejections(run, files.length);
    for (const line of run.lines.filter((l) => l.ok === true)) {
      expect(line).toMatchObject({ nameId: 'alice@example.test', attributes: { role: ['admin'] } });
    }
  });
});
