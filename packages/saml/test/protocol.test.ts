/**
 * Protocol checks skipped by weaker libraries (saml-security.md root cause 7): Issuer, Status,
 * Audience, Destination, Recipient, time windows with skew, bearer confirmation, Subject,
 * AuthnStatement, replay, InResponseTo bound to an outstanding request, unsolicited responses.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  accepted,
  at,
  codeOf,
  first,
  freshPorts,
  idp,
  NOW,
  NS,
  outstanding,
  SP,
  validate,
} from './support/world.js';

const r = (o: Parameters<typeof idp.response>[0] = {}) => idp.response({ now: NOW, sign: 'assertion', ...o });

describe('issuer, audience, destination, recipient', () => {
  it('wrong Assertion issuer → ISSUER_MISMATCH', async () => {
    expect(codeOf(await validate(r({ issuer: 'https://evil.example.test' })))).toBe('ISSUER_MISMATCH');
  });
  it('wrong Response issuer (signed Response) → ISSUER_MISMATCH', async () => {
    const xml = idp.response({
      now: NOW,
      sign: 'both',
      beforeSign: (doc) => {
        const issuer = first(doc.documentElement as never, NS.saml, 'Issuer');
        issuer.textContent = 'https://evil.example.test';
      },
    });
    expect(codeOf(await validate(xml))).toBe('ISSUER_MISMATCH');
  });
  it('issuer that differs only by case or whitespace → ISSUER_MISMATCH (never normalised)', async () => {
    expect(codeOf(await validate(r({ issuer: 'https://IDP.example.test' })))).toBe('ISSUER_MISMATCH');
    expect(codeOf(await validate(r({ issuer: 'https://idp.example.test ' })))).toBe('ISSUER_MISMATCH');
  });
  it('wrong audience → AUDIENCE_MISMATCH', async () => {
    expect(codeOf(await validate(r({ audience: 'https://other-sp.example.test' })))).toBe(
      'AUDIENCE_MISMATCH',
    );
  });
  it('no AudienceRestriction → AUDIENCE_MISSING', async () => {
    expect(codeOf(await validate(r({ audience: null })))).toBe('AUDIENCE_MISSING');
  });
  it('several audiences including ours → accepted', async () => {
    expect(codeOf(await validate(r({ audience: ['https://a.example.test', SP.entityId] })))).toBe('ACCEPTED');
  });
  it('wrong Destination → DESTINATION_MISMATCH', async () => {
    const xml = r({ destination: 'https://evil.example.test/acs', recipient: SP.acsUrl });
    expect(codeOf(await validate(xml))).toBe('DESTINATION_MISMATCH');
  });
  it('no Destination (optional when signed) → accepted', async () => {
    expect(codeOf(await validate(r({ destination: null })))).toBe('ACCEPTED');
  });
  it('wrong Recipient → RECIPIENT_MISMATCH', async () => {
    expect(codeOf(await validate(r({ recipient: 'https://evil.example.test/acs' })))).toBe(
      'RECIPIENT_MISMATCH',
    );
  });
  it('bearer confirmation without Recipient → BEARER_CONFIRMATION_INCOMPLETE', async () => {
    expect(codeOf(await validate(r({ recipient: null, destination: null })))).toBe(
      'BEARER_CONFIRMATION_INCOMPLETE',
    );
  });
  it('no bearer SubjectConfirmation (holder-of-key only) → BEARER_CONFIRMATION_MISSING', async () => {
    const xml = r({
      beforeSign: (doc) => {
        const sc = first(doc.documentElement as never, NS.saml, 'SubjectConfirmation');
        sc.setAttribute('Method', 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key');
      },
    });
    expect(codeOf(await validate(xml))).toBe('BEARER_CONFIRMATION_MISSING');
  });
});

describe('time (all from the Clock, skew 180 s by default)', () => {
  it('expired assertion → ASSERTION_EXPIRED', async () => {
    const xml = r({ notOnOrAfter: at(NOW, -600), subjectNotOnOrAfter: at(NOW, 600) });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_EXPIRED');
  });
  it('not yet valid assertion → ASSERTION_NOT_YET_VALID', async () => {
    const xml = r({ now: at(NOW, 600) });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_NOT_YET_VALID');
  });
  it('expired bearer confirmation → SUBJECT_CONFIRMATION_EXPIRED', async () => {
    expect(codeOf(await validate(r({ subjectNotOnOrAfter: at(NOW, -600) })))).toBe(
      'SUBJECT_CONFIRMATION_EXPIRED',
    );
  });
  it('within the skew → accepted; one second past it → ASSERTION_EXPIRED', async () => {
    const xml = r({ now: at(NOW, -400), validitySeconds: 300, subjectNotOnOrAfter: at(NOW, 3600) });
    expect(codeOf(await validate(xml))).toBe('ACCEPTED');
    expect(codeOf(await validate(xml, {}, freshPorts(at(NOW, 81))))).toBe('ASSERTION_EXPIRED');
  });
  it('an IdP session already ended (SessionNotOnOrAfter past, beyond the skew) → ASSERTION_EXPIRED', async () => {
    const ended = await validate(r({ sessionNotOnOrAfter: at(NOW, -181) }));
    expect(codeOf(ended)).toBe('ASSERTION_EXPIRED');
    expect(E.isLeft(ended) && ended.left.report.checks.at(-1)).toMatchObject({
      name: 'authnStatement',
      verdict: 'fail',
    });
    expect(codeOf(await validate(r({ sessionNotOnOrAfter: at(NOW, -179) })))).toBe('ACCEPTED');
    const open = accepted(await validate(r({ sessionNotOnOrAfter: at(NOW, 3600) })));
    expect(open.assertion.authn.sessionNotOnOrAfter?.toISOString()).toBe(at(NOW, 3600).toISOString());
  });
  it('a custom skew of 0 is honoured', async () => {
    const xml = r({ now: at(NOW, 10) });
    expect(codeOf(await validate(xml, { clockSkewSeconds: 0 }))).toBe('ASSERTION_NOT_YET_VALID');
  });
});

describe('status, subject, authn statement', () => {
  it('non-success status → STATUS_NOT_SUCCESS', async () => {
    const xml = idp.response({
      now: NOW,
      sign: 'none',
      assertion: 'omit',
      status: {
        code: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
        subCode: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
      },
    });
    const o = await validate(xml);
    expect(codeOf(o)).toBe('STATUS_NOT_SUCCESS');
    if (E.isLeft(o))
      expect(o.left.error.details?.subStatus).toBe('urn:oasis:names:tc:SAML:2.0:status:AuthnFailed');
  });
  it('missing Subject → SUBJECT_MISSING', async () => {
    const xml = r({
      beforeSign: (doc) => {
        const s = first(doc.documentElement as never, NS.saml, 'Subject');
        s.parentNode?.removeChild(s);
      },
    });
    expect(codeOf(await validate(xml))).toBe('SUBJECT_MISSING');
  });
  it('missing AuthnStatement → AUTHN_STATEMENT_MISSING', async () => {
    expect(codeOf(await validate(r({ authnStatement: 'omit' })))).toBe('AUTHN_STATEMENT_MISSING');
  });
  it('no Assertion at all with Success status → ASSERTION_MISSING', async () => {
    expect(codeOf(await validate(idp.response({ now: NOW, sign: 'response', assertion: 'omit' })))).toBe(
      'ASSERTION_MISSING',
    );
  });
  it('malformed IssueInstant → ASSERTION_STRUCTURE_INVALID', async () => {
    expect(codeOf(await validate(r({ issueInstant: 'yesterday' })))).toBe('ASSERTION_STRUCTURE_INVALID');
  });
});

describe('replay and InResponseTo', () => {
  it('replay: the same assertion twice → REPLAY_DETECTED', async () => {
    const ports = freshPorts();
    const xml = r();
    expect(codeOf(await validate(xml, {}, ports))).toBe('ACCEPTED');
    expect(codeOf(await validate(xml, {}, ports))).toBe('REPLAY_DETECTED');
  });
  it('replay across an encoding change (XML then base64) → REPLAY_DETECTED', async () => {
    const ports = freshPorts();
    const xml = r();
    await validate(xml, {}, ports);
    expect(codeOf(await validate(Buffer.from(xml).toString('base64'), {}, ports))).toBe('REPLAY_DETECTED');
  });
  it('solicited response answering an outstanding request → accepted, request returned and used up', async () => {
    const ports = freshPorts();
    await outstanding(ports, '_req1');
    const ok = accepted(await validate(r({ inResponseTo: '_req1' }), {}, ports));
    expect(ok.request?.id).toBe('_req1');
    expect(ok.assertion.inResponseTo).toBe('_req1');
  });
  it('InResponseTo unknown → IN_RESPONSE_TO_UNKNOWN', async () => {
    expect(codeOf(await validate(r({ inResponseTo: '_never_sent' })))).toBe('IN_RESPONSE_TO_UNKNOWN');
  });
  it('InResponseTo reused by a second response → IN_RESPONSE_TO_UNKNOWN', async () => {
    const ports = freshPorts();
    await outstanding(ports, '_req1');
    expect(codeOf(await validate(r({ inResponseTo: '_req1' }), {}, ports))).toBe('ACCEPTED');
    expect(codeOf(await validate(r({ inResponseTo: '_req1' }), {}, ports))).toBe('IN_RESPONSE_TO_UNKNOWN');
  });
  it('InResponseTo mismatched between Response and SubjectConfirmationData → IN_RESPONSE_TO_MISMATCH', async () => {
    const ports = freshPorts();
    await outstanding(ports, '_req1');
    const xml = r({
      inResponseTo: '_req1',
      beforeSign: (doc) =>
        (doc.documentElement as never as { setAttribute(n: string, v: string): void }).setAttribute(
          'InResponseTo',
          '_req2',
        ),
    });
    expect(codeOf(await validate(xml, {}, ports))).toBe('IN_RESPONSE_TO_MISMATCH');
  });
  it('request sent by another connection → IN_RESPONSE_TO_MISMATCH', async () => {
    const ports = freshPorts();
    await outstanding(ports, '_req1', 'other-connection');
    expect(codeOf(await validate(r({ inResponseTo: '_req1' }), {}, ports))).toBe('IN_RESPONSE_TO_MISMATCH');
  });
  it('a failed response leaves the outstanding request in place', async () => {
    const ports = freshPorts();
    await outstanding(ports, '_req1');
    expect(codeOf(await validate(r({ inResponseTo: '_req1', audience: 'https://x' }), {}, ports))).toBe(
      'AUDIENCE_MISMATCH',
    );
    expect(codeOf(await validate(r({ inResponseTo: '_req1' }), {}, ports))).toBe('ACCEPTED');
  });
  it('unsolicited response refused when rejectUnsolicited → UNSOLICITED_RESPONSE_REFUSED', async () => {
    expect(codeOf(await validate(r(), { rejectUnsolicited: true }))).toBe('UNSOLICITED_RESPONSE_REFUSED');
  });
  it('an unsigned Response@InResponseTo is not trusted to make a response solicited', async () => {
    const ports = freshPorts();
    await outstanding(ports, '_req1');
    const xml = r().replace('<samlp:Response ', '<samlp:Response InResponseTo="_req1" ');
    expect(codeOf(await validate(xml, { rejectUnsolicited: true }, ports))).toBe(
      'UNSOLICITED_RESPONSE_REFUSED',
    );
  });
});
