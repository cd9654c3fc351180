/**
 * OAuth 2.0 for native apps (RFC 8252), provider-neutral: the consent page opens in the system
 * browser, the provider redirects to a loopback listener, the code is bound to this sign-in by
 * PKCE (S256, RFC 7636) and `state` is checked in constant time before anything is exchanged.
 * Each channel supplies how to build its consent URL and how to exchange the code (Google, X…).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackSignInOptions<T> {
  /** The provider's consent URL for this redirect URI, state and PKCE challenge (method S256). */
  authorizationUrl(input: { redirectUri: string; state: string; codeChallenge: string }): string;
  /** Exchanges the authorization code for tokens (send `codeVerifier` as code_verifier). */
  exchange(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<T>;
  /** Shows the consent page to the person. Called once with the authorization URL. */
  openBrowser: (url: string) => void | Promise<void>;
  /** Providers that register an exact redirect URI (X) need a fixed port. Default: an ephemeral port. */
  port?: number;
  /** Default: /oauth2callback */
  callbackPath?: string;
  /** Who the person is signing in to, for the pages the listener shows ("X"). */
  providerName: string;
  /** How long to wait for the person. Default: 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface LoopbackSignIn<T> {
  authUrl: string;
  /** Settles when the person finishes (tokens) or the sign-in fails, times out or is aborted. */
  result: Promise<T>;
}

const page = (response: ServerResponse, status: number, title: string, text: string) =>
  response
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    .end(`<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;margin:3rem"><h1>${title}</h1><p>${text}</p></body>`);

const sameState = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** PKCE verifier and its S256 challenge. */
export function pkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = randomBytes(48).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

/** Starts the listener and opens the consent page; answers with the URL at once. */
export async function startLoopbackSignIn<T>(options: LoopbackSignInOptions<T>): Promise<LoopbackSignIn<T>> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve));
  const callbackPath = options.callbackPath ?? '/oauth2callback';
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${callbackPath}`;
  const state = randomBytes(32).toString('base64url');
  const { codeVerifier, codeChallenge } = pkcePair();
  const authUrl = options.authorizationUrl({ redirectUri, state, codeChallenge });
  const timeoutMs = options.timeoutMs ?? 300_000;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;

  const result = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for the ${options.providerName} sign-in (${Math.round(timeoutMs / 1000)} s)`)), timeoutMs);
    onAbort = () => reject(new Error(`${options.providerName} sign-in cancelled`));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    server.on('request', (request, response) => {
      const url = new URL(request.url ?? '/', redirectUri);
      if (url.pathname !== callbackPath) return void page(response, 404, 'Not found', 'This address only receives the sign-in.');
      // A request without our state is not the answer to our sign-in (CSRF, a stale tab): refuse
      // it, keep waiting. Checked before `error` too, so a forged refusal cannot end the sign-in.
      if (!sameState(url.searchParams.get('state') ?? '', state)) {
        return void page(response, 400, 'Sign-in not recognised', 'This response does not belong to the sign-in Mission Control started (state mismatch).');
      }
      const error = url.searchParams.get('error');
      if (error) {
        page(response, 400, `${options.providerName} not connected`, `${options.providerName} said: ${error}. You can close this tab.`);
        return reject(new Error(`${options.providerName} sign-in did not complete: ${url.searchParams.get('error_description') ?? error}`));
      }
      const code = url.searchParams.get('code');
      if (!code) return void page(response, 400, 'Sign-in not recognised', 'The response carries no authorization code.');
      options.exchange({ code, redirectUri, codeVerifier }).then(
        (tokens) => {
          page(response, 200, `${options.providerName} connected`, `${options.providerName} is connected to Mission Control. You can close this tab.`);
          resolve(tokens);
        },
        (exchangeError: unknown) => {
          page(response, 400, `${options.providerName} not connected`, 'The sign-in could not be completed; see Mission Control for details. You can close this tab.');
          reject(exchangeError instanceof Error ? exchangeError : new Error(String(exchangeError)));
        },
      );
    });
  }).finally(() => {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeAllConnections();
  });
  result.catch(() => {}); // the caller awaits it; never an unhandled rejection in between
  await options.openBrowser(authUrl);
  return { authUrl, result };
}
