/**
 * The SAML Web Browser SSO profile checks on the verified Response and Assertion: Issuer,
 * Destination, bearer SubjectConfirmation (Recipient, NotBefore/NotOnOrAfter), Conditions time
 * window and Audience. Every comparison is exact string equality; every time comparison reads
 * the injected clock's instant with the configured skew.
 */
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { attr, childNamed, childrenNamed } from '../xml/dom.js';
import { CM_BEARER, NS } from '../xml/namespaces.js';
import { audienceRestrictions, identityText, instantAttr } from './extract.js';
import { type Fault, fault } from './fault.js';
import type { ReportBuilder } from './report.js';

export interface Clocked {
  readonly now: Date;
  readonly skewMs: number;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** `end` (a NotOnOrAfter) has passed at the clock's instant, the skew included. */
const ended = (end: Date, t: Clocked): boolean => t.now.getTime() >= end.getTime() + t.skewMs;
/** `start` (a NotBefore) is still ahead of the clock's instant, the skew included. */
const notStarted = (start: Date, t: Clocked): boolean => t.now.getTime() < start.getTime() - t.skewMs;

/** `Issuer` child of `el`: must equal the IdP's entity ID (required on the Assertion). */
export const checkIssuer = (
  el: Element,
  expected: string,
  required: boolean,
  name: string,
  report: ReportBuilder,
): E.Either<Fault, string | null> => {
  const issuerEl = childNamed(el, NS.assertion, 'Issuer');
  if (issuerEl === null) {
    if (!required) {
      report.skip(name, { expected, actual: null });
      return E.right(null);
    }
    report.fail(name, 'ISSUER_MISMATCH', { expected, actual: null });
    return fault('ISSUER_MISMATCH', `The ${el.localName} has no Issuer.`, { expected, actual: null });
  }
  const actual = identityText(issuerEl);
  if (E.isLeft(actual)) return actual;
  const inputs = { expected, actual: actual.right };
  if (actual.right !== expected) {
    report.fail(name, 'ISSUER_MISMATCH', inputs);
    return fault('ISSUER_MISMATCH', `The ${el.localName} Issuer is not the configured IdP.`, inputs);
  }
  report.pass(name, inputs);
  return E.right(actual.right);
};

/** `Response@Destination`, when present, must be the ACS URL. */
export const checkDestination = (
  response: Element,
  acsUrl: string | null,
  report: ReportBuilder,
): E.Either<Fault, void> => {
  const actual = attr(response, 'Destination');
  const inputs = { expected: acsUrl, actual };
  if (actual === null || acsUrl === null) {
    report.skip('destination', inputs);
    return E.right(undefined);
  }
  if (actual !== acsUrl) {
    report.fail('destination', 'DESTINATION_MISMATCH', inputs);
    return fault('DESTINATION_MISMATCH', 'The Response Destination is not this ACS URL.', inputs);
  }
  report.pass('destination', inputs);
  return E.right(undefined);
};

export interface Bearer {
  readonly inResponseTo: string | null;
  readonly notOnOrAfter: Date;
}

const evaluateBearer = (sc: Element, acsUrl: string | null, t: Clocked): E.Either<Fault, Bearer> => {
  const data = childNamed(sc, NS.assertion, 'SubjectConfirmationData');
  if (data === null) {
    return fault('BEARER_CONFIRMATION_INCOMPLETE', 'The bearer confirmation has no SubjectConfirmationData.');
  }
  const recipient = attr(data, 'Recipient');
  const notOnOrAfter = instantAttr(data, 'NotOnOrAfter');
  if (E.isLeft(notOnOrAfter)) return notOnOrAfter;
  const notBefore = instantAttr(data, 'NotBefore');
  if (E.isLeft(notBefore)) return notBefore;
  const inputs = {
    recipient,
    expectedRecipient: acsUrl,
    notBefore: iso(notBefore.right),
    notOnOrAfter: iso(notOnOrAfter.right),
    now: t.now.toISOString(),
  };
  if (recipient === null || notOnOrAfter.right === null) {
    return fault(
      'BEARER_CONFIRMATION_INCOMPLETE',
      'The bearer SubjectConfirmationData must carry Recipient and NotOnOrAfter.',
      inputs,
    );
  }
  if (acsUrl !== null && recipient !== acsUrl) {
    return fault('RECIPIENT_MISMATCH', 'The bearer Recipient is not this ACS URL.', inputs);
  }
  if (ended(notOnOrAfter.right, t)) {
    return fault('SUBJECT_CONFIRMATION_EXPIRED', 'The bearer confirmation has expired.', inputs);
  }
  if (notBefore.right !== null && notStarted(notBefore.right, t)) {
    return fault('SUBJECT_CONFIRMATION_EXPIRED', 'The bearer confirmation is not yet valid.', inputs);
  }
  if (notBefore.right !== null && notBefore.right >= notOnOrAfter.right) {
    // SAML Core 2.4.1.2: NotBefore MUST be earlier; the skew on both ends must not open an empty window.
    return fault('ASSERTION_STRUCTURE_INVALID', 'The bearer confirmation window is empty.', inputs);
  }
  return E.right({ inResponseTo: attr(data, 'InResponseTo'), notOnOrAfter: notOnOrAfter.right });
};

/** At least one bearer SubjectConfirmation must satisfy every condition; the first that does wins. */
export const checkBearer = (
  subject: Element,
  acsUrl: string | null,
  t: Clocked,
  report: ReportBuilder,
): E.Either<Fault, Bearer> => {
  const bearers = childrenNamed(subject, NS.assertion, 'SubjectConfirmation').filter(
    (sc) => attr(sc, 'Method') === CM_BEARER,
  );
  let firstFault: Fault | null = null;
  for (const sc of bearers) {
    const r = evaluateBearer(sc, acsUrl, t);
    if (E.isRight(r)) {
      report.pass('subjectConfirmation', {
        method: CM_BEARER,
        recipient: acsUrl,
        notOnOrAfter: r.right.notOnOrAfter.toISOString(),
        now: t.now.toISOString(),
      });
      return r;
    }
    firstFault ??= r.left;
  }
  const f = firstFault ?? {
    code: 'BEARER_CONFIRMATION_MISSING' as const,
    message: 'The Subject has no bearer SubjectConfirmation.',
    details: { confirmations: bearers.length },
  };
  report.fail('subjectConfirmation', f.code, f.details);
  return E.left(f);
};

/** Conditions NotBefore/NotOnOrAfter with skew. */
export const checkConditionsTime = (
  notBefore: Date | null,
  notOnOrAfter: Date | null,
  t: Clocked,
  report: ReportBuilder,
): E.Either<Fault, void> => {
  const inputs = {
    notBefore: iso(notBefore),
    notOnOrAfter: iso(notOnOrAfter),
    now: t.now.toISOString(),
    skewSeconds: t.skewMs / 1000,
  };
  if (notBefore !== null && notStarted(notBefore, t)) {
    report.fail('conditions.time', 'ASSERTION_NOT_YET_VALID', inputs);
    return fault('ASSERTION_NOT_YET_VALID', 'The assertion is not yet valid.', inputs);
  }
  if (notOnOrAfter !== null && ended(notOnOrAfter, t)) {
    report.fail('conditions.time', 'ASSERTION_EXPIRED', inputs);
    return fault('ASSERTION_EXPIRED', 'The assertion has expired.', inputs);
  }
  if (notBefore !== null && notOnOrAfter !== null && notBefore >= notOnOrAfter) {
    // SAML Core 2.5.1.2: NotBefore MUST be earlier; checked after the window so
    // an expired inverted window still reads as expired, and the skew cannot open an empty one.
    report.fail('conditions.time', 'ASSERTION_STRUCTURE_INVALID', inputs);
    return fault('ASSERTION_STRUCTURE_INVALID', 'The Conditions validity window is empty.', inputs);
  }
  report.pass('conditions.time', inputs);
  return E.right(undefined);
};

/**
 * The AuthnStatement's SessionNotOnOrAfter: past it (with skew) the IdP session "MUST be considered
 * ended" (SAML Core 2.7.2), so the assertion authenticates no one any more.
 */
export const checkSessionEnd = (
  sessionNotOnOrAfter: Date | null,
  t: Clocked,
  report: ReportBuilder,
): E.Either<Fault, void> => {
  if (sessionNotOnOrAfter === null || !ended(sessionNotOnOrAfter, t)) return E.right(undefined);
  const inputs = {
    sessionNotOnOrAfter: sessionNotOnOrAfter.toISOString(),
    now: t.now.toISOString(),
    skewSeconds: t.skewMs / 1000,
  };
  report.fail('authnStatement', 'ASSERTION_EXPIRED', inputs);
  return fault('ASSERTION_EXPIRED', 'The IdP session the assertion belongs to has ended.', inputs);
};

/** At least one AudienceRestriction, and every one of them names this SP. */
export const checkAudience = (
  assertion: Element,
  spEntityId: string,
  report: ReportBuilder,
): E.Either<Fault, void> => {
  const restrictions = audienceRestrictions(assertion);
  const inputs = { expected: spEntityId, actual: restrictions.map((r) => r.join(' ')).join(' | ') };
  if (restrictions.length === 0) {
    report.fail('audience', 'AUDIENCE_MISSING', inputs);
    return fault('AUDIENCE_MISSING', 'The assertion has no AudienceRestriction.', inputs);
  }
  if (!restrictions.every((r) => r.includes(spEntityId))) {
    report.fail('audience', 'AUDIENCE_MISMATCH', inputs);
    return fault('AUDIENCE_MISMATCH', 'The assertion is not addressed to this SP.', inputs);
  }
  report.pass('audience', inputs);
  return E.right(undefined);
};
