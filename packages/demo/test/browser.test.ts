/**
 * The demo in a real browser: Debian's Chromium driven by playwright-core (never a downloaded
 * browser). Log in through the demo IdP's form (SP-initiated), land on the SP as a newly created
 * user, log in again (IdP-initiated) with a changed attribute and see it updated, then trigger a
 * JIT error (a profile that does not exist) and see ErrorCode 16. The SP-initiated login carries
 * the SP's `__Host-` login cookie (Secure, SameSite=None): Chromium keeps it from
 * http://127.0.0.1, a loopback origin it treats as secure; the answer to a login started in one
 * browser, signed in from another (login CSRF), is refused. A screenshot of the signed-in page is
 * kept as `artifacts/demo-signed-in.png`. Under CI=true a missing Chromium fails the test.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOGIN_COOKIE } from '@saml-jit/sp';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDemo, type TestDemo } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCREENSHOT = join(REPO_ROOT, 'artifacts', 'demo-signed-in.png');
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') {
  throw new Error(
    `${CHROMIUM} is missing: CI must run the browser test (scripts/ensure-chromium.sh installs it)`,
  );
}

let demo: TestDemo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!available) return;
  demo = await startTestDemo();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const signInAt = async (changes: Record<string, string>): Promise<void> => {
  for (const [field, value] of Object.entries(changes)) await page.fill(`[name="${field}"]`, value);
  // The IdP answers a page that posts the SAMLResponse to the ACS by itself; the ACS redirects.
  await Promise.all([
    page.waitForURL((url) => url.port === new URL(demo.spUrl).port && !url.pathname.startsWith('/saml/acs')),
    page.click('#sign-in'),
  ]);
};

describe.skipIf(!available)(
  'the demo in Chromium (skipped only outside CI when /usr/bin/chromium is missing)',
  () => {
    it('SP-initiated: logs in through the IdP form and lands as a newly created user', async () => {
      await page.goto(demo.spUrl);
      expect(await page.locator('#status').textContent()).toBe('Not signed in.');
      await Promise.all([page.waitForURL(`${demo.idpUrl}/sso?**`), page.click('text=Log in with demo')]);
      expect(await page.inputValue('[name="User.LastName"]')).toBe('Lovelace');
      await signInAt({});
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.locator('#user-name').textContent()).toBe('Ada Lovelace');
      expect(await page.locator('[data-field="FederationIdentifier"]').textContent()).toBe(
        'ada@example.test',
      );
      expect(demo.users()).toHaveLength(1);
      const [login] = (await page.context().cookies(demo.spUrl)).filter((c) => c.name === LOGIN_COOKIE);
      expect(login).toMatchObject({ path: '/', httpOnly: true, secure: true, sameSite: 'None' });
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(existsSync(SCREENSHOT)).toBe(true);
    });

    it('login CSRF: the answer to a login started in another browser is refused there', async () => {
      // The attacker starts a login in their own browser, which gets the login cookie…
      const attacker = await browser.newContext();
      const attackerPage = await attacker.newPage();
      await attackerPage.goto(`${demo.spUrl}/saml/login/demo`);
      expect(attackerPage.url().startsWith(`${demo.idpUrl}/sso?`)).toBe(true);
      // …and the victim's browser signs in at that request's IdP page, so it posts the answer.
      const victim = await browser.newContext();
      const victimPage = await victim.newPage();
      try {
        await victimPage.goto(attackerPage.url());
        for (const field of ['nameId', 'User.Username', 'User.Email'])
          await victimPage.fill(`[name="${field}"]`, 'mallory@example.test');
        const [acs] = await Promise.all([
          victimPage.waitForResponse((r) => r.url().startsWith(`${demo.spUrl}/saml/acs/`)),
          victimPage.click('#sign-in'),
        ]);
        expect(acs.status()).toBe(403);
        expect(await acs.text()).toContain('REQUEST_BROWSER_MISMATCH');
        expect(await victim.cookies(demo.spUrl)).toEqual([]);
        expect(demo.users().map((u) => u.FederationIdentifier)).not.toContain('mallory@example.test');
      } finally {
        await Promise.all([attacker.close(), victim.close()]);
      }
    });

    it('IdP-initiated: logs in again with a changed attribute and sees the user updated', async () => {
      await page.goto(demo.idpUrl);
      await signInAt({ 'User.LastName': 'Byron' });
      expect(await page.locator('#user-name').textContent()).toBe('Ada Byron');
      expect(await page.locator('[data-field="LastName"]').textContent()).toBe('Byron');
      expect(demo.users()).toHaveLength(1);
      expect(demo.users()[0]?.LastName).toBe('Byron');
    });

    it('a profile that does not exist ends on the JIT error page with ErrorCode 16', async () => {
      await page.goto(demo.idpUrl);
      await signInAt({
        nameId: 'charles@example.test',
        'User.Username': 'charles@example.test',
        'User.Email': 'charles@example.test',
        'User.ProfileId': 'No Such Profile',
      });
      expect(new URL(page.url()).pathname).toBe('/saml/error');
      const body = (await page.textContent('body')) ?? '';
      expect(body).toContain('ErrorCode');
      expect(await page.locator('dd code').first().textContent()).toBe('16');
      expect(body).toContain('PROFILE_NAME_LOOKUP_ERROR');
      expect(demo.users()).toHaveLength(1);
    });
  },
);
