/**
 * Laws of handleAcs over arbitrary input: it never throws or rejects, never answers 500, and a
 * refusal is a short page that shows neither the input nor XML.
 */
import {
  fixedClock,
  memoryAudit,
  memoryDirectory,
  memoryReplayCache,
  memoryRequestStore,
  sequentialIds,
} from '@saml-jit/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { AcsBody } from '../src/body.js';
import { createServiceProvider } from '../src/service-provider.js';
import { ENCRYPTION_CERT } from './fixtures.js';

const created = createServiceProvider({
  connections: {
    okta: {
      idpEntityId: 'https://idp.example.test',
      idpCertificates: [ENCRYPTION_CERT],
      spEntityId: 'https://sp.example.test',
      acsUrl: 'https://sp.example.test/saml/acs/okta',
      jit: { identityMapping: 'FederationId', identityLocation: 'SubjectNameId', userProvisioning: true },
    },
  },
  stores: {
    directory: memoryDirectory(),
    replayCache: memoryReplayCache(),
    requestStore: memoryRequestStore(),
  },
  clock: fixedClock(new Date('2026-01-15T10:00:00Z')),
  ids: sequentialIds(),
  audit: memoryAudit(),
  maxBodyBytes: 4096,
  onLogin: () => ({}),
});
if (E.isLeft(created)) throw new Error(created.left.code);
const sp = created.right;

const xmlish = fc
  .array(
    fc.constantFrom(
      '<samlp:Response>',
      '<saml:Assertion ID="_a">',
      '</x>',
      '<!DOCTYPE x>',
      '&amp;',
      'ID="_1"',
      'é',
    ),
  )
  .map((parts) => parts.join(''));

const samlValue = fc.oneof(
  fc.string(),
  xmlish.map((x) => Buffer.from(x).toString('base64')),
  fc.base64String(),
);

const body: fc.Arbitrary<AcsBody> = fc.oneof(
  fc.string(),
  fc.uint8Array({ maxLength: 600 }),
  samlValue.map((v) => `SAMLResponse=${encodeURIComponent(v)}`),
  fc.record({
    SAMLResponse: fc.oneof(samlValue, fc.constant(undefined), fc.array(fc.string())),
    RelayState: fc.string(),
  }),
  fc.string({ minLength: 4097, maxLength: 5000 }).map((s) => `SAMLResponse=${s}`),
);

describe('handleAcs over arbitrary input', () => {
  it('answers a typed result, never a 500, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('okta', 'nope', ''),
        body,
        fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', null),
        async (connection, b, contentType) => {
          const result = await sp.handleAcs(connection, { body: b, contentType })();
          expect(result.type).toBe('status');
          if (result.type !== 'status') return;
          expect([400, 403, 404, 413]).toContain(result.status);
          expect(result.body?.length ?? 0).toBeLessThan(2048);
          expect(result.body).not.toMatch(/<(saml|samlp):/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
