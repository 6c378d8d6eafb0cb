/**
 * `saml-jit provision` through the real binary, against responses from the test IdP: the output
 * line (verify fields + `provisioning`), create vs update across files as the in-memory directory
 * evolves, site logins with Contact and Account, JIT errors with errorCode, errorDescription,
 * errorDetails and redirect, and the dry run leaving every file as it was.
 */
import { readFileSync } from 'node:fs';
import { TEST_SP } from '@saml-jit/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JIT, ORG } from './provision-fixtures.js';
import { assertBuilt, pinnedClockIdp, runCli, tempDir } from './support.js';

vi.setConfig({ testTimeout: 120_000 });

const NOW = new Date('2030-01-01T00:00:00Z');
const idp = pinnedClockIdp();
const tmp = tempDir();
let cert = '';

const REQUIRED = {
  'User.Email': ['ada@example.com'],
  'User.LastName': ['Lovelace'],
  'User.ProfileId': ['Standard User'],
  'User.Username': ['ada@example.com'],
};

let seq = 0;
const response = (nameId: string, attributes: Record<string, string[]>): string => {
  seq += 1;
  return tmp.write(
    `r${seq}.xml`,
    idp.response({ now: NOW, nameId, attributes, assertionId: `_a${seq}`, sessionIndex: `_s${seq}` }),
  );
};

const json = (name: string, value: unknown): string => tmp.write(name, JSON.stringify(value));

const provision = (opts: {
  jit?: unknown;
  directory?: unknown;
  directoryPath?: string;
  site?: string;
  files: string[];
}) =>
  runCli([
    'provision',
    '--idp-cert',
    cert,
    '--idp-entity-id',
    idp.entityId,
    '--sp-entity-id',
    TEST_SP.entityId,
    '--acs-url',
    TEST_SP.acsUrl,
    '--now',
    NOW.toISOString(),
    '--jit-config',
    json(`jit${++seq}.json`, opts.jit ?? JIT),
    '--directory',
    opts.directoryPath ?? json(`org${++seq}.json`, opts.directory ?? ORG),
    ...(opts.site === undefined ? [] : ['--site', opts.site]),
    ...opts.files,
  ]);

type Line = Record<string, unknown> & {
  provisioning?: Record<string, Record<string, unknown>>;
  error?: Record<string, unknown>;
};

beforeAll(() => {
  assertBuilt();
  cert = tmp.write('idp.pem', idp.certificatePem);
});
afterAll(() => tmp.remove());

describe.concurrent('saml-jit provision: accepted logins', () => {
  it('file 1 creates the user, file 2 updates it: the directory evolves in memory; exact fields', async () => {
    const a = response('ada', { ...REQUIRED, 'User.Title': ['Analyst'], 'User.Badge__c': ['B-1'] });
    const b = response('ada', { 'User.Title': ['Countess'] });
    const run = await provision({ files: [a, b] });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [first, second] = run.lines as Line[];
    expect(Object.keys(first ?? {})).toEqual([
      'file',
      'ok',
      'issuer',
      'nameId',
      'nameIdFormat',
      'sessionIndex',
      'assertionId',
      'attributes',
      'provisioning',
    ]);
    expect(first?.provisioning).toEqual({
      action: 'create',
      User: {
        Id: '005000000000001AAA',
        Username: 'ada@example.com',
        FederationIdentifier: 'ada',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: 'America/Los_Angeles',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        DefaultCurrencyIsoCode: 'USD',
        Alias: 'Lovel',
        CommunityNickname: 'ada',
        IsActive: true,
        Email: 'ada@example.com',
        LastName: 'Lovelace',
        Title: 'Analyst',
        Badge__c: 'B-1',
        ProfileId: '00e000000000001',
        UserRoleId: null,
      },
    });
    expect(second?.provisioning).toMatchObject({
      action: 'update',
      User: { Id: '005000000000001AAA', Title: 'Countess', Badge__c: 'B-1' },
    });
    expect(second?.provisioning).not.toHaveProperty('Contact');
  });

  it('an inactive user without User.IsActive true is updated and stays inactive', async () => {
    const run = await provision({ files: [response('sleeper', { 'User.Title': ['Back'] })] });
    expect(run.code).toBe(0);
    expect((run.lines[0] as Line).provisioning).toMatchObject({
      action: 'update',
      User: { Id: '005000000000902', IsActive: false, Title: 'Back' },
    });
  });

  it('a site login: Account, Contact and User created with generated, linked IDs; the next login reports none', async () => {
    const site = {
      ...REQUIRED,
      'Contact.Email': ['ada@example.com'],
      'Contact.LastName': ['Lovelace'],
      'Account.AccountNumber': ['AE-1'],
      'Account.Name': ['Analytical Engines'],
      'Account.Owner': ['005000000000901'],
    };
    const run = await provision({
      site: '0DB000000000001',
      files: [response('ada', site), response('ada', site)],
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [first, second] = run.lines as Line[];
    const p = first?.provisioning ?? {};
    expect(Object.keys(p)).toEqual(['action', 'User', 'Contact', 'Account']);
    expect(p.Account).toEqual({
      action: 'create',
      Id: '001000000000001AAA',
      Name: 'Analytical Engines',
      AccountNumber: 'AE-1',
      OwnerId: '005000000000901',
    });
    expect(p.Contact).toEqual({
      action: 'create',
      Id: '003000000000002AAA',
      Email: 'ada@example.com',
      LastName: 'Lovelace',
      AccountId: '001000000000001AAA',
    });
    expect(p.User).toMatchObject({ Id: '005000000000003AAA', ContactId: '003000000000002AAA' });
    expect(second?.provisioning).toMatchObject({
      action: 'update',
      Contact: { action: 'none' },
      Account: { action: 'none' },
    });
  });

  it('nothing is written to any file', async () => {
    const directory = json('kept.json', ORG);
    const before = readFileSync(directory, 'utf8');
    const run = await provision({ directoryPath: directory, files: [response('new', REQUIRED)] });
    expect(run.code).toBe(0);
    expect(readFileSync(directory, 'utf8')).toBe(before);
  });
});

describe.concurrent('saml-jit provision: refused logins', () => {
  it('a JIT error: ok false, the table’s fields and the redirect to the errorUrl; exit 1; later files go on', async () => {
    const bad = response('ada', { ...REQUIRED, 'User.ProfileId': ['Nope'] });
    const good = response('ada', REQUIRED);
    const run = await provision({
      jit: { ...JIT, errorUrl: 'https://app.test/sso-error' },
      files: [bad, good],
    });
    expect(run.code).toBe(1);
    expect(run.lines[0]).toEqual({
      file: bad,
      ok: false,
      error: {
        reason: 'SAML Provision Error',
        code: 'PROFILE_NAME_LOOKUP_ERROR',
        errorCode: 16,
        errorDescription: 'Unable to map a unique profile ID for the given profile name',
        errorDetails: 'PROFILE_NAME_LOOKUP_ERROR',
        redirect:
          'https://app.test/sso-error?ErrorCode=16&ErrorDescription=Unable+to+map+a+unique+profile+ID+for+the+given+profile+name&ErrorDetails=PROFILE_NAME_LOOKUP_ERROR',
      },
    });
    expect((run.lines[1] as Line).provisioning).toMatchObject({ action: 'create' });
  });

  it.each([
    [
      'a missing required field (5, the API cause as details)',
      { ...REQUIRED, 'User.Email': [''] },
      5,
      'REQUIRED_FIELD_MISSING Email',
    ],
    [
      'an undeclared custom field (8)',
      { ...REQUIRED, 'User.Shoe__c': ['42'] },
      8,
      'UNRECOGNIZED_CUSTOM_FIELD',
    ],
    [
      'a custom field of an unsupported type (15)',
      { ...REQUIRED, 'User.Tags__c': ['a'] },
      15,
      'UNSUPPORTED_CUSTOM_FIELD_TYPE',
    ],
    [
      'a role name that matches nothing (17)',
      { ...REQUIRED, 'User.UserRoleId': ['CFO'] },
      17,
      'ROLE_NAME_LOOKUP_ERROR',
    ],
  ])('%s', async (_, attributes, errorCode, errorDetails) => {
    const run = await provision({ files: [response('ada', attributes)] });
    expect(run.code).toBe(1);
    const error = (run.lines[0] as Line).error ?? {};
    expect(error).toMatchObject({ reason: 'SAML Provision Error', errorCode, errorDetails });
    expect(error.redirect).toBe(
      `/saml/error?${new URLSearchParams({ ErrorCode: String(errorCode), ErrorDescription: String(error.errorDescription), ErrorDetails: errorDetails })}`,
    );
  });

  it('a site login without the contact email → 24; with a role-less account owner → 30', async () => {
    const site = {
      ...REQUIRED,
      'Contact.LastName': ['L'],
      'Account.AccountNumber': ['N'],
      'Account.Name': ['N'],
      'Account.Owner': ['005000000000902'],
    };
    const run = await provision({
      site: '0DB000000000001',
      files: [response('a', site), response('b', { ...site, 'Contact.Email': ['b@x.test'] })],
    });
    expect(run.lines.map((l) => (l as Line).error?.errorCode)).toEqual([24, 30]);
  });

  it('a response that fails validation gets verify’s rejected line', async () => {
    const run = await provision({
      files: [tmp.write('forged.xml', idp.response({ now: NOW, sign: 'none' }))],
    });
    expect(run.code).toBe(1);
    expect(run.lines[0]).toMatchObject({
      ok: false,
      error: { reason: 'Signature Invalid', code: 'SIGNATURE_MISSING' },
    });
  });

  it('provisioning disabled: an unknown user is refused, a known one logs in (action login)', async () => {
    const run = await provision({
      jit: { ...JIT, userProvisioning: false },
      files: [response('nobody', REQUIRED), response('sleeper', {})],
    });
    expect(run.lines[0]).toMatchObject({
      ok: false,
      error: { code: 'PROVISIONING_DISABLED_USER_NOT_FOUND' },
    });
    expect((run.lines[1] as Line).provisioning).toMatchObject({
      action: 'login',
      User: { Id: '005000000000902' },
    });
  });
});
