/**
 * Value codecs: one attribute value (a string from the IdP) ⇄ a typed field value. Each is a stable
 * io-ts `Type<A, string, string>`, so `decode(encode(a))` gives `a` back for every accepted value.
 *
 * The empty string means "clear the field" (null) for every kind but booleans, which follow
 * Salesforce's generated handler: true for `1` or `true` in any case, false for anything else.
 */
import * as t from 'io-ts';

/** Text of any kind (Text, TextArea, Email, Phone, Url, Picklist, IDs, names). `''` → null. */
export const TextValue = new t.Type<string | null, string, string>(
  'TextValue',
  (u): u is string | null => u === null || typeof u === 'string',
  (s) => t.success(s === '' ? null : s),
  (a) => a ?? '',
);

/**
 * Salesforce's boolean rule (`'1'.equals(v) || Boolean.valueOf(v)`): `1` or `true` (any case) is
 * true, everything else false. It never fails, so an odd value can only ever *withhold* a flag.
 */
export const BooleanValue = new t.Type<boolean, string, string>(
  'BooleanValue',
  (u): u is boolean => typeof u === 'boolean',
  (s) => t.success(s === '1' || s.toLowerCase() === 'true'),
  (a) => (a ? 'true' : 'false'),
);

const INTEGER = /^[+-]?\d{1,15}$/;
// Decimal with an optional exponent, so `String(n)` of any finite number decodes again.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A whole number within ±999 999 999 999 999 (Apex `Integer.valueOf` is narrower). `''` → null. */
export const IntegerValue = new t.Type<number | null, string, string>(
  'IntegerValue',
  (u): u is number | null => u === null || Number.isSafeInteger(u),
  (s, c) => {
    if (s === '') return t.success(null);
    if (!INTEGER.test(s)) return t.failure(s, c, 'not an integer');
    const n = Number(s);
    return t.success(n === 0 ? 0 : n);
  },
  (a) => (a === null ? '' : String(a)),
);

/** A finite decimal (Number, Currency, Percent). `''` → null. */
export const DecimalValue = new t.Type<number | null, string, string>(
  'DecimalValue',
  (u): u is number | null => u === null || (typeof u === 'number' && Number.isFinite(u)),
  (s, c) => {
    if (s === '') return t.success(null);
    const n = Number(s);
    if (!DECIMAL.test(s) || !Number.isFinite(n)) return t.failure(s, c, 'not a finite decimal');
    return t.success(n === 0 ? 0 : n); // -0 and 0 are one value
  },
  (a) => (a === null ? '' : String(a)),
);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isCalendarDate = (y: number, m: number, d: number): boolean => {
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
};

/** A calendar date `yyyy-MM-dd` (Apex `Date.valueOf`), kept as that string. `''` → null. */
export const DateValue = new t.Type<string | null, string, string>(
  'DateValue',
  (u): u is string | null => u === null || (typeof u === 'string' && DATE.test(u)),
  (s, c) => {
    if (s === '') return t.success(null);
    const m = DATE.exec(s);
    if (m === null || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])))
      return t.failure(s, c, 'not a yyyy-MM-dd date');
    return t.success(s);
  },
  (a) => a ?? '',
);

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO 8601 instant with an explicit zone, normalised to `toISOString()` (UTC, milliseconds).
 * A time without a zone is refused: it would mean different instants on different servers.
 */
export const DateTimeValue = new t.Type<string | null, string, string>(
  'DateTimeValue',
  (u): u is string | null => u === null || typeof u === 'string',
  (s, c) => {
    if (s === '') return t.success(null);
    const m = DATE_TIME.exec(s);
    const ms = Date.parse(s);
    if (m === null || !Number.isFinite(ms) || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])))
      return t.failure(s, c, 'not an ISO 8601 date-time with a zone');
    return t.success(new Date(ms).toISOString());
  },
  (a) => a ?? '',
);

/** The value kinds of the attribute catalogue and of declared custom fields. */
export const VALUE_CODECS = {
  text: TextValue,
  boolean: BooleanValue,
  integer: IntegerValue,
  decimal: DecimalValue,
  date: DateValue,
  datetime: DateTimeValue,
} as const;

export type ValueKind = keyof typeof VALUE_CODECS;

/** The decoded type of each kind. */
export interface ValueOfKind {
  readonly text: string | null;
  readonly boolean: boolean;
  readonly integer: number | null;
  readonly decimal: number | null;
  readonly date: string | null;
  readonly datetime: string | null;
}
