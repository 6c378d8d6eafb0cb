import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authnRequestXml, RSA_SHA256, redirectUrl } from '../src/authn-request.js';
import { isXmlSafe } from '../src/xml.js';
import { ENCRYPTION_CERT, SIGNING_CERT, SIGNING_KEY } from './fixtures.js';

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';

const request = {
  id: '_a1b2c3',
  issueInstant: new Date('2026-03-04T05:06:07.890Z'),
  destination: 'https://idp.example.test/sso',
  acsUrl: 'https://sp.example.test/saml/acs/okta',
  spEntityId: 'https://sp.example.test',
  nameIdFormat: null,
  forceAuthn: false,
} as const;

/** The raw (still URL-encoded) query parameters, in order. */
const rawParams = (url: string): [string, string][] =>
  new URL(url).search
    .slice(1)
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    });

const inflate = (url: string): string => {
  const value = new URL(url).searchParams.get('SAMLRequest')!;
  return inflateRawSync(Buffer.from(value, 'base64')).toString('utf8');
};

describe('authnRequestXml', () => {
  it('carries ID, IssueInstant, Destination, ACS URL, binding and Issuer', () => {
    const doc = new DOMParser().parseFromString(authnRequestXml(request), 'text/xml');
    const root = doc.documentElement!;
    expect(root.namespaceURI).toBe(PROTOCOL);
    expect(root.localName).toBe('AuthnRequest');
    expect(root.getAttribute('ID')).toBe('_a1b2c3');
    expect(root.getAttribute('Version')).toBe('2.0');
    expect(root.getAttribute('IssueInstant')).toBe('2026-03-04T05:06:07Z');
    expect(root.getAttribute('Destination')).toBe('https://idp.example.test/sso');
    expect(root.getAttribute('AssertionConsumerServiceURL')).toBe('https://sp.example.test/saml/acs/okta');
    expect(root.getAttribute('ProtocolBinding')).toBe('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    expect(root.hasAttribute('ForceAuthn')).toBe(false);
    expect(doc.getElementsByTagNameNS(ASSERTION, 'Issuer')[0]!.textContent).toBe('https://sp.example.test');
    const policy = doc.getElementsByTagNameNS(PROTOCOL, 'NameIDPolicy')[0]!;
    expect(policy.hasAttribute('Format')).toBe(false);
  });

  it('asks for a NameID format and ForceAuthn when configured', () => {
    const xml = authnRequestXml({ ...request, nameIdFormat: 'urn:x&y', forceAuthn: true });
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    expect(doc.documentElement!.getAttribute('ForceAuthn')).toBe('true');
    expect(doc.getElementsByTagNameNS(PROTOCOL, 'NameIDPolicy')[0]!.getAttribute('Format')).toBe('urn:x&y');
  });
});

describe('redirectUrl (HTTP-Redirect binding)', () => {
  it('round-trips: inflate(base64(SAMLRequest)) is the request XML', () => {
    const xml = authnRequestXml(request);
    const url = redirectUrl('https://idp.example.test/sso', xml, { relayState: '_a1b2c3', signingKey: null });
    expect(url.startsWith('https://idp.example.test/sso?SAMLRequest=')).toBe(true);
    expect(inflate(url)).toBe(xml);
    expect(new URL(url).searchParams.get('RelayState')).toBe('_a1b2c3');
    expect(new URL(url).searchParams.has('Signature')).toBe(false);
  });

  it('keeps a query the IdP URL already has and drops its fragment', () => {
    const url = redirectUrl('https://idp.example.test/sso?app=42#frag', authnRequestXml(request), {
      relayState: null,
      signingKey: null,
    });
    expect(url.startsWith('https://idp.example.test/sso?app=42&SAMLRequest=')).toBe(true);
    expect(url.includes('#')).toBe(false);
    expect(new URL(url).searchParams.has('RelayState')).toBe(false);
  });

  it('round-trips any XML-safe values through DEFLATE, base64 and URL-encoding', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: 'grapheme' }), fc.string(), (entityId, acs, relay) => {
        fc.pre(isXmlSafe(entityId) && isXmlSafe(acs) && !`${entityId}${acs}`.includes('\uFFFD'));
        const xml = authnRequestXml({ ...request, spEntityId: entityId, acsUrl: acs });
        const url = redirectUrl('https://idp.example.test/sso', xml, { relayState: relay, signingKey: null });
        expect(inflate(url)).toBe(xml);
        expect(new URL(url).searchParams.get('RelayState')).toBe(relay);
        const doc = new DOMParser().parseFromString(inflate(url), 'text/xml');
        expect(doc.documentElement!.getAttribute('AssertionConsumerServiceURL')).toBe(acs);
      }),
      { numRuns: 200 },
    );
  });

  it('signs SAMLRequest=…&RelayState=…&SigAlg=… so the IdP can verify it with the published certificate', () => {
    const url = redirectUrl('https://idp.example.test/sso', authnRequestXml(request), {
      relayState: '_a1b2c3',
      signingKey: createPrivateKey(SIGNING_KEY),
    });
    const params = rawParams(url);
    expect(params.map(([k]) => k)).toEqual(['SAMLRequest', 'RelayState', 'SigAlg', 'Signature']);
    expect(decodeURIComponent(params[2]![1])).toBe(RSA_SHA256);
    const signed = params
      .slice(0, 3)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const signature = Buffer.from(decodeURIComponent(params[3]![1]), 'base64');
    const publicKey = createPublicKey(SIGNING_CERT);
    expect(verify('sha256', Buffer.from(signed), publicKey, signature)).toBe(true);
  });

  it('a signature does not verify once the request is altered or with another key', () => {
    const url = redirectUrl('https://idp.example.test/sso', authnRequestXml(request), {
      relayState: null,
      signingKey: createPrivateKey(SIGNING_KEY),
    });
    const params = rawParams(url);
    expect(params.map(([k]) => k)).toEqual(['SAMLRequest', 'SigAlg', 'Signature']);
    const signature = Buffer.from(decodeURIComponent(params[2]![1]), 'base64');
    const signed = `${params[0]![0]}=${params[0]![1]}&${params[1]![0]}=${params[1]![1]}`;
    expect(verify('sha256', Buffer.from(signed), createPublicKey(ENCRYPTION_CERT), signature)).toBe(false);
    const tampered = signed.replace('SAMLRequest=', 'SAMLRequest=A');
    expect(verify('sha256', Buffer.from(tampered), createPublicKey(SIGNING_CERT), signature)).toBe(false);
  });
});
