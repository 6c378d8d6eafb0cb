/**
 * `saml-jit verify`'s exit status 2: every usage or configuration error prints exactly one line
 * on standard error, nothing on standard output, and happens before any response is read —
 * standard input is left open in every case, so a command that tried to read it would hang.
 */
import { TEST_SP } from '@saml-jit/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertBuilt, pinnedClockIdp, runCli, tempDir } from './support.js';

// Each test spawns the binary, several times for some: give a loaded CI machine room.
vi.setConfig({ testTimeout: 120_000 });

const tmp = tempDir();
const idp = pinnedClockIdp();
let cert = '';
let response = '';

beforeAll(() => {
  assertBuilt();
  cert = tmp.write('idp.pem', idp.certificatePem);
  response = tmp.write('response.xml', idp.response({ now: new Date('2030-01-01T00:00:00Z') }));
});
afterAll(() => tmp.remove());

const base = (): string[] => [
  'verify',
  '--idp-cert',
  cert,
  '--idp-entity-id',
  idp.entityId,
  '--sp-entity-id',
  TEST_SP.entityId,
];

const expectUsageError = async (args: readonly string[], mentions: RegExp): Promise<void> => {
  const run = await runCli(args, { stdin: 'open' });
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(mentions);
};

describe('saml-jit verify: usage errors exit 2 with one line on standard error', () => {
  it.concurrent.each([
    ['an unknown option', ['--idp-certificate', 'x'], /unknown option '--idp-certificate'/],
    ['a misspelled flag', ['--reject-unsolicted'], /unknown option '--reject-unsolicted'/],
    ['a short option', ['-v'], /unknown option '-v'/],
    ['a value given to a flag', ['--allow-sha1=yes'], /takes no value/],
    [
      'a single-valued option given twice',
      ['--acs-url', 'https://a', '--acs-url', 'https://b'],
      /more than once/,
    ],
    ['a bad --now', ['--now', 'yesterday'], /--now 'yesterday'/],
    ['a --now without a zone', ['--now', '2030-01-01T00:00:00'], /--now/],
    ['a --now on a day that does not exist', ['--now', '2030-02-30T00:00:00Z'], /--now/],
    ['a negative --clock-skew', ['--clock-skew', '-5'], /--clock-skew/],
    ['a fractional --clock-skew', ['--clock-skew', '1.5'], /--clock-skew/],
    ['a huge --clock-skew', ['--clock-skew', '999999'], /--clock-skew/],
    ['a --min-rsa-key-bits under 1024', ['--min-rsa-key-bits', '512'], /--min-rsa-key-bits '512'/],
    ['a --min-rsa-key-bits that is not a number', ['--min-rsa-key-bits', 'many'], /--min-rsa-key-bits/],
    ['an empty --request-id', ['--request-id='], /--request-id/],
  ])('%s', async (_name, extra, mentions) => {
    await expectUsageError([...base(), ...extra, response], mentions);
  });

  it.concurrent('a missing option value at the end', async () => {
    await expectUsageError([...base(), response, '--now'], /'--now' needs a value/);
  });

  it.concurrent('a missing option value followed by another option', async () => {
    await expectUsageError(
      [...base(), '--acs-url', '--now', '2030-01-01T00:00:00Z', response],
      /'--acs-url' needs a value/,
    );
  });

  it.concurrent('no response file', async () => {
    await expectUsageError(base(), /no response file/);
  });

  it.concurrent('standard input named twice', async () => {
    await expectUsageError([...base(), '-', '-'], /only once/);
  });

  it.concurrent('no --sp-entity-id', async () => {
    await expectUsageError(
      ['verify', '--idp-cert', cert, '--idp-entity-id', idp.entityId, response],
      /--sp-entity-id/,
    );
  });

  it.concurrent('no expected Issuer (neither --idp-entity-id nor --idp-metadata)', async () => {
    await expectUsageError(
      ['verify', '--idp-cert', cert, '--sp-entity-id', 'sp', response],
      /--idp-entity-id/,
    );
  });

  it.concurrent('an unknown command, and no command', async () => {
    await expectUsageError(['verfy'], /unknown command 'verfy'/);
    await expectUsageError([], /missing command/);
  });
});

describe('saml-jit verify: configuration errors exit 2 with one line on standard error', () => {
  it.concurrent('no trusted certificate at all', async () => {
    await expectUsageError(
      ['verify', '--idp-entity-id', idp.entityId, '--sp-entity-id', 'sp', response],
      /no trusted IdP certificate/,
    );
  });

  it.concurrent('IdP metadata without any signing certificate', async () => {
    const md = tmp.write(
      'no-cert-metadata.xml',
      `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${idp.entityId}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`,
    );
    await expectUsageError(
      ['verify', '--idp-metadata', md, '--sp-entity-id', 'sp', response],
      /certificate|metadata/,
    );
  });

  it.concurrent('an unreadable certificate file', async () => {
    await expectUsageError(
      [...base(), '--idp-cert', `${tmp.dir}/missing.pem`, response],
      /cannot read --idp-cert/,
    );
  });

  it.concurrent('a directory given as the certificate', async () => {
    await expectUsageError([...base(), '--idp-cert', tmp.dir, response], /cannot read --idp-cert/);
  });

  it.concurrent('a certificate file that holds no certificate', async () => {
    const junk = tmp.write(
      'junk.pem',
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
    );
    await expectUsageError(
      [...base(), '--idp-cert', junk, response],
      /--idp-cert '.*junk.pem' is not a usable certificate/,
    );
  });

  it.concurrent('a private key given as the IdP certificate', async () => {
    const key = tmp.write('key-as-cert.pem', idp.privateKeyPem);
    await expectUsageError([...base(), '--idp-cert', key, response], /not a usable certificate/);
  });

  it.concurrent('an unreadable decryption key', async () => {
    await expectUsageError(
      [...base(), '--decryption-key', `${tmp.dir}/nokey.pem`, response],
      /--decryption-key/,
    );
  });

  it.concurrent('a decryption key file that holds a certificate', async () => {
    await expectUsageError([...base(), '--decryption-key', cert, response], /not a usable private key/);
  });

  it.concurrent('an unreadable metadata file', async () => {
    await expectUsageError(
      [...base(), '--idp-metadata', `${tmp.dir}/nomd.xml`, response],
      /cannot read --idp-metadata/,
    );
  });

  it.concurrent('metadata that is not metadata, or carries a DOCTYPE', async () => {
    const notMd = tmp.write('not-md.xml', '<html><body>hello</body></html>');
    await expectUsageError([...base(), '--idp-metadata', notMd, response], /--idp-metadata/);
    const doctype = tmp.write('doctype-md.xml', `<!DOCTYPE x [<!ENTITY a "b">]>${idp.metadata()}`);
    await expectUsageError([...base(), '--idp-metadata', doctype, response], /--idp-metadata/);
  });
});

describe('saml-jit --help', () => {
  it('lists the commands and, for verify, every contract option', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/verify/);
    const verify = await runCli(['verify', '--help']);
    expect(verify.code).toBe(0);
    for (const option of [
      'idp-cert',
      'idp-metadata',
      'idp-entity-id',
      'sp-entity-id',
      'acs-url',
      'now',
      'clock-skew',
      'request-id',
      'reject-unsolicited',
      'decryption-key',
      'allow-sha1',
      'min-rsa-key-bits',
    ]) {
      expect(verify.stdout).toContain(`--${option}`);
    }
  });
});
