/**
 * Laws of the validator, checked with fast-check:
 * - random mutations of a signed response never yield an accepted response with a different
 *   identity (NameID, attributes, issuer);
 * - no input — random bytes, strings, XML-ish markup, mutated responses — makes it throw, reject
 *   its promise, or run long.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../src/validate/decode-input.js';
import { idp, NOW, type Outcome, validate } from './support/world.js';

const attributes = { 'User.Email': ['alice@example.test'], groups: ['staff', 'eng'] };
const originals = (['assertion', 'response', 'both'] as const).map((sign) =>
  idp.response({ now: NOW, sign, nameId: 'alice@example.test', attributes, pretty: sign === 'both' }),
);

/** Character-level edits with an alphabet that can forge markup and identities. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(
    fc.constantFrom(
      '<!---->',
      '<![CDATA[x]]>',
      'admin@example.test',
      '"',
      '<',
      '>',
      '&amp;',
      ' ',
      '\n',
      '=',
      '/',
      'ID="_a"',
    ),
    fc.stringMatching(/^[ -~]{0,12}$/),
  ),
});

const applyEdits = (xml: string, edits: readonly { at: number; remove: number; insert: string }[]): string =>
  edits.reduce((s, e) => {
    const i = Math.floor(e.at * s.length);
    return s.slice(0, i) + e.insert + s.slice(i + e.remove);
  }, xml);

/** Structural edits: move, copy or drop whole elements (the raw material of wrapping). */
const elementSpans = (xml: string): [number, number][] => {
  const spans: [number, number][] = [];
  const re = /<(saml2?p?:\w+|ds:\w+)[^>]*>/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    const name = m[1] ?? '';
    const close = xml.indexOf(`</${name}>`, m.index);
    if (close > 0) spans.push([m.index, close + name.length + 3]);
  }
  return spans;
};
const structural = fc.record({ from: fc.nat(), to: fc.nat(), op: fc.constantFrom('move', 'copy', 'drop') });
const applyStructural = (
  xml: string,
  s: { from: number; to: number; op: 'move' | 'copy' | 'drop' },
): string => {
  const spans = elementSpans(xml);
  if (spans.length === 0) return xml;
  const [a, b] = spans[s.from % spans.length] as [number, number];
  const piece = xml.slice(a, b);
  const without = s.op === 'copy' ? xml : xml.slice(0, a) + xml.slice(b);
  if (s.op === 'drop') return without;
  const targets = elementSpans(without);
  const at = targets.length === 0 ? 0 : (targets[s.to % targets.length] as [number, number])[0];
  return without.slice(0, at) + piece + without.slice(at);
};

const identity = (o: Outcome) =>
  E.isLeft(o)
    ? null
    : {
        nameId: o.right.assertion.nameId?.value,
        issuer: o.right.assertion.issuer,
        attributes: Object.fromEntries(o.right.assertion.attributes),
      };

const expected = { nameId: 'alice@example.test', issuer: idp.entityId, attributes };

describe('mutations never change an accepted identity', () => {
  it('character-level edits: rejected, or accepted with the signed identity', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...originals),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        async (xml, edits) => {
          const id = identity(await validate(applyEdits(xml, edits)));
          if (id !== null) expect(id).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('element-level moves, copies and drops: rejected, or accepted with the signed identity', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...originals),
        fc.array(structural, { minLength: 1, maxLength: 2 }),
        async (xml, ops) => {
          const mutated = ops.reduce(applyStructural, xml);
          const id = identity(await validate(mutated));
          if (id !== null) expect(id).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('the unmutated originals are accepted (the property is not vacuous)', async () => {
    for (const xml of originals) expect(identity(await validate(xml))).toEqual(expected);
  });
});

describe('no input makes the validator throw or hang', () => {
  const xmlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" Version="2.0" ID="_r">',
          '</samlp:Response>',
          '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" Version="2.0">',
          '</saml:Assertion>',
          '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">',
          '</ds:Signature>',
          '<!DOCTYPE x>',
          '<!--',
          '-->',
          '<![CDATA[',
          ']]>',
          '&amp;',
          '&x;',
          '<?xml version="1.0"?>',
          '<a b="c">',
          '</a>',
          '<e/>',
        ),
        fc.string({ maxLength: 10 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));

  const input = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.uint8Array({ maxLength: 400 }),
    xmlish,
    xmlish.map((s) => Buffer.from(s).toString('base64')),
    fc.constantFrom(...originals).chain((x) => fc.array(edit, { maxLength: 4 }).map((e) => applyEdits(x, e))),
  );

  it('always resolves to Left/Right, quickly', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        const t0 = performance.now();
        const o = await validate(i);
        expect(E.isLeft(o) || E.isRight(o)).toBe(true);
        if (E.isLeft(o)) {
          expect(typeof o.left.error.code).toBe('string');
          expect(o.left.error.code).not.toBe('VALIDATION_INTERNAL_ERROR');
        }
        expect(performance.now() - t0).toBeLessThan(2000);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the base64 check', () => {
  // The reference: what the pattern alone admitted before the canonical-encoding fast path.
  const admitted = /^[A-Za-z0-9+/\t\n\r ]*=?=?[\t\n\r ]*$/;
  const alphabet = fc.constantFrom(...'ABab09+/=\t\n\r -_!.'.split(''));
  it('admits exactly what the pattern admits, canonical or not (fast path equivalence)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: alphabet }),
          fc.uint8Array().map((b) => Buffer.from(b).toString('base64')),
        ),
        (text) => {
          const r = decodeInput(text, 1 << 20);
          const refusedAsNotBase64 = E.isLeft(r) && r.left.message.includes('neither XML nor base64');
          expect(refusedAsNotBase64).toBe(!admitted.test(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
