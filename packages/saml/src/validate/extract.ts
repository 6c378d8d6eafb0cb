/**
 * Reads the assertion's facts from the verified Assertion element: direct children only, in the
 * places the schema allows, full text content (never `firstChild`), values never trimmed,
 * case-folded or normalised. The attributes, which may come encrypted, are read in encrypted.ts.
 */
import type { AuthnStatement, Conditions, NameId } from '@saml-jit/core';
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { attr, childNamed, childrenNamed, hasElementChildren, textOf } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import { type Fault, fault, parseInstant } from './fault.js';

const structure = (message: string, details: Fault['details'] = {}) =>
  fault('ASSERTION_STRUCTURE_INVALID', message, details);

/** An optional instant attribute: null when absent, a fault when present but not a dateTime. */
export const instantAttr = (el: Element, name: string): E.Either<Fault, Date | null> => {
  const v = attr(el, name);
  if (v === null) return E.right(null);
  const d = parseInstant(v);
  return d === null
    ? structure(`${el.localName}@${name} is not a valid dateTime.`, { value: v })
    : E.right(d);
};

export const requiredInstant = (el: Element, name: string): E.Either<Fault, Date> => {
  const d = instantAttr(el, name);
  if (E.isLeft(d)) return d;
  return d.right === null ? structure(`${el.localName}@${name} is missing.`) : E.right(d.right);
};

/** Text of an identity-bearing element: text only, no element children. */
export const identityText = (el: Element): E.Either<Fault, string> =>
  hasElementChildren(el) ? structure(`${el.localName} must hold text only.`) : E.right(textOf(el));

export const readNameId = (el: Element): E.Either<Fault, NameId> =>
  E.map((value: string) => ({
    value,
    format: attr(el, 'Format'),
    nameQualifier: attr(el, 'NameQualifier'),
    spNameQualifier: attr(el, 'SPNameQualifier'),
  }))(identityText(el));

export const readConditions = (assertion: Element): E.Either<Fault, Conditions | null> => {
  const all = childrenNamed(assertion, NS.assertion, 'Conditions');
  const c = all[0];
  if (c === undefined) return E.right(null);
  if (all.length > 1) return structure('The Assertion has more than one Conditions element.');
  const notBefore = instantAttr(c, 'NotBefore');
  if (E.isLeft(notBefore)) return notBefore;
  const notOnOrAfter = instantAttr(c, 'NotOnOrAfter');
  if (E.isLeft(notOnOrAfter)) return notOnOrAfter;
  const audiences: string[] = [];
  for (const r of childrenNamed(c, NS.assertion, 'AudienceRestriction')) {
    for (const a of childrenNamed(r, NS.assertion, 'Audience')) audiences.push(textOf(a));
  }
  return E.right({ notBefore: notBefore.right, notOnOrAfter: notOnOrAfter.right, audiences });
};

/** Each AudienceRestriction's audiences: every restriction must name the SP (they are ANDed). */
export const audienceRestrictions = (assertion: Element): string[][] => {
  const c = childNamed(assertion, NS.assertion, 'Conditions');
  return c === null
    ? []
    : childrenNamed(c, NS.assertion, 'AudienceRestriction').map((r) =>
        childrenNamed(r, NS.assertion, 'Audience').map(textOf),
      );
};

export const readAuthn = (assertion: Element): E.Either<Fault, AuthnStatement | null> => {
  const s = childNamed(assertion, NS.assertion, 'AuthnStatement');
  if (s === null) return E.right(null);
  const authnInstant = requiredInstant(s, 'AuthnInstant');
  if (E.isLeft(authnInstant)) return authnInstant;
  const sessionNotOnOrAfter = instantAttr(s, 'SessionNotOnOrAfter');
  if (E.isLeft(sessionNotOnOrAfter)) return sessionNotOnOrAfter;
  const ctx = childNamed(s, NS.assertion, 'AuthnContext');
  const ref = ctx === null ? null : childNamed(ctx, NS.assertion, 'AuthnContextClassRef');
  return E.right({
    authnInstant: authnInstant.right,
    sessionIndex: attr(s, 'SessionIndex'),
    sessionNotOnOrAfter: sessionNotOnOrAfter.right,
    authnContextClassRef: ref === null ? null : textOf(ref),
  });
};
