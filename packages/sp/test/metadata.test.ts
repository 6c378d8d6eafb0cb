import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HTTP_POST_BINDING, MD_NS, spMetadataXml } from '../src/metadata.js';
import { isXmlSafe } from '../src/xml.js';
import { derOf, ENCRYPTION_CERT, SIGNING_CERT } from './fixtures.js';

const DS = 'http://www.w3.org/2000/09/xmldsig#';

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');

const base = {
  spEntityId: 'https://sp.example.test',
  acsUrl: 'https://sp.example.test/saml/acs/okta',
  nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  signingCertificate: null,
  encryptionCertificates: [],
  wantAssertionsSigned: false,
} as const;

describe('spMetadataXml', () => {
  it('describes the entity, the HTTP-POST ACS and the NameID format', () => {
    const doc = parse(spMetadataXml(base));
    const root = doc.documentElement!;
    expect(root.namespaceURI).toBe(MD_NS);
    expect(root.localName).toBe('EntityDescriptor');
    expect(root.getAttribute('entityID')).toBe('https://sp.example.test');
    const sp = doc.getElementsByTagNameNS(MD_NS, 'SPSSODescriptor')[0]!;
    expect(sp.getAttribute('protocolSupportEnumeration')).toBe('urn:oasis:names:tc:SAML:2.0:protocol');
    expect(sp.getAttribute('AuthnRequestsSigned')).toBe('false');
    const acs = doc.getElementsByTagNameNS(MD_NS, 'AssertionConsumerService')[0]!;
    expect(acs.getAttribute('Binding')).toBe(HTTP_POST_BINDING);
    expect(acs.getAttribute('Location')).toBe('https://sp.example.test/saml/acs/okta');
    expect(doc.getElementsByTagNameNS(MD_NS, 'NameIDFormat')[0]!.textContent).toBe(base.nameIdFormat);
    expect(doc.getElementsByTagNameNS(MD_NS, 'KeyDescriptor').length).toBe(0);
  });

  it('publishes the signing and every encryption certificate as KeyDescriptors', () => {
    const doc = parse(
      spMetadataXml({
        ...base,
        signingCertificate: derOf(SIGNING_CERT),
        encryptionCertificates: [derOf(ENCRYPTION_CERT), derOf(SIGNING_CERT)],
        wantAssertionsSigned: true,
      }),
    );
    const sp = doc.getElementsByTagNameNS(MD_NS, 'SPSSODescriptor')[0]!;
    expect(sp.getAttribute('AuthnRequestsSigned')).toBe('true');
    expect(sp.getAttribute('WantAssertionsSigned')).toBe('true');
    const keys = Array.from(doc.getElementsByTagNameNS(MD_NS, 'KeyDescriptor'));
    expect(keys.map((k) => k.getAttribute('use'))).toEqual(['signing', 'encryption', 'encryption']);
    const certs = keys.map((k) =>
      k.getElementsByTagNameNS(DS, 'X509Certificate')[0]!.textContent!.replace(/\s/g, ''),
    );
    expect(certs).toEqual([derOf(SIGNING_CERT), derOf(ENCRYPTION_CERT), derOf(SIGNING_CERT)]);
  });

  it('escapes markup in configured values (XML injection)', () => {
    const hostile = 'https://sp.example.test/?a=1&b="2"\'><md:Extensions/><x y="';
    const xml = spMetadataXml({
      ...base,
      spEntityId: hostile,
      acsUrl: `${hostile}acs`,
      nameIdFormat: '<evil/>',
    });
    const doc = parse(xml);
    expect(doc.documentElement!.getAttribute('entityID')).toBe(hostile);
    expect(doc.getElementsByTagNameNS(MD_NS, 'Extensions').length).toBe(0);
    expect(doc.getElementsByTagNameNS(MD_NS, 'NameIDFormat')[0]!.textContent).toBe('<evil/>');
  });

  it('round-trips line ends an XML 1.1 parser or xmldom would normalise (found by the property below: U+2029)', () => {
    const entityId = 'urn:sp:\t\n\r\u0085\u2028\u2029:end';
    const doc = parse(spMetadataXml({ ...base, spEntityId: entityId }));
    expect(doc.documentElement!.getAttribute('entityID')).toBe(entityId);
  });

  it('round-trips any XML-safe entity ID and ACS URL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (entityId, acs) => {
        fc.pre(isXmlSafe(entityId) && isXmlSafe(acs) && !`${entityId}${acs}`.includes('\uFFFD'));
        const doc = parse(spMetadataXml({ ...base, spEntityId: entityId, acsUrl: acs }));
        expect(doc.documentElement!.getAttribute('entityID')).toBe(entityId);
        expect(
          doc.getElementsByTagNameNS(MD_NS, 'AssertionConsumerService')[0]!.getAttribute('Location'),
        ).toBe(acs);
      }),
      { numRuns: 300 },
    );
  });
});
