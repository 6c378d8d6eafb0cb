/**
 * The worked example of docs/guides/custom-handler.md, run end to end: verified assertion →
 * `provision` with the handler → the outcome, or the JIT error redirect a service provider sends
 * (`jitErrorRedirect` with the connection's errorUrl). The guide's code block must be this file.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  type Attributes,
  fixedClock,
  jitErrorRedirect,
  type MemoryDirectory,
  memoryAudit,
  type ProvisionContext,
  provision,
  type SsoConfig,
  sequentialIds,
} from '../src/index.js';
import { acmeHandler } from './examples/custom-handler.js';
import { ACME, SITE_ID } from './external-helpers.js';
import { assertionOf, attrs, JIT_CONFIG, NOW, orgDirectory, PROFILE } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const ERROR_URL = 'https://app.example.test/login-failed';
const config: SsoConfig = { ...JIT_CONFIG, provisioningType: 'custom', errorUrl: ERROR_URL };
const SUPPORT = { Id: '00e000000000002AAA', Name: 'Support Agent' };

const ctx = (siteId: string | null = null): ProvisionContext => ({
  config,
  ssoProviderId: 'acme-idp',
  siteId,
});
const org = (): MemoryDirectory =>
  orgDirectory({ Profile: [PROFILE, SUPPORT], Account: [ACME], Network: [{ Id: SITE_ID }] });

/** One login as a service provider runs it: provision, then the redirect on a JIT failure. */
const login = async (
  dir: MemoryDirectory,
  fed: string,
  attributes: Attributes,
  siteId: string | null = null,
) => {
  const result = await provision(assertionOf(fed, attributes), ctx(siteId), {
    directory: dir,
    clock: fixedClock(NOW),
    ids: sequentialIds(),
    audit: memoryAudit(),
    handler: acmeHandler,
  })();
  const redirect =
    E.isLeft(result) && result.left.kind === 'jit' ? jitErrorRedirect(result.left, ERROR_URL) : null;
  return { result, redirect };
};

const ADA = { mail: 'ada@acme.example', givenName: 'Ada', sn: 'Lovelace', groups: ['staff', 'support'] };

describe('the custom handler example, end to end', () => {
  it('creates an internal user with the profile of its groups, then updates it', async () => {
    const dir = org();
    const first = await login(dir, 'ada', attrs(ADA));
    expect(first.result).toMatchObject({
      right: {
        action: 'create',
        user: {
          Username: 'ada@acme.example',
          FederationIdentifier: 'ada',
          ProfileId: SUPPORT.Id,
          Alias: 'ALove',
        },
        contact: null,
      },
    });
    const second = await login(dir, 'ada', attrs({ ...ADA, sn: 'King', groups: 'staff' }));
    expect(second.result).toMatchObject({
      right: { action: 'update', user: { LastName: 'King', ProfileId: PROFILE.Id } },
    });
    expect(dir.snapshot().User).toHaveLength(1);
  });

  it('through a site: the user and a contact on the company’s account, in one commit', async () => {
    const dir = org();
    const { result } = await login(dir, 'grace', attrs({ ...ADA, companyNumber: 'ACME-1' }), SITE_ID);
    expect(result).toMatchObject({
      right: {
        action: 'create',
        contact: { action: 'create', record: { AccountId: ACME.Id, Email: 'ada@acme.example' } },
        account: { action: 'none', record: ACME },
      },
    });
    const snap = dir.snapshot();
    expect(snap.User[0]?.ContactId).toBe(snap.Contact[0]?.Id);
  });

  it('a thrown JitException becomes the error redirect with ErrorCode, nothing written', async () => {
    const dir = org();
    const { redirect } = await login(dir, 'ada', attrs({ sn: 'Lovelace' }));
    expect(redirect).toBe(
      `${ERROR_URL}?ErrorCode=5&ErrorDescription=Unable+to+create+user&ErrorDetails=Missing+mail`,
    );
    const unknownCompany = await login(dir, 'grace', attrs({ ...ADA, companyNumber: 'NOPE' }), SITE_ID);
    expect(unknownCompany.redirect).toBe(
      `${ERROR_URL}?ErrorCode=18&ErrorDescription=Invalid+account&ErrorDetails=INVALID_ACCOUNT_ID`,
    );
    expect(dir.snapshot().User).toEqual([]);
    expect(dir.snapshot().Contact).toEqual([]);
  });

  it('no unique profile for the groups → ErrorCode 16', async () => {
    const dir = orgDirectory({ Profile: [PROFILE] });
    const { redirect } = await login(dir, 'ada', attrs(ADA));
    expect(redirect).toContain('ErrorCode=16&');
  });
});

describe('the guide shows this very example', () => {
  it('docs/guides/custom-handler.md holds examples/custom-handler.ts (importing @saml-jit/core)', () => {
    const doc = readFileSync(resolve(here, '../../../docs/guides/custom-handler.md'), 'utf8');
    const marker = '<!-- example: packages/core/test/examples/custom-handler.ts -->\n```ts\n';
    const start = doc.indexOf(marker);
    expect(start).toBeGreaterThan(-1);
    const block = doc.slice(start + marker.length, doc.indexOf('```\n', start + marker.length));
    const source = readFileSync(resolve(here, 'examples/custom-handler.ts'), 'utf8');
    expect(block).toBe(source.replace("from '../../src/index.js';", "from '@saml-jit/core';"));
  });
});
