/**
 * Connecting channel accounts from the app. Gmail: OAuth 2.0 for native apps (loopback redirect,
 * PKCE, state) in the person's browser; the consent URL is answered at once and the sign-in
 * completes in the background. Other channels have no client yet and say so.
 */
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import { isGmailHandler } from '../channels/gmail/gmail-handler';
import { connectGmail } from '../channels/gmail/oauth-loopback';
import { invalidInput, notFound } from '../errors';
import type { ApiDeps } from './api-deps';

function gmailHandler(deps: ApiDeps, id: string) {
  const handler = deps.registry.byId(id);
  if (!handler) throw notFound(`Channel ${id}`);
  if (!isGmailHandler(handler)) throw invalidInput(`${handler.name} cannot be connected from the app yet: no client for it exists.`);
  return handler;
}

export async function connectChannel(deps: ApiDeps, input: MethodInput<'channels:connect'>): Promise<MethodOutput<'channels:connect'>> {
  const handler = gmailHandler(deps, input.id);
  if (!input.clientId !== !input.clientSecret) throw invalidInput('clientId and clientSecret go together');
  if (input.clientId && input.clientSecret) await handler.account.saveClientCredentials({ clientId: input.clientId, clientSecret: input.clientSecret });
  if (!(await handler.account.clientCredentials())) {
    throw invalidInput('Gmail needs an OAuth client (Google Cloud "Desktop app" client): enter its id and secret, or set GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET.');
  }
  return new Promise((resolve, reject) => {
    let answered = false;
    connectGmail({
      account: handler.account,
      signal: deps.signal,
      openBrowser: async (url) => {
        answered = true;
        resolve({ authUrl: url, message: 'Finish signing in to Google in your browser; this page updates when Gmail is connected.' });
        await deps.openExternal?.(url);
      },
    })
      .then((result) => {
        deps.activity.log({ level: 'info', eventType: 'channel_connected', message: `Gmail connected${result.email ? ` as ${result.email}` : ''}` });
        deps.activity.emitNow('status:changed', deps.status());
        deps.wake();
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (!answered) reject(invalidInput(message));
        // Closing the engine cancels the sign-in; the database is closing too, so nothing to log.
        else if (!deps.signal.aborted) deps.activity.log({ level: 'warning', eventType: 'channel_connect_failed', message: `Gmail was not connected: ${message}` });
      });
  });
}

export async function disconnectChannel(deps: ApiDeps, input: MethodInput<'channels:disconnect'>): Promise<MethodOutput<'channels:disconnect'>> {
  const handler = gmailHandler(deps, input.id);
  await handler.account.disconnect();
  deps.activity.log({ level: 'info', eventType: 'channel_disconnected', message: 'Gmail disconnected (tokens removed from this computer)' });
  return { ok: true };
}
