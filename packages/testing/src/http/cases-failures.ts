/**
 * The HTTP suite's failures, one family at a time: validation (4xx page naming the reason), JIT
 * (303 to the error URL with Salesforce's parameters), stores (503 with Retry-After), the
 * application's callback (503), replay, and the body size bound (413).
 */
import { expect, it } from 'vitest';
import { base64 } from '../idp/index.js';
import {
  expectFailurePage,
  expectSecurityHeaders,
  locationOf,
  postAcs,
  samlResponse,
  userAttributes,
} from './client.js';
import type { SuiteContext } from './suite.js';
import { CALLBACK_THROWS, CUSTOM_ERROR_URL, NOW } from './world.js';

const withoutLastName = (nameId: string) => {
  const { 'User.LastName': _dropped, ...rest } = userAttributes(nameId);
  return rest;
};

export const failureCases = (ctx: SuiteContext): void => {
  it('validation: a response for another audience is refused with 403 and the reason', async () => {
    const xml = samlResponse(ctx.world().idp, 'main', 'eve@example.test', {
      audience: 'https://other-sp.test',
    });
    const res = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    await expectFailurePage(res, 403, 'Audience Invalid', 'AUDIENCE_MISMATCH');
  });

  it('validation: an unsigned response is refused (403 Signature Invalid)', async () => {
    const xml = samlResponse(ctx.world().idp, 'main', 'eve@example.test', { sign: 'none' });
    const res = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    await expectFailurePage(res, 403, 'Signature Invalid', 'SIGNATURE_MISSING');
  });

  it('validation: a signed response altered in transit is refused (403 Signature Invalid)', async () => {
    const signed = Buffer.from(
      samlResponse(ctx.world().idp, 'main', 'eve@example.test'),
      'base64',
    ).toString();
    const altered = signed.replace('>Lovelace<', '>Administrator<');
    expect(altered).not.toBe(signed);
    const res = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: base64(altered) });
    await expectFailurePage(res, 403, 'Signature Invalid', 'SIGNATURE_DIGEST_MISMATCH');
  });

  it('validation: an expired response is refused (403 Assertion Expired)', async () => {
    const old = new Date(NOW.getTime() - 3600_000);
    const xml = samlResponse(ctx.world().idp, 'main', 'eve@example.test', {
      now: old,
      subjectNotOnOrAfter: new Date(NOW.getTime() + 300_000),
    });
    const res = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    await expectFailurePage(res, 403, 'Assertion Expired', 'ASSERTION_EXPIRED');
  });

  it('validation: a POST without SAMLResponse, or not a form, is refused with 400', async () => {
    const empty = await postAcs(ctx.baseUrl(), 'main', { RelayState: '/' });
    await expectFailurePage(empty, 400, 'Assertion Invalid', 'SAML_RESPONSE_MISSING');
    const json = await postAcs(ctx.baseUrl(), 'main', JSON.stringify({ SAMLResponse: 'PHg+' }), {
      headers: { 'content-type': 'application/json' },
    });
    await expectFailurePage(json, 400, 'Assertion Invalid', 'SAML_RESPONSE_MISSING');
  });

  it('validation: a SAMLResponse that is not base64, or not XML, is refused with 400', async () => {
    const raw = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: '<samlp:Response/>' });
    await expectFailurePage(raw, 400, 'Assertion Invalid', 'INPUT_ENCODING_INVALID');
    const notXml = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: base64('<samlp:Response ID="_x"') });
    await expectFailurePage(notXml, 400, 'Assertion Invalid', 'XML_MALFORMED');
  });

  it('validation: an unknown connection answers 404', async () => {
    const xml = samlResponse(ctx.world().idp, 'main', 'eve@example.test');
    const res = await postAcs(ctx.baseUrl(), 'nope', { SAMLResponse: xml });
    await expectFailurePage(res, 404, 'Configuration Error/Perm Disabled', 'UNKNOWN_CONNECTION');
  });

  it('JIT: a failure redirects (303) to the built-in error page with ErrorCode, ErrorDescription, ErrorDetails', async () => {
    const xml = samlResponse(ctx.world().idp, 'main', 'nolast@example.test', {
      attributes: withoutLastName('nolast@example.test'),
    });
    const res = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    expect(res.status).toBe(303);
    expectSecurityHeaders(res);
    expect(locationOf(res)).toBe(
      '/saml/error?ErrorCode=5&ErrorDescription=Unable+to+create+user&ErrorDetails=REQUIRED_FIELD_MISSING+LastName',
    );
    const page = await fetch(`${ctx.baseUrl()}${locationOf(res)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Unable to create user');
    expect(html).toContain('REQUIRED_FIELD_MISSING LastName');
  });

  it("JIT: a failure redirects to the connection's errorUrl, keeping its query", async () => {
    const xml = samlResponse(ctx.world().idp, 'custom-error', 'noprofile@example.test', {
      attributes: userAttributes('noprofile@example.test', { 'User.ProfileId': ['No Such Profile'] }),
    });
    const res = await postAcs(ctx.baseUrl(), 'custom-error', { SAMLResponse: xml });
    expect(res.status).toBe(303);
    const location = new URL(locationOf(res));
    expect(`${location.origin}${location.pathname}`).toBe(new URL(CUSTOM_ERROR_URL).href.split('?')[0]);
    expect(location.searchParams.get('from')).toBe('saml');
    expect(location.searchParams.get('ErrorCode')).toBe('16');
    expect(location.searchParams.get('ErrorDetails')).toBe('PROFILE_NAME_LOOKUP_ERROR');
  });

  it('store: a directory that is briefly unreachable answers 503 with Retry-After', async () => {
    const xml = samlResponse(ctx.world().idp, 'main', 'outage@example.test');
    ctx.world().outage.directory = true;
    const res = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    await expectFailurePage(res, 503, 'Configuration Error/Perm Disabled', 'STORE_UNAVAILABLE');
  });

  it('store: an unreachable replay cache fails closed with 503, and the response stays usable', async () => {
    const xml = samlResponse(ctx.world().idp, 'main', 'outage@example.test');
    ctx.world().outage.replayCache = true;
    const res = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    await expectFailurePage(res, 503, 'Configuration Error/Perm Disabled', 'STORE_UNAVAILABLE');
    ctx.world().outage.replayCache = false;
    const retried = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    expect(retried.status).toBe(303);
  });

  it("the application's login callback throwing answers 503, never 500", async () => {
    const xml = samlResponse(ctx.world().idp, 'main', CALLBACK_THROWS);
    const res = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    expect(res.headers.get('retry-after')).toBeNull();
    await expectFailurePage(res, 503, 'Configuration Error/Perm Disabled', 'LOGIN_CALLBACK_FAILED');
  });

  it('replay: the same response posted twice is accepted once (403 Replay Detected)', async () => {
    const xml = samlResponse(ctx.world().idp, 'main', 'replay@example.test');
    const first = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    expect(first.status).toBe(303);
    const again = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    await expectFailurePage(again, 403, 'Replay Detected', 'REPLAY_DETECTED');
  });

  it('size: a body over 1 MiB answers 413 without being read to its end', async () => {
    const body = `SAMLResponse=${'A'.repeat(1_048_576 + 1024)}`;
    const res = await postAcs(ctx.baseUrl(), 'main', body, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expectFailurePage(res, 413, 'Assertion Invalid', 'INPUT_TOO_LARGE');
  });
};
