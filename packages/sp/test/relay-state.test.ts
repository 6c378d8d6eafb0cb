import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { relayStatePolicy, safeRelayState } from '../src/relay-state.js';

const policy = (() => {
  const p = relayStatePolicy(
    ['https://app.example.test', 'http://localhost:5173/'],
    'https://sp.example.test/base',
  );
  if (E.isLeft(p)) throw new Error('policy');
  return p.right;
})();

describe('safeRelayState: same-origin paths', () => {
  it('keeps a path on this service as it is', () => {
    expect(safeRelayState('/', policy)).toBe('/');
    expect(safeRelayState('/orders?id=7&x=%2F#top', policy)).toBe('/orders?id=7&x=%2F#top');
  });

  it('answers null for nothing', () => {
    expect(safeRelayState(null, policy)).toBeNull();
    expect(safeRelayState(undefined, policy)).toBeNull();
    expect(safeRelayState('', policy)).toBeNull();
  });
});

describe('safeRelayState: open-redirect attempts are refused', () => {
  const attacks: Record<string, string> = {
    'protocol-relative URL': '//evil.example/phish',
    'backslash after slash (browsers read /\\ as //)': '/\\evil.example',
    'backslash-only host': '\\\\evil.example',
    'tab inside the slashes (browsers drop it)': '/\t/evil.example',
    'newline inside the slashes': '/\n/evil.example',
    'header injection': '/ok\r\nSet-Cookie: a=b',
    'foreign absolute URL': 'https://evil.example/',
    'look-alike subdomain': 'https://app.example.test.evil.example/',
    'credentials that hide the host': 'https://app.example.test@evil.example/',
    'credentials on an allowed host': 'https://user:pw@app.example.test/',
    'javascript: URL': 'javascript:alert(1)',
    'data: URL': 'data:text/html,<script>alert(1)</script>',
    'scheme-relative with backslashes': 'https:\\\\evil.example',
    'relative path without slash': 'evil.example',
    'allowed host on another port': 'https://app.example.test:8443/',
    'allowed host on another scheme': 'http://app.example.test/',
    'non-ASCII look-alike slash': '/\uFF0Fevil.example',
    'space before the host': ' //evil.example',
  };
  for (const [attack, value] of Object.entries(attacks)) {
    it(`refuses ${attack}`, () => expect(safeRelayState(value, policy)).toBeNull());
  }

  it('refuses a value over the length bound', () => {
    expect(safeRelayState(`/${'a'.repeat(2048)}`, policy)).toBeNull();
  });
});

describe('safeRelayState: allow-listed origins', () => {
  it('keeps an absolute URL on an allowed origin, normalised', () => {
    expect(safeRelayState('https://app.example.test/home?a=1', policy)).toBe(
      'https://app.example.test/home?a=1',
    );
    expect(safeRelayState('HTTPS://APP.example.test:443', policy)).toBe('https://app.example.test/');
    expect(safeRelayState('http://localhost:5173/x', policy)).toBe('http://localhost:5173/x');
  });

  it("allows the service's own origin (baseUrl)", () => {
    expect(safeRelayState('https://sp.example.test/after', policy)).toBe('https://sp.example.test/after');
  });

  it('refuses a malformed allow-list entry at configuration time', () => {
    const p = relayStatePolicy(['app.example.test'], null);
    expect(E.isLeft(p) && p.left.code).toBe('CONFIG_INVALID');
    expect(E.isLeft(relayStatePolicy(['javascript:alert(1)'], null))).toBe(true);
  });
});

describe('safeRelayState: laws', () => {
  it('whatever it answers stays on this service or an allowed origin', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.webPath()), (value) => {
        const out = safeRelayState(value, policy);
        if (out === null) return;
        // Resolved the way a browser resolves a Location against this service.
        const resolved = new URL(out, 'https://sp.example.test/base');
        expect(['https://sp.example.test', 'https://app.example.test', 'http://localhost:5173']).toContain(
          resolved.origin,
        );
        expect(out).toMatch(/^[\x21-\x7e]+$/);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.webPath()), (value) => {
        const once = safeRelayState(value, policy);
        if (once !== null) expect(safeRelayState(once, policy)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
