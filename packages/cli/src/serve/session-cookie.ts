/**
 * The session cookie `serve` sets after a login: it carries only the session's random ID (the
 * session itself lives in the shared SessionStore, so any instance of a fleet honours it).
 * HttpOnly (no script reads it), SameSite=Lax (sent on top-level navigations, which is how the
 * IdP's POST → 303 → GET lands, but not on cross-site subrequests), Secure when the connection's
 * ACS URL is https (the browser then never sends it in clear), Path=/ and a Max-Age equal to the
 * session's lifetime.
 */

export const SESSION_COOKIE = 'saml_jit_session';

/** What a session ID looks like (IdGenerator tokens: URL-safe, ≥ 128 bits); anything else is ignored. */
const SESSION_ID = /^[A-Za-z0-9_-]{16,256}$/;

/**
 * The `Set-Cookie` value for a new session.
 * @example
 * sessionCookie('_abc…', { secure: true, maxAgeSeconds: 28800 })
 * // 'saml_jit_session=_abc…; Path=/; Max-Age=28800; HttpOnly; SameSite=Lax; Secure'
 */
export const sessionCookie = (
  sessionId: string,
  opts: { readonly secure: boolean; readonly maxAgeSeconds: number },
): string =>
  `${SESSION_COOKIE}=${sessionId}; Path=/; Max-Age=${Math.floor(opts.maxAgeSeconds)}; HttpOnly; SameSite=Lax${
    opts.secure ? '; Secure' : ''
  }`;

/**
 * The session ID a request's `Cookie` header carries, or null (absent, repeated or malformed: a
 * repeated cookie is ambiguous, and we answer "not signed in" rather than guess).
 * @example
 * sessionIdFrom('theme=dark; saml_jit_session=_0123456789abcdefXYZ') // '_0123456789abcdefXYZ'
 */
export const sessionIdFrom = (cookieHeader: string | null | undefined): string | null => {
  if (cookieHeader === null || cookieHeader === undefined) return null;
  const values = cookieHeader
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SESSION_COOKIE}=`))
    .map((part) => part.slice(SESSION_COOKIE.length + 1));
  const [only] = values;
  return values.length === 1 && only !== undefined && SESSION_ID.test(only) ? only : null;
};
