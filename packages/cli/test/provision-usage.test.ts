/**
 * `saml-jit provision`'s exit status 2: a JIT configuration Salesforce would refuse, a directory
 * the dry run could misread, a site that is not in the directory, a missing option — each one
 * line on standard error, nothing on standard output, before any response is read (standard
 * input is left open: a command that tried to read it would hang).
 */
import { TEST_SP } from '@saml-jit/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JIT, ORG } from './provision-fixtures.js';
import { assertBuilt, pinnedClockIdp, runCli, tempDir } from './support.js';

vi.setConfig({ testTimeout: 120_000 });

const tmp = tempDir();
const idp = pinnedClockIdp();
let cert = '';
let seq = 0;
const json = (value: unknown): string =>
  tmp.write(`c${++seq}.json`, typeof value === 'string' ? value : JSON.stringify(value));

beforeAll(() => {
  assertBuilt();
  cert = tmp.write('idp.pem', idp.certificatePem);
});
afterAll(() => tmp.remove());

const args = (jit: unknown, directory: unknown, ...extra: string[]): string[] => [
  'provision',
  '--idp-cert',
  cert,
  '--idp-entity-id',
  idp.entityId,
  '--sp-entity-id',
  TEST_SP.entityId,
  ...(jit === undefined ? [] : ['--jit-config', json(jit)]),
  ...(directory === undefined ? [] : ['--directory', json(directory)]),
  ...extra,
  '-',
];

describe('saml-jit provision: configuration errors exit 2 with one line on standard error', () => {
  it.concurrent.each([
    [
      'provisioning with the Username identity type (Salesforce refuses it)',
      { ...JIT, identityMapping: 'Username' },
      ORG,
      [],
      /You must use the Federation ID for the SAML User ID Type/,
    ],
    [
      'provisioning with the UserId identity type',
      { ...JIT, identityMapping: 'UserId' },
      ORG,
      [],
      /Federation ID/,
    ],
    [
      'an Attribute identity location without attributeName',
      { ...JIT, identityLocation: 'Attribute' },
      ORG,
      [],
      /attributeName/,
    ],
    ['a JIT config of the wrong shape', { ...JIT, userProvisioning: 'yes' }, ORG, [], /--jit-config/],
    [
      'an unknown key in the JIT config (a typo)',
      { ...JIT, userProvisoning: true },
      ORG,
      [],
      /unknown key 'userProvisoning'/,
    ],
    ['a custom handler (the dry run has none)', { ...JIT, provisioningType: 'custom' }, ORG, [], /custom/],
    ['a JIT config that is not JSON', '{"identityMapping":', ORG, [], /not valid JSON/],
    ['no --jit-config', undefined, ORG, [], /missing --jit-config/],
    ['no --directory', JIT, undefined, [], /missing --directory/],
    [
      'a --site that names no Network row',
      JIT,
      ORG,
      ['--site', '0DB000000000009'],
      /--site '0DB000000000009' names no Network/,
    ],
    ['an empty --site', JIT, ORG, ['--site='], /--site must not be empty/],
    ['an unknown sObject key in the directory (a typo)', JIT, { Users: [] }, [], /unknown key 'Users'/],
    ['a directory row without an Id', JIT, { User: [{ Username: 'a' }] }, [], /User\[0\] has no string Id/],
    [
      'a directory value that is not a scalar',
      JIT,
      { User: [{ Id: '005', Tags: ['a'] }] },
      [],
      /User\[0\]\.Tags/,
    ],
    [
      'a directory field that is not an API name',
      JIT,
      '{"User":[{"Id":"005","__proto__":{"x":1}}]}',
      [],
      /not an API name/,
    ],
    [
      'two users with one FederationIdentifier',
      JIT,
      {
        User: [
          { Id: '1', FederationIdentifier: 'f' },
          { Id: '2', FederationIdentifier: 'f' },
        ],
      },
      [],
      /FederationIdentifier/,
    ],
    [
      'two accounts with one Id',
      JIT,
      { Account: [{ Id: '001' }, { Id: '001' }] },
      [],
      /two Account rows share the Id/,
    ],
    [
      'an Organization with an unknown field',
      JIT,
      { Organization: { Id: '00D', Currency: 'EUR' } },
      [],
      /Organization has an unknown field/,
    ],
    [
      'an unreadable directory file',
      JIT,
      undefined,
      ['--directory', '/nonexistent/org.json'],
      /cannot read --directory file/,
    ],
  ] as const)('%s', async (_, jit, directory, extra, mentions) => {
    const run = await runCli(args(jit, directory, ...extra), { stdin: 'open' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^saml-jit provision: /);
    expect(run.stderr).toMatch(mentions);
  });

  it('--help prints the usage with the provision options and exits 0', async () => {
    const run = await runCli(['provision', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--jit-config FILE[\s\S]*--directory FILE[\s\S]*--site ID/);
  });
});
