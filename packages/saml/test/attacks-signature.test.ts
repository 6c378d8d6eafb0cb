/**
 * Signature-syntax confusion and key trust (saml-security.md root causes 2, 4, 5, 6, 8): every
 * test is named after its attack and asserts the code.
 */
import { createHash } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { excC14n } from '../src/xml/c14n.js';
import { hmacResign, resign, SIG_URI, setAlgorithm } from './support/resign.js';
import {
  accepted,
  all,
  attackerIdp,
  clone,
  codeOf,
  edit,
  first,
  idp,
  NOW,
  NS,
  setNameId,
  validate,
} from './support/world.js';

const signed = idp.response({
  now: NOW,
  sign: 'assertion',
  nameId: 'alice@example.test',
  assertionId: '_a1',
});
const both = idp.response({ now: NOW, sign: 'both', assertionId: '_a1' });
const idpKey = { privateKeyPem: idp.privateKeyPem };

const transformsOf = (si: Element): Element => first(si, NS.ds, 'Transforms');
const addTransform = (si: Element, uri: string, position: 'start' | 'end' = 'end'): void => {
  const transforms = transformsOf(si);
  const t = transforms.ownerDocument!.createElementNS(NS.ds, 'ds:Transform');
  t.setAttribute('Algorithm', uri);
  transforms.insertBefore(t, position === 'start' ? transforms.firstChild : null);
};

describe('Reference binding', () => {
  it('Reference URI="" (whole document) → SIGNATURE_REFERENCE_INVALID', async () => {
    const xml = resign(signed, (si) => first(si, NS.ds, 'Reference').setAttribute('URI', ''), idpKey);
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_REFERENCE_INVALID');
  });
  it('Reference without URI → SIGNATURE_REFERENCE_INVALID', async () => {
    const xml = resign(signed, (si) => first(si, NS.ds, 'Reference').removeAttribute('URI'), idpKey);
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_REFERENCE_INVALID');
  });
  it('Reference to an element other than the parent (the Response) → SIGNATURE_WRAPPING', async () => {
    const respId = /<samlp:Response[^>]* ID="([^"]+)"/.exec(signed)?.[1] ?? '';
    const xml = resign(
      signed,
      (si) => first(si, NS.ds, 'Reference').setAttribute('URI', `#${respId}`),
      idpKey,
    );
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_WRAPPING');
  });
});

describe('signature syntax confusion', () => {
  it('several SignedInfo elements in one Signature → SIGNATURE_STRUCTURE_INVALID', async () => {
    const xml = edit(signed, (doc) => {
      const si = first(doc, NS.ds, 'SignedInfo');
      si.parentNode?.insertBefore(clone(si), si);
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_STRUCTURE_INVALID');
  });
  it('two References in SignedInfo → SIGNATURE_STRUCTURE_INVALID', async () => {
    const xml = resign(signed, (si) => si.appendChild(clone(first(si, NS.ds, 'Reference'))), idpKey);
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_STRUCTURE_INVALID');
  });
  it('decoy Signature clone beside the real one → SIGNATURE_STRUCTURE_INVALID', async () => {
    const xml = edit(signed, (doc) => {
      const sig = first(doc, NS.ds, 'Signature');
      sig.parentNode?.insertBefore(clone(sig), sig);
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_STRUCTURE_INVALID');
  });
  it('comment in DigestValue carrying the digest of altered content (CVE-2025-29775 style) → SIGNATURE_DIGEST_MISMATCH', async () => {
    const xml = edit(signed, (doc) => {
      const assertion = first(doc, NS.saml, 'Assertion');
      setNameId(assertion, 'admin@example.test');
      const sig = first(assertion, NS.ds, 'Signature');
      const forged = createHash('sha256')
        .update(excC14n(assertion, { withComments: false, inclusivePrefixes: [], exclude: sig }))
        .digest('base64');
      const dv = first(sig, NS.ds, 'DigestValue');
      dv.insertBefore(doc.createComment(forged), dv.firstChild);
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_DIGEST_MISMATCH');
  });
  it('a comment splitting the genuine DigestValue does not truncate it (still accepted)', async () => {
    const xml = edit(signed, (doc) => {
      const dv = first(doc, NS.ds, 'DigestValue');
      const text = dv.textContent ?? '';
      while (dv.firstChild !== null) dv.removeChild(dv.firstChild);
      dv.appendChild(doc.createTextNode(text.slice(0, 10)));
      dv.appendChild(doc.createComment('x'));
      dv.appendChild(doc.createTextNode(text.slice(10)));
    });
    expect(codeOf(await validate(xml))).toBe('ACCEPTED');
  });
  it('comment truncation of NameID (Duo 2018): the full text is the identity', async () => {
    const base = idp.response({ now: NOW, sign: 'assertion', nameId: 'admin@x.test.evil.test' });
    const xml = base.replace('admin@x.test.evil.test', 'admin@x.test<!---->.evil.test');
    expect(xml).toContain('<!---->');
    const a = accepted(await validate(xml)).assertion;
    expect(a.nameId?.value).toBe('admin@x.test.evil.test');
  });
  it('CDATA split of NameID reads the full text', async () => {
    const base = idp.response({ now: NOW, sign: 'assertion', nameId: 'admin@x.test.evil.test' });
    const xml = base.replace('admin@x.test.evil.test', 'admin@x.test<![CDATA[.evil]]>.test');
    expect(accepted(await validate(xml)).assertion.nameId?.value).toBe('admin@x.test.evil.test');
  });
  it('element injected into NameID after signing → SIGNATURE_DIGEST_MISMATCH', async () => {
    const xml = edit(signed, (doc) =>
      first(doc, NS.saml, 'NameID').appendChild(doc.createElementNS(NS.saml, 'saml:X')),
    );
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_DIGEST_MISMATCH');
  });
  it('a signed NameID holding an element (identity split across markup) → ASSERTION_STRUCTURE_INVALID', async () => {
    const xml = idp.response({
      now: NOW,
      sign: 'assertion',
      beforeSign: (doc) => first(doc, NS.saml, 'NameID').appendChild(doc.createElementNS(NS.saml, 'saml:X')),
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_STRUCTURE_INVALID');
  });
});

describe('algorithms and transforms', () => {
  it('HMAC keyed with the public certificate → SIGNATURE_ALGORITHM_DISALLOWED', async () => {
    expect(codeOf(await validate(hmacResign(signed, idp.certificatePem)))).toBe(
      'SIGNATURE_ALGORITHM_DISALLOWED',
    );
  });
  it('unknown signature algorithm (rsa-md5) → SIGNATURE_ALGORITHM_DISALLOWED', async () => {
    const xml = resign(signed, (si) => setAlgorithm(si, 'SignatureMethod', SIG_URI.rsaMd5), idpKey);
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_ALGORITHM_DISALLOWED');
  });
  it('RSA-SHA1 without opt-in → SIGNATURE_ALGORITHM_DISALLOWED; with allowSha1 → accepted', async () => {
    const sha1 = idp.response({ now: NOW, sign: 'assertion', signatureAlgorithm: 'rsa-sha1' });
    expect(codeOf(await validate(sha1))).toBe('SIGNATURE_ALGORITHM_DISALLOWED');
    expect(codeOf(await validate(sha1, { allowSha1: true }))).toBe('ACCEPTED');
  });
  it('SHA-1 digest under RSA-SHA256 without opt-in → SIGNATURE_ALGORITHM_DISALLOWED', async () => {
    const xml = idp.response({ now: NOW, sign: 'assertion', digestAlgorithm: 'sha1' });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_ALGORITHM_DISALLOWED');
  });
  it('C14N 1.1 canonicalization → SIGNATURE_ALGORITHM_DISALLOWED', async () => {
    const xml = resign(
      signed,
      (si) => setAlgorithm(si, 'CanonicalizationMethod', 'http://www.w3.org/2006/12/xml-c14n11'),
      idpKey,
    );
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_ALGORITHM_DISALLOWED');
  });
  it('XSLT transform → SIGNATURE_TRANSFORM_DISALLOWED', async () => {
    const xml = resign(
      signed,
      (si) => addTransform(si, 'http://www.w3.org/TR/1999/REC-xslt-19991116'),
      idpKey,
    );
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_TRANSFORM_DISALLOWED');
  });
  it('XPath filter transform → SIGNATURE_TRANSFORM_DISALLOWED', async () => {
    const xml = resign(
      signed,
      (si) => addTransform(si, 'http://www.w3.org/TR/1999/REC-xpath-19991116', 'start'),
      idpKey,
    );
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_TRANSFORM_DISALLOWED');
  });
  it('inclusive c14n instead of exclusive → SIGNATURE_TRANSFORM_DISALLOWED', async () => {
    const xml = resign(
      signed,
      (si) =>
        all(transformsOf(si), NS.ds, 'Transform')[1]?.setAttribute(
          'Algorithm',
          'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
        ),
      idpKey,
    );
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_TRANSFORM_DISALLOWED');
  });
  it('enveloped-signature transform removed → SIGNATURE_TRANSFORM_DISALLOWED', async () => {
    const xml = resign(
      signed,
      (si) => {
        const t = all(transformsOf(si), NS.ds, 'Transform')[0];
        if (t !== undefined) transformsOf(si).removeChild(t);
      },
      idpKey,
    );
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_TRANSFORM_DISALLOWED');
  });
});

describe('key trust', () => {
  it('KeyInfo-embedded attacker certificate (signed by the attacker) → SIGNATURE_UNTRUSTED_KEY', async () => {
    const xml = attackerIdp.response({ now: NOW, sign: 'assertion' });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_UNTRUSTED_KEY');
  });
  it('attacker signature with the trusted certificate pasted into KeyInfo → SIGNATURE_INVALID', async () => {
    const forged = attackerIdp.response({ now: NOW, sign: 'assertion' });
    const trustedB64 = idp.certificatePem.replace(/-----[^-]+-----|\s/g, '');
    const xml = forged.replace(
      /<ds:X509Certificate>[^<]*<\/ds:X509Certificate>/,
      `<ds:X509Certificate>${trustedB64}</ds:X509Certificate>`,
    );
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_INVALID');
  });
  it('no trusted certificate configured → NO_TRUSTED_CERTIFICATE', async () => {
    expect(codeOf(await validate(signed, { idpCertificates: [] }))).toBe('NO_TRUSTED_CERTIFICATE');
  });
  it('content altered after signing → SIGNATURE_DIGEST_MISMATCH', async () => {
    const xml = edit(signed, (doc) => setNameId(doc.documentElement as Element, 'admin@example.test'));
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_DIGEST_MISMATCH');
  });
  it('SignatureValue altered → SIGNATURE_INVALID', async () => {
    const xml = edit(signed, (doc) => {
      const sv = first(doc, NS.ds, 'SignatureValue');
      const v = Buffer.from(sv.textContent ?? '', 'base64');
      v[10] = (v[10] ?? 0) ^ 1;
      while (sv.firstChild !== null) sv.removeChild(sv.firstChild);
      sv.appendChild(doc.createTextNode(v.toString('base64')));
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_INVALID');
  });
  it('a valid Assertion signature does not rescue an altered Response signature → SIGNATURE_DIGEST_MISMATCH', async () => {
    const xml = both.replace(/Destination="[^"]*"/, 'Destination="https://evil.example.test/acs"');
    expect(codeOf(await validate(xml, { acsUrl: null }))).toBe('SIGNATURE_DIGEST_MISMATCH');
  });
});

describe('signature policy', () => {
  it('unsigned response → SIGNATURE_MISSING', async () => {
    expect(codeOf(await validate(idp.response({ now: NOW, sign: 'none' })))).toBe('SIGNATURE_MISSING');
  });
  it("policy 'both' with only the assertion signed → SIGNATURE_POLICY_UNMET", async () => {
    expect(codeOf(await validate(signed, { signaturePolicy: 'both' }))).toBe('SIGNATURE_POLICY_UNMET');
  });
  it("policy 'response' with only the assertion signed → SIGNATURE_POLICY_UNMET", async () => {
    expect(codeOf(await validate(signed, { signaturePolicy: 'response' }))).toBe('SIGNATURE_POLICY_UNMET');
  });
  it("policy 'assertion' with only the response signed → SIGNATURE_POLICY_UNMET", async () => {
    const xml = idp.response({ now: NOW, sign: 'response' });
    expect(codeOf(await validate(xml, { signaturePolicy: 'assertion' }))).toBe('SIGNATURE_POLICY_UNMET');
  });
});
