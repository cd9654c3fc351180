/**
 * The built-in channel handlers, one per channel. Channels without a client yet fail with a clear
 * "not connected" error outside dry-run (never a fake success).
 */
import type { SecretStore } from '../secrets/types';
import { createBrevoHandler } from './brevo/brevo-handler';
import { createGmailHandler } from './gmail/gmail-handler';
import { googleAdsHandler } from './google-ads/google-ads-handler';
import { metaHandler } from './meta/meta-handler';
import { createOpencartHandler } from './opencart/opencart-handler';
import type { AnyChannelHandler } from './types';
import { xHandler } from './x/x-handler';

export interface DefaultHandlerOptions {
  env: Record<string, string | undefined>;
  secrets: SecretStore;
}

export function defaultHandlers(options: DefaultHandlerOptions): AnyChannelHandler[] {
  const gmail = createGmailHandler({ env: options.env, secrets: options.secrets });
  // Brevo sends influencer outreach from the Gmail account when it is connected.
  const brevo = createBrevoHandler({ env: options.env, secrets: options.secrets, gmail: gmail.account });
  return [gmail, xHandler, metaHandler, brevo, createOpencartHandler({ env: options.env, secrets: options.secrets }), googleAdsHandler];
}
