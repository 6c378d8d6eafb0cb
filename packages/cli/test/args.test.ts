/** The strict option parser and the `--now` / `--clock-skew` value checks. */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type OptionSpec, parseArgs } from '../src/args.js';
import { parseClockSkew, parseInstant, VERIFY_OPTIONS } from '../src/verify/settings.js';

const specs: readonly OptionSpec[] = [
  { name: 'one', kind: 'value', help: '' },
  { name: 'many', kind: 'list', help: '' },
  { name: 'flag', kind: 'flag', help: '' },
];

const message = (r: E.Either<{ message: string }, unknown>): string => (E.isLeft(r) ? r.left.message : 'ok');

describe('parseArgs', () => {
  it('reads values, lists, flags and operands, in both --name value and --name=value forms', () => {
    const r = parseArgs(specs, ['a', '--one', '1', '--many=x', '--flag', '-', '--many', 'y', 'b']);
    expect(E.isRight(r) && r.right).toEqual({
      flags: new Set(['flag']),
      values: new Map([['one', '1']]),
      lists: new Map([['many', ['x', 'y']]]),
      positionals: ['a', '-', 'b'],
    });
  });

  it('treats everything after -- as operands', () => {
    const r = parseArgs(specs, ['--', '--flag', '-x']);
    expect(E.isRight(r) && r.right.positionals).toEqual(['--flag', '-x']);
  });

  it('allows a value starting with -- only in the --name=value form', () => {
    expect(E.isRight(parseArgs(specs, ['--one=--odd']))).toBe(true);
    expect(message(parseArgs(specs, ['--one', '--odd']))).toMatch(/'--one' needs a value/);
  });

  it.each([
    [['--nope'], /unknown option '--nope'/],
    [['-f'], /unknown option '-f'/],
    [['--one'], /'--one' needs a value/],
    [['--one', '1', '--one', '2'], /more than once/],
    [['--flag=1'], /takes no value/],
  ])('refuses %j', (argv, expected) => {
    expect(message(parseArgs(specs, argv))).toMatch(expected);
  });

  it('never throws, and every failure message is one line (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('--', '-', '--one', '--flag', '--many', '--x=\n'))),
        (argv) => {
          const r = parseArgs(VERIFY_OPTIONS, argv);
          if (E.isLeft(r)) expect(r.left.message).not.toMatch(/[\r\n]/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseInstant', () => {
  it.each([
    '2030-01-01T00:00:00Z',
    '2017-08-30T23:15:00.123Z',
    '2030-01-01T02:00:00+02:00',
    '2030-01-01T00:00Z',
  ])('accepts %s', (t) => {
    expect(E.isRight(parseInstant(t))).toBe(true);
  });

  it('pins the instant including its zone', () => {
    const r = parseInstant('2030-01-01T02:00:00+02:00');
    expect(E.isRight(r) && r.right.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it.each([
    '',
    'now',
    '2030-01-01',
    '2030-01-01T00:00:00',
    '2030-02-30T00:00:00Z',
    '2030-13-01T00:00:00Z',
    '2030-01-01T24:00:00Z',
    '1704067200',
  ])('refuses %j', (t) => {
    expect(E.isLeft(parseInstant(t))).toBe(true);
  });
});

describe('parseClockSkew', () => {
  it('accepts whole seconds from 0 to a day, and nothing else', () => {
    expect(parseClockSkew('0')).toEqual(E.right(0));
    expect(parseClockSkew('86400')).toEqual(E.right(86_400));
    for (const bad of ['-1', '1.5', '86401', '', ' 5', '1e3', '0x10'])
      expect(E.isLeft(parseClockSkew(bad))).toBe(true);
  });
});
