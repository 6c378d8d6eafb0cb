/**
 * The RelayState policy: where the browser may be sent after a login. RelayState arrives from the
 * network (an IdP-initiated POST, or the `RelayState` query of a login start), so an unchecked value
 * is an open redirect. Only two shapes pass:
 * - a path on this service: starts with one `/`, never `//` or `/\` (both mean "another host" to a
 *   browser), nor a path whose dot segments resolve to `//` (`/..//evil`), printable ASCII only (browsers drop tab and newline, which would turn `/\t/evil` into
 *   `//evil`);
 * - an absolute `http(s)` URL whose origin is this service's (`baseUrl`) or one the application
 *   allow-listed, without credentials.
 * Anything else is refused, and the caller falls back to `/`.
 */

import { type ConfigFailure, configFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';

/** Longest RelayState target we keep (a URL, not a document). */
export const MAX_RELAY_STATE_LENGTH = 2048;

export interface RelayStatePolicy {
  /** Normalised origins (`https://app.example.test`) an absolute RelayState may point to. */
  readonly allowedOrigins: ReadonlySet<string>;
}

const originOf = (value: string): string | null => {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username !== '' || url.password !== '') return null;
    return url.origin;
  } catch {
    return null;
  }
};

/**
 * Builds the policy from the allow-list and the service's own base URL (whose origin is always
 * allowed). A malformed origin is a configuration error, so a typo cannot silently widen or
 * narrow the list.
 * @example
 * relayStatePolicy(['https://app.example.test'], 'https://sp.example.test')
 */
export const relayStatePolicy = (
  allowedOrigins: readonly string[],
  baseUrl: string | null,
): E.Either<ConfigFailure, RelayStatePolicy> => {
  const origins = new Set<string>();
  for (const candidate of baseUrl === null ? allowedOrigins : [...allowedOrigins, baseUrl]) {
    const origin = originOf(candidate);
    if (origin === null) {
      return E.left(
        configFailure('CONFIG_INVALID', 'An allowed RelayState origin is not an http(s) URL.', {
          origin: candidate,
        }),
      );
    }
    origins.add(origin);
  }
  return E.right({ allowedOrigins: origins });
};

/** Printable ASCII without space or backslash: what a safe redirect target is made of. */
const SAFE_CHARS = /^[\x21-\x5b\x5d-\x7e]+$/;

/**
 * True when the browser's resolution of the path (dot segments, `%2e`) starts it with `//`:
 * `/..//evil` lands on this host's path `//evil`, which the next relative redirect reads as a host.
 */
const collapsesToTwoSlashes = (path: string): boolean => {
  try {
    return new URL(path, 'https://relay-state.invalid').pathname.startsWith('//');
  } catch {
    return true;
  }
};

/**
 * The redirect target RelayState names, or null when it is absent or not allowed.
 * @example
 * safeRelayState('/orders?id=7', policy)           // '/orders?id=7'
 * safeRelayState('//evil.example', policy)         // null
 * safeRelayState('https://evil.example/', policy)  // null unless allow-listed
 */
export const safeRelayState = (value: string | null | undefined, policy: RelayStatePolicy): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value.length > MAX_RELAY_STATE_LENGTH || !SAFE_CHARS.test(value)) return null;
  if (value.startsWith('/')) return value.startsWith('//') || collapsesToTwoSlashes(value) ? null : value;
  const origin = originOf(value);
  if (origin === null || !policy.allowedOrigins.has(origin)) return null;
  return new URL(value).href;
};
