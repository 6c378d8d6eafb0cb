/** The JSON line builders: exact fields, and IdP-chosen attribute names kept as plain keys. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributesObject } from '../src/verify/output.js';

describe('attributesObject', () => {
  it('keeps __proto__, constructor and prototype-like names as ordinary, serialised keys', () => {
    const m = new Map<string, readonly [string, ...string[]]>([
      ['__proto__', ['p']],
      ['constructor', ['c']],
      ['hasOwnProperty', ['h']],
    ]);
    const o = attributesObject(m);
    expect(Object.getPrototypeOf(o)).toBeNull();
    expect(JSON.stringify(o)).toBe('{"__proto__":["p"],"constructor":["c"],"hasOwnProperty":["h"]}');
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  it('round-trips any attribute map through JSON (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(
            fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf')),
            fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
          ),
          { selector: ([k]) => k },
        ),
        (entries) => {
          const m = new Map(entries.map(([k, v]) => [k, v as unknown as readonly [string, ...string[]]]));
          const back = JSON.parse(JSON.stringify(attributesObject(m))) as Record<string, string[]>;
          expect(Object.keys(back).sort()).toEqual([...m.keys()].sort());
          for (const [k, v] of m) expect(Object.getOwnPropertyDescriptor(back, k)?.value).toEqual(v);
        },
      ),
      { numRuns: 200 },
    );
  });
});
