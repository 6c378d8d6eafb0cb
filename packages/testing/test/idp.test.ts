// The test IdP's responses: complete, schema-ordered, signed so that xml-crypto verifies them
// with only the certificate, and deterministic for explicit inputs.
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import {
  base64,
  createTestIdp,
  generateKeyPair,
  NAMEID_FORMAT,
  parseXml,
  STATUS,
  serializeXml,
  TEST_SP,
  type TestResponseOptions,
} from '../src/idp/index.js';
import { DS, only, SAML, SAMLP, signatures, text, verifies, verifyAll } from './idp-support.js';

const idp = createTestIdp({ entityId: 'https://idp.example.test' });
const now = new Date('2030-06-01T12:00:00Z');
const fixed: TestResponseOptions = {
  now,
  responseId: '_resp1',
  assertionId: '_assert1',
  sessionIndex: '_session1',
  inResponseTo: '_req1',
  attributes: { 'User.Email': ['alice@example.test'], groups: ['admins', 'users', 'ops'] },
};

const parentId = (sig: Element): string | null =>
  (sig.parentNode as Element | null)?.getAttribute('ID') ?? null;

describe('signatures', () => {
  const cases = [
    ['assertion', ['_assert1']],
    ['response', ['_resp1']],
    ['both', ['_resp1', '_assert1']],
  ] as const;
  for (const [sign, signedIds] of cases) {
    for (const algorithm of ['rsa-sha256', 'rsa-sha1', 'rsa-sha512'] as const) {
      it(`sign=${sign} ${algorithm}: verifies with only the certificate, Reference is #ID of its parent`, () => {
        const xml = idp.response({ ...fixed, sign, signatureAlgorithm: algorithm });
        const sigs = signatures(parseXml(xml));
        expect(sigs.map(parentId)).toEqual(signedIds);
        for (const sig of sigs) {
          expect(verifies(xml, sig, idp.certificatePem)).toBe(true);
          const reference = only(Array.from(sig.getElementsByTagNameNS(DS, 'Reference')));
          expect(reference.getAttribute('URI')).toBe(`#${parentId(sig)}`);
          const method = only(Array.from(sig.getElementsByTagNameNS(DS, 'SignatureMethod')));
          expect(method.getAttribute('Algorithm')).toMatch(new RegExp(`${algorithm}$`));
          const digest = only(Array.from(sig.getElementsByTagNameNS(DS, 'DigestMethod')));
          expect(digest.getAttribute('Algorithm')).toMatch(new RegExp(`${algorithm.slice(4)}$`));
        }
      });
    }
  }

  it('places the Signature right after the Issuer and carries the certificate in KeyInfo', () => {
    const xml = idp.response({ ...fixed, sign: 'both' });
    const certBody = idp.certificatePem.replace(/-----[^-]+-----|\s/g, '');
    for (const sig of signatures(parseXml(xml))) {
      let previous = sig.previousSibling;
      while (previous !== null && previous.nodeType !== previous.ELEMENT_NODE)
        previous = previous.previousSibling;
      expect((previous as Element | null)?.localName).toBe('Issuer');
      expect(Array.from(sig.getElementsByTagNameNS(DS, 'X509Certificate')).map((c) => c.textContent)).toEqual(
        [certBody],
      );
      const transforms = Array.from(sig.getElementsByTagNameNS(DS, 'Transform')).map((t) =>
        t.getAttribute('Algorithm'),
      );
      expect(transforms).toEqual([
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ]);
    }
  });

  it('sign=none produces no signature', () => {
    expect(verifyAll(idp.response({ ...fixed, sign: 'none' }), idp.certificatePem).count).toBe(0);
  });

  it('a signature fails with another certificate or after the NameID is altered (the checks can fail)', () => {
    const xml = idp.response({ ...fixed, sign: 'both' });
    expect(verifyAll(xml, generateKeyPair().certificatePem).ok).toBe(false);
    const altered = xml.replace('alice@example.test</saml:NameID>', 'mallory@example.test</saml:NameID>');
    expect(altered).not.toBe(xml);
    const sigs = signatures(parseXml(altered));
    expect(sigs.map((s) => verifies(altered, s, idp.certificatePem))).toEqual([false, false]);
  });

  it('honours an explicit digest different from the signature algorithm', () => {
    const xml = idp.response({ ...fixed, signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha1' });
    const sig = only(signatures(parseXml(xml)));
    expect(only(Array.from(sig.getElementsByTagNameNS(DS, 'DigestMethod'))).getAttribute('Algorithm')).toBe(
      'http://www.w3.org/2000/09/xmldsig#sha1',
    );
    expect(verifies(xml, sig, idp.certificatePem)).toBe(true);
  });
});

describe('content', () => {
  it('has every element a bearer login needs, with the given values', () => {
    const doc = parseXml(idp.response({ ...fixed, sign: 'none' }));
    const response = doc.documentElement as Element;
    expect([response.namespaceURI, response.localName]).toEqual([SAMLP, 'Response']);
    expect(response.getAttribute('ID')).toBe('_resp1');
    expect(response.getAttribute('Version')).toBe('2.0');
    expect(response.getAttribute('InResponseTo')).toBe('_req1');
    expect(response.getAttribute('Destination')).toBe(TEST_SP.acsUrl);
    expect(text(doc, SAML, 'Issuer')).toEqual([idp.entityId, idp.entityId]);
    const code = doc.getElementsByTagNameNS(SAMLP, 'StatusCode')[0];
    expect(code?.getAttribute('Value')).toBe(STATUS.success);
    const nameId = only(Array.from(doc.getElementsByTagNameNS(SAML, 'NameID')));
    expect([nameId.textContent, nameId.getAttribute('Format')]).toEqual([
      'alice@example.test',
      NAMEID_FORMAT.emailAddress,
    ]);
    const confirmation = only(Array.from(doc.getElementsByTagNameNS(SAML, 'SubjectConfirmation')));
    expect(confirmation.getAttribute('Method')).toBe('urn:oasis:names:tc:SAML:2.0:cm:bearer');
    const data = only(Array.from(doc.getElementsByTagNameNS(SAML, 'SubjectConfirmationData')));
    expect(data.getAttribute('Recipient')).toBe(TEST_SP.acsUrl);
    expect(data.getAttribute('InResponseTo')).toBe('_req1');
    expect(data.getAttribute('NotOnOrAfter')).toBe('2030-06-01T12:05:00.000Z');
    const conditions = only(Array.from(doc.getElementsByTagNameNS(SAML, 'Conditions')));
    expect(conditions.getAttribute('NotBefore')).toBe('2030-06-01T12:00:00.000Z');
    expect(conditions.getAttribute('NotOnOrAfter')).toBe('2030-06-01T12:05:00.000Z');
    expect(text(doc, SAML, 'Audience')).toEqual([TEST_SP.entityId]);
    const authn = only(Array.from(doc.getElementsByTagNameNS(SAML, 'AuthnStatement')));
    expect(authn.getAttribute('SessionIndex')).toBe('_session1');
    const assertion = only(Array.from(doc.getElementsByTagNameNS(SAML, 'Assertion')));
    const order = Array.from(assertion.childNodes)
      .filter((n) => n.nodeType === n.ELEMENT_NODE)
      .map((n) => (n as Element).localName);
    expect(order).toEqual(['Issuer', 'Subject', 'Conditions', 'AuthnStatement', 'AttributeStatement']);
  });

  it('keeps multi-valued attributes, their order, and awkward characters', () => {
    const attributes = {
      groups: ['a', 'b', 'c', 'a'],
      'odd <&>"\' name': ['<tag>&amp;"\'', '  spaced  ', '', 'ünïcødé ✓', 'line\nbreak'],
    };
    const doc = parseXml(idp.response({ ...fixed, attributes }));
    const read: Record<string, string[]> = {};
    for (const attr of Array.from(doc.getElementsByTagNameNS(SAML, 'Attribute'))) {
      read[attr.getAttribute('Name') ?? ''] = Array.from(
        attr.getElementsByTagNameNS(SAML, 'AttributeValue'),
      ).map((v) => v.textContent ?? '');
    }
    expect(read).toEqual(attributes);
  });

  it('defaults: IDs start with "_" and differ per call, times follow `now` with five minutes of validity', () => {
    const [a, b] = [idp.response({ now }), idp.response({ now })].map((xml) => parseXml(xml));
    const ids = [a, b].flatMap((doc) =>
      [doc?.documentElement, doc?.getElementsByTagNameNS(SAML, 'Assertion')[0]].map((e) =>
        e?.getAttribute('ID'),
      ),
    );
    expect(ids.every((id) => /^_[0-9a-f]{40}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(4);
    const conditions = a?.getElementsByTagNameNS(SAML, 'Conditions')[0];
    expect(conditions?.getAttribute('NotOnOrAfter')).toBe('2030-06-01T12:05:00.000Z');
    expect(a?.documentElement?.hasAttribute('InResponseTo')).toBe(false);
    expect(a?.getElementsByTagNameNS(SAML, 'AttributeStatement').length).toBe(0);
  });

  it('null omits optional parts; strings for times are written verbatim', () => {
    const doc = parseXml(
      idp.response({
        ...fixed,
        destination: null,
        recipient: null,
        audience: null,
        notBefore: null,
        nameIdFormat: null,
        sessionIndex: null,
        notOnOrAfter: '2030-06-01T12:05:00+00:00',
      }),
    );
    expect(doc.documentElement?.hasAttribute('Destination')).toBe(false);
    expect(doc.getElementsByTagNameNS(SAML, 'SubjectConfirmationData')[0]?.hasAttribute('Recipient')).toBe(
      false,
    );
    expect(doc.getElementsByTagNameNS(SAML, 'AudienceRestriction').length).toBe(0);
    expect(doc.getElementsByTagNameNS(SAML, 'NameID')[0]?.hasAttribute('Format')).toBe(false);
    expect(doc.getElementsByTagNameNS(SAML, 'AuthnStatement')[0]?.hasAttribute('SessionIndex')).toBe(false);
    const conditions = doc.getElementsByTagNameNS(SAML, 'Conditions')[0];
    expect(conditions?.hasAttribute('NotBefore')).toBe(false);
    expect(conditions?.getAttribute('NotOnOrAfter')).toBe('2030-06-01T12:05:00+00:00');
  });

  it('writes a non-success status with a nested code and message, with or without an assertion', () => {
    const status = { code: STATUS.responder, subCode: STATUS.authnFailed, message: 'User locked' };
    const doc = parseXml(idp.response({ ...fixed, status, assertion: 'omit', sign: 'response' }));
    const codes = Array.from(doc.getElementsByTagNameNS(SAMLP, 'StatusCode')).map((c) =>
      c.getAttribute('Value'),
    );
    expect(codes).toEqual([STATUS.responder, STATUS.authnFailed]);
    expect(text(doc, SAMLP, 'StatusMessage')).toEqual(['User locked']);
    expect(doc.getElementsByTagNameNS(SAML, 'Assertion').length).toBe(0);
    const withAssertion = idp.response({ ...fixed, status: STATUS.requester });
    expect(verifyAll(withAssertion, idp.certificatePem)).toEqual({ count: 1, ok: true });
    expect(
      parseXml(withAssertion).getElementsByTagNameNS(SAMLP, 'StatusCode')[0]?.getAttribute('Value'),
    ).toBe(STATUS.requester);
  });
});

describe('output form', () => {
  it('is byte-identical for identical explicit inputs, in every signing mode and layout', () => {
    for (const sign of ['none', 'assertion', 'response', 'both'] as const) {
      for (const pretty of [false, true]) {
        expect(idp.response({ ...fixed, sign, pretty })).toBe(idp.response({ ...fixed, sign, pretty }));
      }
    }
    expect(idp.response({ ...fixed, nameId: 'bob@example.test' })).not.toBe(idp.response(fixed));
  });

  it('pretty output verifies, differs from compact only in whitespace, and survives an xmldom round trip', () => {
    const pretty = idp.response({ ...fixed, sign: 'both', pretty: true });
    const compact = idp.response({ ...fixed, sign: 'both' });
    expect(pretty).toContain('\n  <samlp:Status>');
    expect(compact).not.toContain('\n');
    expect(verifyAll(pretty, idp.certificatePem)).toEqual({ count: 2, ok: true });
    for (const xml of [pretty, compact]) expect(serializeXml(parseXml(xml))).toBe(xml);
  });

  it('base64 is the HTTP-POST form value of the same bytes', () => {
    const xml = idp.response(fixed);
    expect(Buffer.from(base64(xml), 'base64').toString('utf8')).toBe(xml);
    expect(Buffer.from(idp.responseBase64(fixed), 'base64').toString('utf8')).toBe(xml);
  });

  it('publishes metadata with the signing certificate and SSO locations', () => {
    const doc = parseXml(idp.metadata({ ssoUrl: 'https://idp.example.test/saml/sso' }));
    expect(doc.documentElement?.getAttribute('entityID')).toBe(idp.entityId);
    expect(text(doc, DS, 'X509Certificate')).toEqual([idp.certificatePem.replace(/-----[^-]+-----|\s/g, '')]);
    const services = Array.from(
      doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:metadata', 'SingleSignOnService'),
    );
    expect(services.map((s) => s.getAttribute('Location'))).toEqual([
      'https://idp.example.test/saml/sso',
      'https://idp.example.test/saml/sso',
    ]);
  });
});
