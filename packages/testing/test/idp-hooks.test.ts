// The lower-level pieces adversarial tests build attacks from: hooks before and after signing,
// signXml on any element, and the size of realistic responses.
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import {
  buildResponseXml,
  createTestIdp,
  findAllById,
  generateKeyPair,
  parseXml,
  sampleAttributes,
  serializeXml,
  signXml,
} from '../src/idp/index.js';
import { only, SAML, signatures, text, verifies, verifyAll } from './idp-support.js';

const idp = createTestIdp();
const now = new Date('2030-06-01T12:00:00Z');
const fixed = { now, responseId: '_resp1', assertionId: '_assert1', sessionIndex: '_s1' } as const;

describe('hooks', () => {
  it('beforeSign edits are covered by the signature (comment injected into the NameID is signed)', () => {
    const xml = idp.response({
      ...fixed,
      nameId: 'admin@example.test.evil.test',
      beforeSign: (doc) => {
        const nameId = only(Array.from(doc.getElementsByTagNameNS(SAML, 'NameID')));
        const value = nameId.firstChild;
        if (value === null) throw new Error('NameID has no text');
        nameId.insertBefore(doc.createComment('x'), value);
      },
    });
    expect(xml).toContain('<!--x-->admin@example.test.evil.test</saml:NameID>');
    expect(verifyAll(xml, idp.certificatePem)).toEqual({ count: 1, ok: true });
  });

  it('afterSign edits are not covered: changing the NameID breaks the signature', () => {
    const xml = idp.response({
      ...fixed,
      afterSign: (doc) => {
        const nameId = only(Array.from(doc.getElementsByTagNameNS(SAML, 'NameID')));
        nameId.textContent = 'mallory@example.test';
      },
    });
    expect(text(parseXml(xml), SAML, 'NameID')).toEqual(['mallory@example.test']);
    expect(verifyAll(xml, idp.certificatePem).ok).toBe(false);
  });

  it('signature wrapping can be assembled: a forged assertion beside the signed one', () => {
    const xml = idp.response({
      ...fixed,
      afterSign: (doc) => {
        const signed = only(findAllById(doc, '_assert1'));
        const forged = signed.cloneNode(true) as Element;
        forged.setAttribute('ID', '_forged');
        const nameId = only(Array.from(forged.getElementsByTagNameNS(SAML, 'NameID')));
        nameId.textContent = 'admin@example.test';
        for (const sig of signatures(forged)) forged.removeChild(sig);
        signed.parentNode?.insertBefore(forged, signed);
      },
    });
    const doc = parseXml(xml);
    expect(
      Array.from(doc.getElementsByTagNameNS(SAML, 'Assertion')).map((a) => a.getAttribute('ID')),
    ).toEqual(['_forged', '_assert1']);
    // The one signature still verifies, over the original element: the forged copy is unsigned.
    const sig = only(signatures(doc));
    expect((sig.parentNode as Element | null)?.getAttribute('ID')).toBe('_assert1');
    expect(verifies(xml, sig, idp.certificatePem)).toBe(true);
  });
});

describe('signXml and buildResponseXml', () => {
  const attacker = generateKeyPair({ commonName: 'attacker' });

  it('re-signs any element: verifies with the signer certificate only', () => {
    const { xml, assertionId } = buildResponseXml({ ...fixed, nameId: 'admin@example.test' });
    const resigned = signXml(xml, { reference: assertionId ?? '', ...attacker });
    const sig = only(signatures(parseXml(resigned)));
    expect(verifies(resigned, sig, attacker.certificatePem)).toBe(true);
    expect(verifies(resigned, sig, idp.certificatePem)).toBe(false);
    expect(idp.sign(xml, { reference: '_resp1' })).toBe(signXml(xml, { reference: '_resp1', ...idp }));
  });

  it('places the signature as asked, and can leave KeyInfo out', () => {
    const { xml } = buildResponseXml(fixed);
    const firstChildName = (signed: string) => {
      const element = only(findAllById(parseXml(signed), '_assert1'));
      const children = Array.from(element.childNodes).filter(
        (n) => n.nodeType === n.ELEMENT_NODE,
      ) as Element[];
      return [children[0]?.localName, children[children.length - 1]?.localName];
    };
    expect(firstChildName(idp.sign(xml, { reference: '_assert1', placement: 'prepend' }))).toEqual([
      'Signature',
      'AuthnStatement',
    ]);
    expect(firstChildName(idp.sign(xml, { reference: '_assert1', placement: 'append' }))).toEqual([
      'Issuer',
      'Signature',
    ]);
    const bare = idp.sign(xml, { reference: '_assert1', keyInfo: false });
    expect(bare).not.toContain('KeyInfo');
    expect(verifyAll(bare, idp.certificatePem)).toEqual({ count: 1, ok: true });
  });

  it('refuses to sign an ID that is missing or duplicated (a mistake in the test)', () => {
    const { xml } = buildResponseXml(fixed);
    expect(() => idp.sign(xml, { reference: '_nope' })).toThrow(/found 0/);
    const doc = parseXml(xml);
    const assertion = only(findAllById(doc, '_assert1'));
    assertion.parentNode?.appendChild(assertion.cloneNode(true));
    expect(() => idp.sign(serializeXml(doc), { reference: '_assert1' })).toThrow(/found 2/);
  });
});

describe('sampleAttributes', () => {
  it('gives realistic small and large responses (~12 and ~100 attributes)', () => {
    const small = idp.response({ ...fixed, attributes: sampleAttributes() });
    const large = idp.response({ ...fixed, sign: 'both', attributes: sampleAttributes({ count: 100 }) });
    expect(Object.keys(sampleAttributes())).toHaveLength(12);
    expect(Object.keys(sampleAttributes({ count: 100 }))).toHaveLength(100);
    expect(small.length).toBeGreaterThan(4_000);
    expect(small.length).toBeLessThan(10_000);
    expect(large.length).toBeGreaterThan(50_000);
    expect(large.length).toBeLessThan(75_000);
    expect(verifyAll(large, idp.certificatePem)).toEqual({ count: 2, ok: true });
    expect(sampleAttributes({ count: 20 })).toEqual(sampleAttributes({ count: 20 }));
  });
});
