/**
 * `--store` and `--state` values → which backend holds what. The syntax is the contract's:
 * `--store sqlite:PATH | postgres://… | memory`, `--state redis://…`. Two query parameters of our
 * own, removed before the URL reaches the driver, let several deployments (or test runs) share one
 * server: `?schema=NAME` on a PostgreSQL URL and `?prefix=NAME` on a Redis URL.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';

/** Where the directory (and, without `--state`, the replay cache, requests and sessions) live. */
export type StoreSpec =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string | null };

/** Where the replay cache, outstanding requests and sessions live when `--state` is given. */
export interface StateSpec {
  readonly kind: 'redis';
  readonly url: string;
  readonly prefix: string | null;
}

/** The default `--store`: a SQLite file in the working directory, so users survive a restart. */
export const DEFAULT_STORE = 'sqlite:saml-jit.db';

/** A PostgreSQL schema name we can quote safely (an unquoted identifier, lower case). */
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
/** A Redis key prefix: printable, no spaces, bounded. */
const PREFIX = /^[\x21-\x7e]{1,128}$/;

/** Removes our own parameter from a URL; `null` when it is absent; Left when repeated. */
const takeParam = (url: URL, name: string): E.Either<CliFailure, string | null> => {
  const values = url.searchParams.getAll(name);
  url.searchParams.delete(name);
  if (values.length > 1) return E.left(cliFailure(`the ${name} parameter is given more than once`));
  return E.right(values[0] ?? null);
};

/** Never echo a URL's password into an error line. */
const redact = (value: string): string => value.replace(/\/\/[^@/]*@/, '//…@');

/**
 * Parses a `--store` value.
 * @example
 * parseStore('sqlite:./data/saml.db')                      // Right({ kind: 'sqlite', path: './data/saml.db' })
 * parseStore('postgres://postgres@127.0.0.1/test?schema=a') // Right({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1/test', schema: 'a' })
 */
export const parseStore = (value: string): E.Either<CliFailure, StoreSpec> => {
  if (value === 'memory') return E.right({ kind: 'memory' });
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    return path === ''
      ? E.left(cliFailure("--store sqlite: needs a file path, e.g. 'sqlite:saml-jit.db'"))
      : E.right({ kind: 'sqlite', path });
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return E.left(cliFailure(`--store '${redact(value)}' is not a valid PostgreSQL URL`));
    }
    const schema = takeParam(url, 'schema');
    if (E.isLeft(schema)) return E.left(cliFailure(`--store: ${schema.left.message}`));
    if (schema.right !== null && !SCHEMA.test(schema.right)) {
      return E.left(cliFailure(`--store: schema '${schema.right}' is not a lower-case SQL identifier`));
    }
    return E.right({ kind: 'postgres', url: url.toString(), schema: schema.right });
  }
  return E.left(cliFailure(`--store '${redact(value)}' is not one of sqlite:PATH, postgres://… or memory`));
};

/**
 * Parses a `--state` value.
 * @example
 * parseState('redis://127.0.0.1:6379/0?prefix=saml-jit:') // Right({ kind: 'redis', url: 'redis://127.0.0.1:6379/0', prefix: 'saml-jit:' })
 */
export const parseState = (value: string): E.Either<CliFailure, StateSpec> => {
  if (!/^rediss?:\/\//i.test(value)) {
    return E.left(cliFailure(`--state '${redact(value)}' is not a redis:// URL`));
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return E.left(cliFailure(`--state '${redact(value)}' is not a valid Redis URL`));
  }
  const prefix = takeParam(url, 'prefix');
  if (E.isLeft(prefix)) return E.left(cliFailure(`--state: ${prefix.left.message}`));
  if (prefix.right !== null && !PREFIX.test(prefix.right)) {
    return E.left(cliFailure('--state: prefix must be 1–128 printable characters without spaces'));
  }
  return E.right({ kind: 'redis', url: url.toString(), prefix: prefix.right });
};
