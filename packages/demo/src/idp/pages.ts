/**
 * The demo IdP's pages: the login form (federation ID and editable user attributes, prefilled
 * with values that provision a user on the demo SP) and the HTTP-POST binding's page, a form
 * that posts the signed `SAMLResponse` to the SP's ACS and submits itself (a button remains for
 * browsers without script).
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '@saml-jit/sp';

/** The attributes the form offers, with the value that works out of the box. */
export const FORM_ATTRIBUTES: readonly (readonly [name: string, prefill: string])[] = [
  ['User.Username', 'ada@example.test'],
  ['User.Email', 'ada@example.test'],
  ['User.FirstName', 'Ada'],
  ['User.LastName', 'Lovelace'],
  ['User.ProfileId', 'Standard User'],
  ['User.UserRoleId', 'Engineer'],
];
export const DEFAULT_FEDERATION_ID = 'ada@example.test';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}' +
  'label{display:block;margin:.6rem 0 .2rem;font-weight:600}input,textarea{width:100%;padding:.4rem;box-sizing:border-box;font:inherit}' +
  'button{margin-top:1rem;padding:.6rem 1.2rem;font:inherit;background:#2e844a;color:#fff;border:0;border-radius:.3rem}' +
  '.note{color:#555}';

const page = (title: string, body: string, head = ''): string =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
  `<style>${STYLE}</style>${head}</head>\n<body><h1>${escapeHtml(title)}</h1>\n${body}</body></html>\n`;

const field = (name: string, label: string, value: string): string =>
  `<label for="${escapeHtml(name)}">${escapeHtml(label)}</label>` +
  `<input id="${escapeHtml(name)}" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

/**
 * The login form. `requestId` is set for an SP-initiated login (the response answers it).
 * @example
 * loginForm({ requestId: null, relayState: null, spUrl: 'http://127.0.0.1:3000' })
 */
export const loginForm = (opts: {
  readonly requestId: string | null;
  readonly relayState: string | null;
  readonly spUrl: string;
}): string =>
  page(
    'Demo IdP — sign in',
    `<p class="note">${
      opts.requestId === null
        ? `IdP-initiated login to <a href="${escapeHtml(opts.spUrl)}">${escapeHtml(opts.spUrl)}</a>.`
        : `The service provider asked for a login (request <code>${escapeHtml(opts.requestId)}</code>).`
    } Edit the attributes, then sign in: this IdP signs a SAML Response with its generated key.</p>\n` +
      `<form method="post" action="/login">\n` +
      `${field('nameId', 'Federation ID (NameID)', DEFAULT_FEDERATION_ID)}\n` +
      `${FORM_ATTRIBUTES.map(([name, value]) => field(name, name, value)).join('\n')}\n` +
      `<label for="extra">More attributes (one <code>Name=value</code> per line)</label>` +
      `<textarea id="extra" name="extra" rows="3" placeholder="User.Title=Countess"></textarea>\n` +
      (opts.requestId === null
        ? ''
        : `<input type="hidden" name="requestId" value="${escapeHtml(opts.requestId)}">\n`) +
      (opts.relayState === null
        ? ''
        : `<input type="hidden" name="RelayState" value="${escapeHtml(opts.relayState)}">\n`) +
      `<button type="submit" id="sign-in">Sign in</button>\n</form>\n`,
  );

/** The script that submits the POST-binding form; its hash goes in the page's CSP. */
export const AUTO_SUBMIT_SCRIPT = 'document.forms[0].submit();';
export const AUTO_SUBMIT_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash(
  'sha256',
)
  .update(AUTO_SUBMIT_SCRIPT)
  .digest('base64')}'; form-action http: https:; frame-ancestors 'none'`;

/**
 * The HTTP-POST binding page: posts `SAMLResponse` (and `RelayState`) to the ACS.
 * @example
 * postBindingPage('http://127.0.0.1:3000/saml/acs/demo', base64Response, null)
 */
export const postBindingPage = (acsUrl: string, samlResponse: string, relayState: string | null): string =>
  page(
    'Demo IdP — signing you in…',
    `<form method="post" action="${escapeHtml(acsUrl)}">\n` +
      `<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">\n` +
      (relayState === null
        ? ''
        : `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">\n`) +
      `<noscript><button type="submit">Continue to the service provider</button></noscript>\n</form>\n` +
      `<script>${AUTO_SUBMIT_SCRIPT}</script>\n`,
  );

/** A refusal of the demo IdP (a malformed request): a short page, the reason only. */
export const idpErrorPage = (reason: string): string =>
  page('Demo IdP — cannot continue', `<p>${escapeHtml(reason)}</p>\n`);
