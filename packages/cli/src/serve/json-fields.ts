/**
 * Reading a JSON configuration object field by field, with messages that name the field's path
 * (`connections.okta.clockSkew must be a number`). Unknown keys are refused: a misspelled security
 * setting (`rejectUnsolicted`) must stop the service, not quietly leave the default in force.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';

export type JsonObject = Readonly<Record<string, unknown>>;
type Result<T> = E.Either<CliFailure, T>;

const bad = (path: string, what: string): Result<never> => E.left(cliFailure(`${path} ${what}`));

export const isObject = (u: unknown): u is JsonObject =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** The object at `path`, refusing any key outside `allowed`. */
export const objectOf = (path: string, u: unknown, allowed: readonly string[]): Result<JsonObject> => {
  if (!isObject(u)) return bad(path, 'must be a JSON object');
  const unknown = Object.keys(u).find((k) => !allowed.includes(k));
  return unknown === undefined ? E.right(u) : bad(`${path}.${unknown}`, 'is not a known setting');
};

/** An optional string (absent or null → null); `nonEmpty` refuses `""`. */
export const optionalString = (
  o: JsonObject,
  path: string,
  key: string,
  nonEmpty = true,
): Result<string | null> => {
  const v = o[key];
  if (v === undefined || v === null) return E.right(null);
  if (typeof v !== 'string') return bad(`${path}.${key}`, 'must be a string');
  return nonEmpty && v.trim() === '' ? bad(`${path}.${key}`, 'must not be empty') : E.right(v);
};

export const requiredString = (o: JsonObject, path: string, key: string): Result<string> => {
  const v = optionalString(o, path, key);
  if (E.isLeft(v)) return v;
  return v.right === null ? bad(`${path}.${key}`, 'is missing') : E.right(v.right);
};

export const optionalBoolean = (o: JsonObject, path: string, key: string): Result<boolean | null> => {
  const v = o[key];
  if (v === undefined || v === null) return E.right(null);
  return typeof v === 'boolean' ? E.right(v) : bad(`${path}.${key}`, 'must be true or false');
};

/** An optional whole number in `[min, max]`. */
export const optionalInteger = (
  o: JsonObject,
  path: string,
  key: string,
  min: number,
  max: number,
): Result<number | null> => {
  const v = o[key];
  if (v === undefined || v === null) return E.right(null);
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
    ? E.right(v)
    : bad(`${path}.${key}`, `must be a whole number from ${min} to ${max}`);
};

/** An optional array of non-empty strings (a single string is taken as a one-element array). */
export const stringList = (o: JsonObject, path: string, key: string): Result<readonly string[]> => {
  const v = o[key];
  if (v === undefined || v === null) return E.right([]);
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || s.trim() === '')) {
    return bad(`${path}.${key}`, 'must be a list of non-empty strings');
  }
  return E.right(list as string[]);
};
