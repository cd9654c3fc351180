/**
 * The built-in channel handlers, one per channel, each with its connection (X and Meta read their
 * X_* / META_* variables from `env` and keep tokens in `secrets`). Channels without a client yet
 * fail with a clear "not connected" error outside dry-run (never a fake success).
 */
import type { SecretStore } from '../secrets/types';
import { brevoHandler } from './brevo/brevo-handler';
import { createGmailHandler } from './gmail/gmail-handler';
import { googleAdsHandler } from './google-ads/google-ads-handler';
import { createMetaHandler } from './meta/meta-handler';
import { opencartHandler } from './opencart/opencart-handler';
import type { AnyChannelHandler } from './types';
import { createXHandler } from './x/x-handler';

export interface DefaultHandlerOptions {
  env: Record<string, string | undefined>;
  secrets: SecretStore;
}

export function defaultHandlers(options: DefaultHandlerOptions): AnyChannelHandler[] {
  return [createGmailHandler({ env: options.env, secrets: options.secrets }), createXHandler({ env: options.env, secrets: options.secrets }), createMetaHandler({ env: options.env, secrets: options.secrets }), brevoHandler, opencartHandler, googleAdsHandler];
}
