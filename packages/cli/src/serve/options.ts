/**
 * `saml-jit serve`'s options, in the contract's order, and the checks of their values (a bad
 * value is exit status 2 before anything is opened).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { OptionSpec } from '../args.js';
import { type CliFailure, cliFailure } from '../io.js';

export const SERVE_OPTIONS: readonly OptionSpec[] = [
  { name: 'config', kind: 'value', metavar: 'FILE', help: 'the connections (JSON); required' },
  {
    name: 'seed',
    kind: 'value',
    metavar: 'FILE',
    help: 'a directory snapshot (provision --directory format) upserted at start',
  },
  {
    name: 'port',
    kind: 'value',
    metavar: 'N',
    help: 'the port to listen on (default 3000; 0 picks a free one)',
  },
  {
    name: 'store',
    kind: 'value',
    metavar: 'URL',
    help: 'sqlite:PATH, postgres://…[?schema=NAME] or memory (default sqlite:saml-jit.db)',
  },
  {
    name: 'state',
    kind: 'value',
    metavar: 'URL',
    help: 'redis://…[?prefix=NAME]: replay cache, login requests and sessions (default: in --store)',
  },
  { name: 'host', kind: 'value', metavar: 'ADDRESS', help: 'the address to listen on (default 127.0.0.1)' },
  { name: 'help', kind: 'flag', help: 'show this help' },
];

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';

/**
 * A port number: a whole number from 0 to 65535.
 * @example
 * parsePort('3000') // Right(3000)
 */
export const parsePort = (text: string): E.Either<CliFailure, number> =>
  /^\d{1,5}$/.test(text) && Number(text) <= 65_535
    ? E.right(Number(text))
    : E.left(cliFailure(`--port '${text}' is not a port number (0 to 65535)`));
