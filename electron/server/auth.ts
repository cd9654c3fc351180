/**
 * Who may talk to the server: a bearer token (scripts, cron) or the `mc_session` cookie a browser
 * gets by exchanging the token at /auth (the Jupyter flow: open the printed URL once).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { baseHeaders, readBody } from './http-util';
import { safeEqual, sessionValue } from './token';

export const sessionCookieName = 'mc_session';
/** How long the browser keeps the session cookie. Default: 30 days (the token itself persists). */
export const sessionMaxAgeSeconds = 30 * 24 * 3600;

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(index + 1).trim());
  }
  return cookies;
}

export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

export interface Authenticator {
  /** The bearer header carries the token. */
  hasBearer(req: IncomingMessage): boolean;
  /** The session cookie matches the token. */
  hasSession(req: IncomingMessage): boolean;
  isAuthenticated(req: IncomingMessage): boolean;
  /** GET|POST /auth: the token exchange and the "paste your token" page. */
  handleAuthRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

export function createAuthenticator(token: string): Authenticator {
  const session = sessionValue(token);
  const hasBearer = (req: IncomingMessage): boolean => {
    const candidate = bearerToken(req);
    return candidate !== null && safeEqual(candidate, token);
  };
  const hasSession = (req: IncomingMessage): boolean => {
    const candidate = parseCookies(req.headers.cookie).get(sessionCookieName);
    return candidate !== undefined && safeEqual(candidate, session);
  };
  return {
    hasBearer,
    hasSession,
    isAuthenticated: (req) => hasBearer(req) || hasSession(req),
    async handleAuthRoute(req, res, url) {
      let candidate: string | null = null;
      if (req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req, 16 * 1024));
        candidate = form.get('token');
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        candidate = url.searchParams.get('token');
      } else {
        res.writeHead(405, { ...baseHeaders, Allow: 'GET, POST' }).end();
        return;
      }
      if (candidate === null || candidate === '') {
        sendLoginPage(res, 200, null);
        return;
      }
      if (!safeEqual(candidate.trim(), token)) {
        sendLoginPage(res, 401, 'That token is not valid for this server.');
        return;
      }
      res.writeHead(303, {
        ...baseHeaders,
        // Today at its own path: rendered ahead like `/`, without `/`'s script for old `/#/…` links (page-render.ts).
        Location: '/today',
        'Cache-Control': 'no-store',
        'Set-Cookie': `${sessionCookieName}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${sessionMaxAgeSeconds}`,
      });
      res.end();
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained page (no scripts) asking for the token printed at start-up. */
export function sendLoginPage(res: ServerResponse, status: number, error: string | null): void {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mission Control: sign in</title>
<style nonce="${nonce}">
body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f7f9;color:#1d2430}
@media (prefers-color-scheme:dark){body{background:#14171c;color:#e6e9ee}input{background:#1d2229;color:inherit;border-color:#3a4350}}
main{max-width:28rem;padding:2rem}h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:.5rem 0 1rem}
input{width:100%;box-sizing:border-box;padding:.6rem;font:inherit;border:1px solid #c4cad3;border-radius:6px}
button{margin-top:.8rem;padding:.55rem 1.2rem;font:inherit;border:0;border-radius:6px;background:#2453d4;color:#fff;cursor:pointer}
.error{color:#c0262d}code{font-size:.9em}
</style></head>
<body><main>
<h1>Mission Control</h1>
<p>Paste the access token that <code>mission-control serve</code> printed when it started
(or open the <code>/auth?token=…</code> link it printed).</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/auth">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>
</main></body></html>`;
  res.writeHead(status, {
    ...baseHeaders,
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  });
  res.end(html);
}
