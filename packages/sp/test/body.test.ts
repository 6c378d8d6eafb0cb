import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { contentLengthOf, readAcsForm } from '../src/body.js';

const FORM = 'application/x-www-form-urlencoded';

async function* chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield Buffer.from(p);
}

const codeOf = async (p: ReturnType<typeof readAcsForm>) => {
  const r = await p;
  return E.isLeft(r) ? r.left.code : 'ok';
};

describe('readAcsForm', () => {
  it('reads SAMLResponse and RelayState from bytes, a string, a stream or parsed fields', async () => {
    const body = 'SAMLResponse=PHg%2B&RelayState=%2Fhome';
    const expected = E.right({ samlResponse: 'PHg+', relayState: '/home' });
    expect(await readAcsForm(Buffer.from(body), FORM, 100)).toEqual(expected);
    expect(await readAcsForm(body, `${FORM}; charset=UTF-8`, 100)).toEqual(expected);
    expect(await readAcsForm(chunks('SAMLResponse=PH', 'g%2B&RelayState=%2Fhome'), FORM, 100)).toEqual(
      expected,
    );
    expect(await readAcsForm({ SAMLResponse: 'PHg+', RelayState: '/home' }, null, 100)).toEqual(expected);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Buffer.from('SAMLResponse=PHg%2B&Relay'));
        controller.enqueue(Buffer.from('State=%2Fhome'));
        controller.close();
      },
    });
    expect(await readAcsForm(web, FORM, 100)).toEqual(expected);
  });

  it('refuses a body over the bound (413) from any source, without reading a stream past it', async () => {
    const big = `SAMLResponse=${'A'.repeat(200)}`;
    expect(await codeOf(readAcsForm(big, FORM, 100))).toBe('INPUT_TOO_LARGE');
    expect(await codeOf(readAcsForm({ SAMLResponse: 'A'.repeat(200) }, null, 100))).toBe('INPUT_TOO_LARGE');
    let pulled = 0;
    async function* endless(): AsyncIterable<Uint8Array> {
      for (;;) {
        pulled += 1;
        yield Buffer.alloc(64, 65);
      }
    }
    expect(await codeOf(readAcsForm(endless(), FORM, 1000))).toBe('INPUT_TOO_LARGE');
    expect(pulled).toBe(16);
  });

  it('refuses a stream whose declared Content-Length is over the bound before reading it', async () => {
    let pulled = false;
    async function* body(): AsyncIterable<Uint8Array> {
      pulled = true;
      yield Buffer.from('SAMLResponse=x');
    }
    expect(await codeOf(readAcsForm(body(), FORM, 100, 5000))).toBe('INPUT_TOO_LARGE');
    expect(pulled).toBe(false);
  });

  it('refuses what is not a form with one SAMLResponse (parameter pollution included)', async () => {
    expect(await codeOf(readAcsForm('SAMLResponse=PHg%2B', 'application/json', 100))).toBe(
      'SAML_RESPONSE_MISSING',
    );
    expect(await codeOf(readAcsForm('SAMLResponse=PHg%2B', null, 100))).toBe('SAML_RESPONSE_MISSING');
    expect(await codeOf(readAcsForm('RelayState=%2F', FORM, 100))).toBe('SAML_RESPONSE_MISSING');
    expect(await codeOf(readAcsForm('SAMLResponse=', FORM, 100))).toBe('SAML_RESPONSE_MISSING');
    expect(await codeOf(readAcsForm('SAMLResponse=a&SAMLResponse=b', FORM, 100))).toBe(
      'SAML_RESPONSE_MISSING',
    );
    expect(await codeOf(readAcsForm({ SAMLResponse: ['a', 'b'] }, null, 100))).toBe('SAML_RESPONSE_MISSING');
    expect(await codeOf(readAcsForm({ SAMLResponse: { nested: 'x' } }, null, 100))).toBe(
      'SAML_RESPONSE_MISSING',
    );
  });

  it('drops a repeated RelayState instead of choosing one', async () => {
    const r = await readAcsForm('SAMLResponse=PHg%2B&RelayState=%2Fa&RelayState=%2F%2Fevil', FORM, 100);
    expect(r).toEqual(E.right({ samlResponse: 'PHg+', relayState: null }));
  });

  it('answers INPUT_UNREADABLE when the stream fails (client gone, body already consumed)', async () => {
    async function* broken(): AsyncIterable<Uint8Array> {
      yield Buffer.from('SAMLResponse=');
      throw new Error('aborted');
    }
    expect(await codeOf(readAcsForm(broken(), FORM, 100))).toBe('INPUT_UNREADABLE');
  });
});

describe('contentLengthOf', () => {
  it('reads plain decimals only', () => {
    expect(contentLengthOf('1024')).toBe(1024);
    expect(contentLengthOf(' 7 ')).toBe(7);
    expect(contentLengthOf(undefined)).toBeNull();
    expect(contentLengthOf('-1')).toBeNull();
    expect(contentLengthOf('1e9')).toBeNull();
    expect(contentLengthOf(['1', '2'])).toBeNull();
  });
});
