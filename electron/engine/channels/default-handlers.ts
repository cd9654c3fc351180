/**
 * The built-in channel handlers, one per channel. Channels without a client yet fail with a clear
 * "not connected" error outside dry-run (never a fake success).
 */
import type { Settings } from '../../../shared/settings';
import type { Db } from '../db/open-db';
import type { SecretStore } from '../secrets/types';
import { brevoHandler } from './brevo/brevo-handler';
import { createGmailHandler } from './gmail/gmail-handler';
import { adsHistoryFromDb } from './google-ads/ads-history';
import { createGoogleAdsHandler } from './google-ads/google-ads-handler';
import { metaHandler } from './meta/meta-handler';
import { opencartHandler } from './opencart/opencart-handler';
import type { AnyChannelHandler } from './types';
import { xHandler } from './x/x-handler';

export interface DefaultHandlerOptions {
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  /** The engine's database: Google Ads counts its own changes of the last 24 h from the ledger (impact cap). */
  db?: Db;
  /** The executor's current settings (Google Ads impact caps). */
  settings?: () => Settings;
}

export function defaultHandlers(options: DefaultHandlerOptions): AnyChannelHandler[] {
  return [createGmailHandler({ env: options.env, secrets: options.secrets }), xHandler, metaHandler, brevoHandler, opencartHandler, createGoogleAdsHandler({ env: options.env, secrets: options.secrets, settings: options.settings, history: options.db ? adsHistoryFromDb(options.db) : undefined })];
}
