/** The HTTP suite's other routes: SP metadata and the built-in JIT error page. */
import { expect, it } from 'vitest';
import { parseXml } from '../idp/index.js';
import { expectFailurePage, expectSecurityHeaders, get } from './client.js';
import type { SuiteContext } from './suite.js';
import { acsUrlOf, SP_ENTITY_ID } from './world.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';

const derOf = (pem: string): string => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

export const routeCases = (ctx: SuiteContext): void => {
  it('serves SP metadata: entity ID, HTTP-POST ACS, signing and encryption certificates', async () => {
    const res = await get(ctx.baseUrl(), '/saml/metadata/main');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/samlmetadata\+xml/);
    expectSecurityHeaders(res);
    const doc = parseXml(await res.text());
    expect(doc.documentElement?.getAttribute('entityID')).toBe(SP_ENTITY_ID);
    const acs = doc.getElementsByTagNameNS(MD, 'AssertionConsumerService')[0];
    expect(acs?.getAttribute('Location')).toBe(acsUrlOf('main'));
    expect(acs?.getAttribute('Binding')).toBe('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    const keys = Array.from(doc.getElementsByTagNameNS(MD, 'KeyDescriptor'));
    expect(keys.map((k) => k.getAttribute('use'))).toEqual(['signing', 'encryption']);
    const cert = derOf(ctx.world().spSigning.certificatePem);
    for (const k of keys) expect((k.textContent ?? '').replace(/\s+/g, '')).toBe(cert);
  });

  it('metadata of an unknown connection answers 404', async () => {
    const res = await get(ctx.baseUrl(), '/saml/metadata/nope');
    await expectFailurePage(res, 404, 'Configuration Error/Perm Disabled', 'UNKNOWN_CONNECTION');
  });

  it('login start for an unknown connection answers 404', async () => {
    const res = await get(ctx.baseUrl(), '/saml/login/nope');
    await expectFailurePage(res, 404, 'Configuration Error/Perm Disabled', 'UNKNOWN_CONNECTION');
  });

  it('the error page escapes what its URL carries (reflected XSS)', async () => {
    const res = await get(
      ctx.baseUrl(),
      `/saml/error?ErrorCode=16&ErrorDescription=${encodeURIComponent('<script>alert(1)</script>')}&ErrorDetails=x`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
};
