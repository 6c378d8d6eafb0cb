/**
 * fast-check arbitraries for what the replay cache, the request store and the session store keep:
 * replay windows, outstanding AuthnRequests and login sessions, always with `expiresAt` after the
 * instant they start.
 */
import type { OutstandingRequest, Session } from '@saml-jit/core';
import fc from 'fast-check';
import { connectionNameArb, instantArb, recordIdArb, tokenArb, xmlTextArb } from './text.js';

const later = (start: Date, ms: number): Date => new Date(start.getTime() + ms);

/** How long something lives: one second to one day. */
const lifetimeArb = fc.integer({ min: 1_000, max: 86_400_000 });

/**
 * A replay-cache window: `now` and an `expiresAt` after it.
 * @example
 * fc.assert(fc.asyncProperty(assertionIdArb, replayWindowArb, async (id, w) => { … }));
 */
export const replayWindowArb: fc.Arbitrary<{ readonly now: Date; readonly expiresAt: Date }> = fc
  .tuple(instantArb, lifetimeArb)
  .map(([now, ms]) => ({ now, expiresAt: later(now, ms) }));

/** An assertion ID as IdPs write them (`_` + hex, `id-…`, `pfx…`), or any XML text. */
export const assertionIdArb: fc.Arbitrary<string> = fc.oneof(
  tokenArb,
  fc.uuid().map((u) => `id-${u}`),
  xmlTextArb({ minLength: 1, maxLength: 64 }),
);

/** A browser binding as the service provider writes it: a SHA-256 in base64url (43 characters). */
export const browserBindingArb: fc.Arbitrary<string> = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Buffer.from(bytes).toString('base64url'));

/** An outstanding AuthnRequest, with or without a RelayState, with or without a browser binding. */
export const outstandingRequestArb: fc.Arbitrary<OutstandingRequest> = fc
  .record({
    id: tokenArb,
    connection: connectionNameArb,
    issuedAt: instantArb,
    lifetime: fc.integer({ min: 1_000, max: 3_600_000 }),
    relayState: fc.option(xmlTextArb({ maxLength: 80 }), { nil: null }),
    browserBinding: fc.option(browserBindingArb, { nil: null }),
  })
  .map(({ lifetime, ...r }) => ({ ...r, expiresAt: later(r.issuedAt, lifetime) }));

/** A login session. */
export const sessionArb: fc.Arbitrary<Session> = fc
  .record({
    id: tokenArb,
    userId: recordIdArb('User'),
    connection: connectionNameArb,
    createdAt: instantArb,
    lifetime: lifetimeArb,
  })
  .map(({ lifetime, ...s }) => ({ ...s, expiresAt: later(s.createdAt, lifetime) }));
