/**
 * Security review: RelayState paths whose dot segments collapse into `//`. A browser resolves
 * `Location: /..//evil.example` against the ACS URL to the path `//evil.example` on this host;
 * the next relative redirect built from that path (a trailing-slash redirect, an application
 * writing `location.pathname` into a link) then names another host. Such paths are refused.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { relayStatePolicy, safeRelayState } from '../src/relay-state.js';

const policy = (() => {
  const p = relayStatePolicy([], 'https://sp.example.test');
  if (E.isLeft(p)) throw new Error('policy');
  return p.right;
})();

describe('RelayState dot segments (review)', () => {
  it('dot-segment path collapsing to a protocol-relative path → refused (null)', () => {
    for (const v of [
      '/..//evil.example',
      '/./../..//evil.example/x',
      '/%2e%2e//evil.example',
      '/.%2E//evil.example',
      '/a/../..//evil.example',
    ])
      expect(safeRelayState(v, policy), v).toBeNull();
  });
  it('ordinary paths, including harmless dot segments, are kept as they are', () => {
    for (const v of ['/orders/../cart', '/a/./b?next=//x', '/x#//y', '/%2F/evil'])
      expect(safeRelayState(v, policy), v).toBe(v);
  });
});
