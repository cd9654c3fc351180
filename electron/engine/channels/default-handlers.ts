/**
 * The built-in channel handlers, one per channel, each with its connection (X and Meta read their
 * X_* / META_* variables from `env` and keep tokens in `secrets`). Channels without a client yet
 * fail with a clear "not connected" error outside dry-run (never a fake success).
 */
import type { Settings } from '../../../shared/settings';
import type { Db } from '../db/open-db';
import type { SecretStore } from '../secrets/types';
import { createBrevoHandler } from './brevo/brevo-handler';
import { createGmailHandler } from './gmail/gmail-handler';
import { adsHistoryFromDb } from './google-ads/ads-history';
import { createGoogleAdsHandler } from './google-ads/google-ads-handler';
import { createMetaHandler } from './meta/meta-handler';
import { createOpencartHandler } from './opencart/opencart-handler';
import type { AnyChannelHandler } from './types';
import { createXHandler } from './x/x-handler';

export interface DefaultHandlerOptions {
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  /** The engine's database: Google Ads counts its own changes of the last 24 h from the ledger (impact cap). */
  db?: Db;
  /** The executor's current settings (Google Ads impact caps). */
  settings?: () => Settings;
}

export function defaultHandlers(options: DefaultHandlerOptions): AnyChannelHandler[] {
  const gmail = createGmailHandler({ env: options.env, secrets: options.secrets });
  // Brevo sends influencer outreach from the Gmail account when it is connected.
  const brevo = createBrevoHandler({ env: options.env, secrets: options.secrets, gmail: gmail.account });
  const googleAds = createGoogleAdsHandler({ env: options.env, secrets: options.secrets, settings: options.settings, history: options.db ? adsHistoryFromDb(options.db) : undefined });
  // MISSION_CONTROL_TEST_LOOPBACK_MEDIA=1: tests against local servers (media on 127.0.0.1 is checked and, for Meta, accepted).
  const allowLocalMedia = options.env.MISSION_CONTROL_TEST_LOOPBACK_MEDIA === '1';
  const x = createXHandler({ env: options.env, secrets: options.secrets, allowLocalMedia });
  const meta = createMetaHandler({ env: options.env, secrets: options.secrets, allowLocalMedia });
  return [gmail, x, meta, brevo, createOpencartHandler({ env: options.env, secrets: options.secrets }), googleAds];
}
