/**
 * `saml-jit verify` against responses from the test IdP, run through the real binary: output
 * fields, exit statuses, the run-wide replay cache and request store, input forms (file, stdin,
 * base64) and every way of naming a trusted certificate.
 */
import { X509Certificate } from 'node:crypto';
import { generateKeyPair, TEST_SP } from '@saml-jit/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertBuilt, pinnedClockIdp, runCli, tempDir, VALIDITY, verifyArgs } from './support.js';

// Each test spawns the binary, several times for some: give a loaded CI machine room.
vi.setConfig({ testTimeout: 120_000 });

const NOW = new Date('2030-01-01T00:00:00Z');
const idp = pinnedClockIdp();
const otherIdp = pinnedClockIdp();
const spKeys = generateKeyPair(VALIDITY);
const tmp = tempDir();
let cert = '';

beforeAll(() => {
  assertBuilt();
  cert = tmp.write('idp.pem', idp.certificatePem);
});
afterAll(() => tmp.remove());

const argsAt = (now: string, ...extra: string[]): string[] => verifyArgs(cert, idp.entityId, now, ...extra);
const args = (...extra: string[]): string[] => argsAt(NOW.toISOString(), ...extra);

let seq = 0;
const file = (xml: string, ext = 'xml'): string => {
  seq += 1;
  return tmp.write(`r${seq}.${ext}`, xml);
};

const errorOf = (line: Record<string, unknown> | undefined): { reason: string; code: string } =>
  (line as { error: { reason: string; code: string } }).error;

describe('saml-jit verify: accepted responses', () => {
  it('prints exactly the contract fields, in order, and exits 0 when all are accepted', async () => {
    const a = file(
      idp.response({
        now: NOW,
        nameId: 'alice@example.test',
        sessionIndex: '_s1',
        assertionId: '_assert1',
        attributes: { 'User.Email': ['alice@example.test'], groups: ['a', 'b'] },
      }),
    );
    const b = file(idp.response({ now: NOW, nameId: 'bob@example.test', sign: 'both' }));
    const run = await runCli(args(a, b));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(2);
    expect(run.stdout.split('\n')[0]).toBe(
      JSON.stringify({
        file: a,
        ok: true,
        issuer: idp.entityId,
        nameId: 'alice@example.test',
        nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        sessionIndex: '_s1',
        assertionId: '_assert1',
        attributes: { 'User.Email': ['alice@example.test'], groups: ['a', 'b'] },
      }),
    );
    expect(Object.keys(run.lines[1] ?? {})).toEqual([
      'file',
      'ok',
      'issuer',
      'nameId',
      'nameIdFormat',
      'sessionIndex',
      'assertionId',
      'attributes',
    ]);
    expect(run.lines[1]).toMatchObject({ file: b, ok: true, nameId: 'bob@example.test' });
  });

  it('keeps attribute names such as __proto__ and constructor as ordinary keys', async () => {
    const f = file(
      idp.response({
        now: NOW,
        // JSON.parse makes `__proto__` an own key (an object literal would set the prototype instead).
        attributes: JSON.parse(
          '{"__proto__":["polluted"],"constructor":["c"],"toString":["t"],"User.Email":["x@example.test"]}',
        ) as Record<string, string[]>,
      }),
    );
    const run = await runCli(args(f));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"__proto__":["polluted"]');
    const attributes = run.lines[0]?.attributes as Record<string, unknown>;
    expect(Object.keys(attributes).sort()).toEqual(['User.Email', '__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toEqual(['polluted']);
  });

  it('reads standard input for -', async () => {
    const run = await runCli(args('-'), { stdin: idp.response({ now: NOW, nameId: 'stdin@example.test' }) });
    expect(run.code).toBe(0);
    expect(run.lines[0]).toMatchObject({ file: '-', ok: true, nameId: 'stdin@example.test' });
  });

  it('accepts the base64 HTTP-POST form value, with or without line breaks', async () => {
    const flat = file(idp.responseBase64({ now: NOW, nameId: 'b64@example.test' }), 'b64');
    const wrapped = file(
      (idp.responseBase64({ now: NOW, nameId: 'wrapped@example.test' }).match(/.{1,76}/g) ?? []).join('\n'),
      'b64',
    );
    const run = await runCli(args(flat, wrapped));
    expect(run.code).toBe(0);
    expect(run.lines.map((l) => l.nameId)).toEqual(['b64@example.test', 'wrapped@example.test']);
  });

  it('trusts a certificate given as DER, as bare base64, and in a PEM bundle', async () => {
    const x509 = new X509Certificate(idp.certificatePem);
    const der = tmp.write('idp.der', x509.raw);
    const bare = tmp.write('idp.b64', x509.raw.toString('base64'));
    const bundle = tmp.write('bundle.pem', `${otherIdp.certificatePem}\n${idp.certificatePem}`);
    for (const certFile of [der, bare, bundle]) {
      const run = await runCli([
        'verify',
        '--idp-cert',
        certFile,
        '--idp-entity-id',
        idp.entityId,
        '--sp-entity-id',
        TEST_SP.entityId,
        '--now',
        NOW.toISOString(),
        file(idp.response({ now: NOW })),
      ]);
      expect({ certFile, code: run.code, line: run.lines[0]?.ok }).toEqual({ certFile, code: 0, line: true });
    }
  });

  it('trusts several --idp-cert (key rollover): the old and the new key both verify', async () => {
    const other = tmp.write('other.pem', otherIdp.certificatePem);
    const fromOld = file(otherIdp.response({ now: NOW, issuer: idp.entityId }));
    const fromNew = file(idp.response({ now: NOW }));
    const run = await runCli(args('--idp-cert', other, fromOld, fromNew));
    expect(run.code).toBe(0);
    expect(run.lines.map((l) => l.ok)).toEqual([true, true]);
  });

  it('takes the expected Issuer and the certificates from --idp-metadata', async () => {
    const md = tmp.write('idp-metadata.xml', idp.metadata());
    const run = await runCli([
      'verify',
      '--idp-metadata',
      md,
      '--sp-entity-id',
      TEST_SP.entityId,
      '--now',
      NOW.toISOString(),
      file(idp.response({ now: NOW })),
      file(idp.response({ now: NOW, issuer: 'https://evil.example.test' })),
    ]);
    expect(run.code).toBe(1);
    expect(run.lines[0]?.ok).toBe(true);
    expect(errorOf(run.lines[1])).toMatchObject({ reason: 'Issuer Mismatched', code: 'ISSUER_MISMATCH' });
  });

  it('adds the validation report with --report', async () => {
    const run = await runCli(args('--report', file(idp.response({ now: NOW })), file('<not-saml/>')));
    expect(run.code).toBe(1);
    expect(run.lines[0]).toHaveProperty('report');
    expect(run.lines[0]?.report).not.toBeNull();
    expect(run.lines[1]).toHaveProperty('report');
  });
});

describe('saml-jit verify: rejections', () => {
  it('exits 1 when one of several is rejected, and still answers every file in order', async () => {
    const good = file(idp.response({ now: NOW }));
    const wrongAudience = file(idp.response({ now: NOW, audience: 'https://other-sp.example.test' }));
    const alsoGood = file(idp.response({ now: NOW }));
    const run = await runCli(args(good, wrongAudience, alsoGood));
    expect(run.code).toBe(1);
    expect(run.lines.map((l) => l.file)).toEqual([good, wrongAudience, alsoGood]);
    expect(run.lines.map((l) => l.ok)).toEqual([true, false, true]);
    expect(Object.keys(run.lines[1] ?? {})).toEqual(['file', 'ok', 'error']);
    expect(Object.keys(errorOf(run.lines[1]))).toEqual(['reason', 'code', 'message']);
    expect(errorOf(run.lines[1])).toMatchObject({ reason: 'Audience Invalid', code: 'AUDIENCE_MISMATCH' });
  });

  it('replay: the same file twice in one run is Replay Detected the second time', async () => {
    const f = file(idp.response({ now: NOW }));
    const run = await runCli(args(f, f));
    expect(run.code).toBe(1);
    expect(run.lines[0]?.ok).toBe(true);
    expect(errorOf(run.lines[1])).toMatchObject({ reason: 'Replay Detected', code: 'REPLAY_DETECTED' });
  });

  it('replay: the same assertion as XML and then as base64 is still a replay', async () => {
    const xml = idp.response({ now: NOW });
    const run = await runCli(args(file(xml), file(Buffer.from(xml).toString('base64'), 'b64')));
    expect(errorOf(run.lines[1])).toMatchObject({ reason: 'Replay Detected' });
  });

  it('a --request-id is used up by the first accepted response answering it', async () => {
    const first = file(idp.response({ now: NOW, inResponseTo: '_req1' }));
    const second = file(idp.response({ now: NOW, inResponseTo: '_req1' }));
    const other = file(idp.response({ now: NOW, inResponseTo: '_req2' }));
    const run = await runCli(args('--request-id', '_req1', '--request-id', '_req2', first, second, other));
    expect(run.code).toBe(1);
    expect(run.lines[0]?.ok).toBe(true);
    expect(errorOf(run.lines[1]).reason).toBe('Subject Confirmation Error');
    expect(errorOf(run.lines[1]).code).toMatch(/^IN_RESPONSE_TO_/);
    expect(run.lines[2]?.ok).toBe(true);
  });

  it('a response to a request that is not outstanding is refused', async () => {
    const run = await runCli(args(file(idp.response({ now: NOW, inResponseTo: '_never-sent' }))));
    expect(run.code).toBe(1);
    expect(errorOf(run.lines[0])).toMatchObject({
      reason: 'Subject Confirmation Error',
      code: 'IN_RESPONSE_TO_UNKNOWN',
    });
  });

  it('--reject-unsolicited refuses IdP-initiated responses and keeps solicited ones', async () => {
    const unsolicited = file(idp.response({ now: NOW }));
    const solicited = file(idp.response({ now: NOW, inResponseTo: '_req' }));
    const run = await runCli(args('--reject-unsolicited', '--request-id', '_req', unsolicited, solicited));
    expect(run.code).toBe(1);
    expect(errorOf(run.lines[0])).toMatchObject({
      reason: 'Subject Confirmation Error',
      code: 'UNSOLICITED_RESPONSE_REFUSED',
    });
    expect(run.lines[1]?.ok).toBe(true);
    // Without the flag the same unsolicited response (a fresh copy: no replay) is accepted.
    const again = await runCli(args(file(idp.response({ now: NOW }))));
    expect(again.code).toBe(0);
  });

  it('a different signer is Signature Invalid', async () => {
    const run = await runCli(args(file(otherIdp.response({ now: NOW, issuer: idp.entityId }))));
    expect(run.code).toBe(1);
    expect(errorOf(run.lines[0]).reason).toBe('Signature Invalid');
  });

  it('--now outside the assertion window is Assertion Expired; --clock-skew widens the window', async () => {
    const f = file(idp.response({ now: NOW, validitySeconds: 60 }));
    const late = new Date(NOW.getTime() + 60_000 + 200_000).toISOString();
    const run = await runCli(argsAt(late, f));
    expect(run.code).toBe(1);
    expect(errorOf(run.lines[0]).reason).toBe('Assertion Expired');
    const skewed = await runCli(argsAt(late, '--clock-skew', '600', f));
    expect(skewed.code).toBe(0);
  });

  it('RSA-SHA1 is refused unless --allow-sha1', async () => {
    const sha1 = idp.response({ now: NOW, signatureAlgorithm: 'rsa-sha1' });
    const refused = await runCli(args(file(sha1)));
    expect(refused.code).toBe(1);
    expect(errorOf(refused.lines[0])).toMatchObject({
      reason: 'Signature Invalid',
      code: 'SIGNATURE_ALGORITHM_DISALLOWED',
    });
    const allowed = await runCli(
      args('--allow-sha1', file(idp.response({ now: NOW, signatureAlgorithm: 'rsa-sha1' }))),
    );
    expect(allowed.code).toBe(0);
  });

  it('an encrypted assertion needs --decryption-key (Configuration Error/Perm Disabled without one)', async () => {
    const encrypted = (): string =>
      file(idp.response({ now: NOW, encryptFor: { certificatePem: spKeys.certificatePem } }));
    const without = await runCli(args(encrypted()));
    expect(without.code).toBe(1);
    expect(errorOf(without.lines[0])).toMatchObject({
      reason: 'Configuration Error/Perm Disabled',
      code: 'DECRYPTION_KEY_MISSING',
    });
    const key = tmp.write('sp-key.pem', spKeys.privateKeyPem);
    const withKey = await runCli(args('--decryption-key', key, encrypted()));
    expect(withKey.stderr).toBe('');
    expect(withKey.code).toBe(0);
    expect(withKey.lines[0]).toMatchObject({ ok: true, nameId: 'alice@example.test' });
  });
});
