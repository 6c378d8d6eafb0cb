/**
 * Signature wrapping (saml-security.md root causes 1 and 2): XSW1–XSW8 as SAML Raider defines
 * them, the Advice / Extensions / StatusDetail hiding variants, a second unsigned assertion,
 * signature relocation and a signed donor document. Each test is named after its attack and
 * asserts the code. Where an attack keeps the original ID (caught as a duplicate ID), a variant
 * with a fresh ID checks that the structural defence holds on its own.
 */
import { parseXml } from '@saml-jit/testing';
import type { Document, Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { all, clone, codeOf, edit, first, idp, NOW, NS, root, setNameId, validate } from './support/world.js';

const assertionSigned = idp.response({
  now: NOW,
  sign: 'assertion',
  assertionId: '_orig',
  responseId: '_resp',
});
const responseSigned = idp.response({
  now: NOW,
  sign: 'response',
  assertionId: '_orig',
  responseId: '_resp',
});

/** An unsigned copy of the signed assertion carrying the attacker's identity. */
const evilAssertion = (doc: Document, id: string | null = null): Element => {
  const evil = clone(first(doc, NS.saml, 'Assertion'));
  for (const s of all(evil, NS.ds, 'Signature')) s.parentNode?.removeChild(s);
  setNameId(evil, 'admin@example.test');
  if (id !== null) evil.setAttribute('ID', id);
  return evil;
};

const signatureOf = (el: Element): Element => {
  for (let c = el.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType === 1 && (c as Element).localName === 'Signature') return c as Element;
  }
  throw new Error('no signature');
};

describe('XSW1–XSW2 (Response signature)', () => {
  /** A new root Response (the attacker's) with the original signed Response moved under it. */
  const wrapResponse = (placeInsideSignature: boolean, freshId: boolean) =>
    edit(responseSigned, (doc) => {
      const original = root(doc);
      const evil = clone(original);
      if (freshId) {
        evil.setAttribute('ID', '_evil_response');
        first(evil, NS.saml, 'Assertion').setAttribute('ID', '_evil_assertion');
      }
      setNameId(evil, 'admin@example.test');
      const evilSig = signatureOf(evil);
      doc.replaceChild(evil, original);
      // The original, untouched, keeps its own valid signature.
      if (placeInsideSignature) evilSig.appendChild(original);
      else evil.insertBefore(original, evilSig);
    });

  it('XSW1: original signed Response inside the Signature of an unsigned copy → DUPLICATE_ID', async () => {
    expect(codeOf(await validate(wrapResponse(true, false)))).toBe('DUPLICATE_ID');
  });
  it('XSW1 with fresh IDs on the copy: a Response nested in the Response → SIGNATURE_WRAPPING', async () => {
    expect(codeOf(await validate(wrapResponse(true, true)))).toBe('SIGNATURE_WRAPPING');
  });
  it('XSW2: original signed Response detached before the Signature of an unsigned copy → DUPLICATE_ID', async () => {
    expect(codeOf(await validate(wrapResponse(false, false)))).toBe('DUPLICATE_ID');
  });
  it('XSW2 with fresh IDs on the copy → SIGNATURE_WRAPPING', async () => {
    expect(codeOf(await validate(wrapResponse(false, true)))).toBe('SIGNATURE_WRAPPING');
  });
});

describe('XSW3–XSW8 (Assertion signature)', () => {
  it('XSW3: unsigned copy of the Assertion (same ID) before the signed one → DUPLICATE_ID', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      root(doc).insertBefore(evilAssertion(doc), signed);
    });
    expect(codeOf(await validate(xml))).toBe('DUPLICATE_ID');
  });
  it('XSW3 with a fresh ID: two Assertions in the Response → ASSERTION_MULTIPLE', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      root(doc).insertBefore(evilAssertion(doc, '_evil'), signed);
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('XSW4: the signed Assertion nested inside an unsigned copy of itself → DUPLICATE_ID', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      const evil = evilAssertion(doc);
      root(doc).replaceChild(evil, signed);
      evil.appendChild(signed);
    });
    expect(codeOf(await validate(xml))).toBe('DUPLICATE_ID');
  });
  it('XSW4 with a fresh ID → ASSERTION_MULTIPLE', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      const evil = evilAssertion(doc, '_evil');
      root(doc).replaceChild(evil, signed);
      evil.appendChild(signed);
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('XSW5: the Signature moved into the unsigned copy, the original left beside it → DUPLICATE_ID', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      const sig = signatureOf(signed);
      const evil = evilAssertion(doc);
      evil.insertBefore(sig, evil.firstChild?.nextSibling ?? null);
      root(doc).insertBefore(evil, signed);
    });
    expect(codeOf(await validate(xml))).toBe('DUPLICATE_ID');
  });
  it('XSW5 with a fresh ID: the moved Signature references another element → ASSERTION_MULTIPLE', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      const sig = signatureOf(signed);
      const evil = evilAssertion(doc, '_evil');
      evil.appendChild(sig);
      root(doc).insertBefore(evil, signed);
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('XSW5 with the original removed: a relocated Signature over a missing element → SIGNATURE_WRAPPING', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      const sig = signatureOf(signed);
      const evil = evilAssertion(doc, '_evil');
      evil.appendChild(sig);
      root(doc).replaceChild(evil, signed);
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_WRAPPING');
  });
  it('XSW6: the original Assertion moved inside the Signature of an unsigned copy → DUPLICATE_ID', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      const sig = signatureOf(signed);
      const evil = evilAssertion(doc);
      evil.appendChild(sig);
      root(doc).replaceChild(evil, signed);
      sig.appendChild(signed);
    });
    expect(codeOf(await validate(xml))).toBe('DUPLICATE_ID');
  });
  it('XSW6 with a fresh ID → ASSERTION_MULTIPLE', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      const sig = signatureOf(signed);
      const evil = evilAssertion(doc, '_evil');
      evil.appendChild(sig);
      root(doc).replaceChild(evil, signed);
      sig.appendChild(signed);
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('XSW7: an unsigned copy of the Assertion inside samlp:Extensions → DUPLICATE_ID', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const ext = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      ext.appendChild(evilAssertion(doc));
      const status = first(doc, NS.samlp, 'Status');
      root(doc).insertBefore(ext, status);
    });
    expect(codeOf(await validate(xml))).toBe('DUPLICATE_ID');
  });
  it('XSW7 with a fresh ID → ASSERTION_MULTIPLE', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const ext = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      ext.appendChild(evilAssertion(doc, '_evil'));
      root(doc).insertBefore(ext, first(doc, NS.samlp, 'Status'));
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('XSW8: the unsigned copy carries the Signature, the original sits in its ds:Object → ASSERTION_MULTIPLE', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const signed = first(doc, NS.saml, 'Assertion');
      const sig = signatureOf(signed);
      const evil = evilAssertion(doc, '_evil');
      evil.appendChild(sig);
      root(doc).replaceChild(evil, signed);
      const object = doc.createElementNS(NS.ds, 'ds:Object');
      object.appendChild(signed);
      sig.appendChild(object);
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
});

describe('hiding places for the signed assertion', () => {
  const hideOriginal = (place: (doc: Document, original: Element) => void) =>
    edit(assertionSigned, (doc) => {
      const original = first(doc, NS.saml, 'Assertion');
      const evil = evilAssertion(doc, '_evil');
      root(doc).replaceChild(evil, original);
      place(doc, original);
    });

  it('Advice wrapping: the signed Assertion inside saml:Advice of an unsigned one → ASSERTION_MULTIPLE', async () => {
    const xml = hideOriginal((doc, original) => {
      const evil = first(doc, NS.saml, 'Assertion');
      const advice = doc.createElementNS(NS.saml, 'saml:Advice');
      advice.appendChild(original);
      evil.insertBefore(advice, first(evil, NS.saml, 'AuthnStatement'));
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('Extensions wrapping: the signed Assertion hidden in samlp:Extensions → ASSERTION_MULTIPLE', async () => {
    const xml = hideOriginal((doc, original) => {
      const ext = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      ext.appendChild(original);
      root(doc).insertBefore(ext, first(doc, NS.samlp, 'Status'));
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('StatusDetail wrapping: the signed Assertion hidden in samlp:StatusDetail → ASSERTION_MULTIPLE', async () => {
    const xml = hideOriginal((doc, original) => {
      const detail = doc.createElementNS(NS.samlp, 'samlp:StatusDetail');
      detail.appendChild(original);
      first(doc, NS.samlp, 'Status').appendChild(detail);
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('a lone signed Assertion hidden in Extensions (no other assertion) → SIGNATURE_WRAPPING', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const original = first(doc, NS.saml, 'Assertion');
      const ext = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      root(doc).insertBefore(ext, first(doc, NS.samlp, 'Status'));
      ext.appendChild(original);
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_WRAPPING');
  });
  it('second unsigned assertion after the signed one → ASSERTION_MULTIPLE', async () => {
    const xml = edit(assertionSigned, (doc) => {
      root(doc).appendChild(evilAssertion(doc, '_second'));
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('second unsigned assertion in a Response-signed document (appended after signing) → ASSERTION_MULTIPLE', async () => {
    const xml = edit(responseSigned, (doc) => {
      root(doc).appendChild(evilAssertion(doc, '_second'));
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
});

describe('signature relocation and donors', () => {
  it('signature relocation: the Assertion Signature moved onto the Response → SIGNATURE_WRAPPING', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const sig = signatureOf(first(doc, NS.saml, 'Assertion'));
      root(doc).insertBefore(sig, first(doc, NS.samlp, 'Status'));
      setNameId(doc.documentElement as Element, 'admin@example.test');
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_WRAPPING');
  });
  it('signature relocation: the Response Signature moved into the Assertion → SIGNATURE_WRAPPING', async () => {
    const xml = edit(responseSigned, (doc) => {
      const sig = signatureOf(root(doc));
      const assertion = first(doc, NS.saml, 'Assertion');
      assertion.insertBefore(sig, first(assertion, NS.saml, 'Subject'));
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_WRAPPING');
  });
  it('metadata-as-donor: IdP-signed metadata embedded in Extensions of an unsigned Response → SIGNATURE_WRAPPING', async () => {
    const metadata = idp.metadata();
    const withId = metadata.replace('<md:EntityDescriptor', '<md:EntityDescriptor ID="_md1"');
    const signedMetadata = idp.sign(withId, { reference: '_md1', placement: 'prepend' });
    const unsigned = idp.response({ now: NOW, sign: 'none', nameId: 'admin@example.test' });
    const xml = edit(unsigned, (doc) => {
      const donor = first(parseXml(signedMetadata), NS.md, 'EntityDescriptor');
      const ext = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      ext.appendChild(doc.importNode(donor, true));
      root(doc).insertBefore(ext, first(doc, NS.samlp, 'Status'));
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_WRAPPING');
  });
  it('duplicate ID in another attribute name and namespace (xml:id) → DUPLICATE_ID', async () => {
    const xml = edit(assertionSigned, (doc) => {
      const ext = doc.createElementNS(NS.samlp, 'samlp:Extensions');
      const decoy = doc.createElementNS('urn:example:decoy', 'd:Decoy');
      decoy.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:id', '_orig');
      ext.appendChild(decoy);
      root(doc).insertBefore(ext, first(doc, NS.samlp, 'Status'));
    });
    expect(codeOf(await validate(xml))).toBe('DUPLICATE_ID');
  });
});
