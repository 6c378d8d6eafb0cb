/**
 * A small, strict command-line option parser shared by every `saml-jit` command.
 *
 * Strict on purpose: an unknown option, a missing value or a repeated single-valued option is a
 * usage error (exit status 2), never silently ignored, because a mistyped security option
 * (`--reject-unsolicted`) must not quietly validate with a weaker configuration.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from './io.js';

/** `flag`: no value; `value`: one value, at most once; `list`: one value, repeatable. */
export type OptionKind = 'flag' | 'value' | 'list';

export interface OptionSpec {
  /** The long name without dashes, e.g. `idp-cert`. */
  readonly name: string;
  readonly kind: OptionKind;
  /** How the value is shown in the help, e.g. `FILE`. */
  readonly metavar?: string;
  readonly help: string;
}

export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  /** Operands in order; `-` (standard input) is an operand. */
  readonly positionals: readonly string[];
}

const splitInline = (arg: string): readonly [string, string | null] => {
  const eq = arg.indexOf('=');
  return eq === -1 ? [arg.slice(2), null] : [arg.slice(2, eq), arg.slice(eq + 1)];
};

/**
 * Parses `argv` against `specs`. Accepts `--name value` and `--name=value`; `--` ends options.
 * A value that itself starts with `--` must be given as `--name=value` (so that
 * `--idp-entity-id --sp-entity-id x` reports the missing value instead of swallowing an option).
 * @example
 * parseArgs([{ name: 'now', kind: 'value', help: '' }], ['--now', '2024-01-01T00:00:00Z', 'a.xml'])
 * // Right({ values: Map { 'now' => '2024-01-01T00:00:00Z' }, positionals: ['a.xml'], … })
 */
export const parseArgs = (
  specs: readonly OptionSpec[],
  argv: readonly string[],
): E.Either<CliFailure, ParsedArgs> => {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const positionals: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] as string;
    i += 1;
    if (arg === '--') {
      positionals.push(...argv.slice(i));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) return E.left(cliFailure(`unknown option '${arg}'`));
    const [name, inline] = splitInline(arg);
    const spec = byName.get(name);
    if (spec === undefined) return E.left(cliFailure(`unknown option '--${name}'`));
    if (spec.kind === 'flag') {
      if (inline !== null) return E.left(cliFailure(`option '--${name}' takes no value`));
      flags.add(name);
      continue;
    }
    let value = inline;
    if (value === null) {
      const next = argv[i];
      if (next === undefined || next.startsWith('--')) {
        return E.left(cliFailure(`option '--${name}' needs a value (${spec.metavar ?? 'VALUE'})`));
      }
      value = next;
      i += 1;
    }
    if (spec.kind === 'value') {
      if (values.has(name)) return E.left(cliFailure(`option '--${name}' given more than once`));
      values.set(name, value);
    } else {
      const list = lists.get(name) ?? [];
      list.push(value);
      lists.set(name, list);
    }
  }
  return E.right({ flags, values, lists, positionals });
};

/** The help lines for `specs`, aligned. */
export const formatOptions = (specs: readonly OptionSpec[]): string => {
  const heads = specs.map((s) => `  --${s.name}${s.kind === 'flag' ? '' : ` ${s.metavar ?? 'VALUE'}`}`);
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return specs
    .map(
      (s, k) => `${(heads[k] as string).padEnd(width)}${s.help}${s.kind === 'list' ? ' (repeatable)' : ''}`,
    )
    .join('\n');
};
