/**
 * The page `serve` shows at `/`, where a login lands by default: who is signed in (the same User
 * record `GET /me` answers) and a "Log in" button per connection, which starts an SP-initiated
 * login. Plain HTML, every value escaped, no script (the service's CSP allows none).
 */
import type { SObjectRecord } from '@saml-jit/core';
import { escapeHtml } from '@saml-jit/sp';

/** The User fields shown first, in this order; the rest follow alphabetically. */
const LEADING = [
  'Name',
  'FirstName',
  'LastName',
  'Username',
  'Email',
  'FederationIdentifier',
  'ProfileId',
  'UserRoleId',
  'IsActive',
  'Id',
];

const fieldsOf = (user: SObjectRecord): [string, string][] => {
  const keys = Object.keys(user);
  const rest = keys.filter((k) => !LEADING.includes(k)).sort();
  return [...LEADING.filter((k) => keys.includes(k)), ...rest].map((k) => [k, String(user[k])]);
};

const displayName = (user: SObjectRecord): string => {
  const name = [user.FirstName, user.LastName].filter((v) => typeof v === 'string' && v !== '').join(' ');
  return name !== '' ? name : String(user.Username ?? user.Id);
};

/** A link shown under the login buttons (the demo points at its IdP). */
export interface HomeLink {
  readonly label: string;
  readonly href: string;
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}' +
  'table{border-collapse:collapse;margin:1rem 0}td,th{border-bottom:1px solid #ddd;padding:.3rem .8rem;text-align:left}' +
  'th{font-weight:600}a.button{display:inline-block;margin:.3rem .5rem .3rem 0;padding:.5rem 1rem;border-radius:.3rem;' +
  'background:#0b5cab;color:#fff;text-decoration:none}code{font-size:.95em}';

/**
 * The home page: the signed-in user (or none) and a login button per connection.
 * @example
 * homePage({ title: 'saml-jit serve', user: null, connections: ['okta'] })
 */
export const homePage = (opts: {
  readonly title: string;
  readonly user: SObjectRecord | null;
  readonly connections: readonly string[];
  readonly links?: readonly HomeLink[];
}): string => {
  const who =
    opts.user === null
      ? '<p id="status">Not signed in.</p>'
      : `<p id="status">Signed in as <strong id="user-name">${escapeHtml(displayName(opts.user))}</strong>.</p>\n` +
        `<table id="user"><tbody>\n${fieldsOf(opts.user)
          .map(
            ([k, v]) =>
              `<tr><th>${escapeHtml(k)}</th><td data-field="${escapeHtml(k)}">${escapeHtml(v)}</td></tr>`,
          )
          .join(
            '\n',
          )}\n</tbody></table>\n<p>The same record as JSON: <a href="/me"><code>GET /me</code></a></p>`;
  const verb = opts.user === null ? 'Log in' : 'Log in again';
  const buttons = opts.connections
    .map(
      (c) =>
        `<a class="button" href="/saml/login/${encodeURIComponent(c)}">${verb} with ${escapeHtml(c)}</a>`,
    )
    .join('\n');
  const links = (opts.links ?? [])
    .map((l) => `<p><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></p>`)
    .join('\n');
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title>` +
    `<style>${STYLE}</style></head>\n<body><h1>${escapeHtml(opts.title)}</h1>\n${who}\n<p>${buttons}</p>\n${links}\n</body></html>\n`
  );
};
