/** TEST SUPPORT: a Google Ads handler connected (through GOOGLE_ADS_* variables) to a fake server. */
import { defaultSettings, type AdsCaps, type Settings } from '../../../../../shared/settings';
import { MemorySecretStore } from '../../../secrets/types';
import { parsePayload } from '../../payload';
import type { ExecutionContext, TaskInput } from '../../types';
import type { AdsHistory } from '../ads-history';
import { adsPayloadSchema, type AdsChange } from '../ads-payload';
import { createGoogleAdsHandler } from '../google-ads-handler';
import type { FakeGoogleAdsServer } from './fake-google-ads-server';

export function adsEnv(fake: FakeGoogleAdsServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GOOGLE_ADS_CLIENT_ID: fake.clientId,
    GOOGLE_ADS_CLIENT_SECRET: fake.clientSecret,
    GOOGLE_ADS_REFRESH_TOKEN: fake.issueRefreshToken(),
    GOOGLE_ADS_CUSTOMER_ID: '123-456-7890',
    GOOGLE_ADS_API_BASE_URL: fake.baseUrl,
    GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    ...extra,
  };
}

export function adsHandler(fake: FakeGoogleAdsServer, options: { caps?: Partial<AdsCaps>; history?: AdsHistory; env?: Record<string, string> } = {}) {
  const settings: Settings = { ...defaultSettings, adsCaps: { ...defaultSettings.adsCaps, ...options.caps } };
  return createGoogleAdsHandler({ env: options.env ?? adsEnv(fake), secrets: new MemorySecretStore(), settings: () => settings, history: options.history });
}

export const adsTask = (metadata: Record<string, unknown>, id = 'task-1'): TaskInput => ({ id, title: 'Ads change', description: null, assignedAgent: 'Google Ads Agent', priority: 'medium', metadata });

export function payload(metadata: Record<string, unknown>): AdsChange {
  const parsed = parsePayload(adsPayloadSchema, adsTask(metadata));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.payload;
}

export function context(taskId = 'task-1'): ExecutionContext & { progress: Record<string, unknown> } {
  const progress: Record<string, unknown> = {};
  return {
    idempotencyKey: `${taskId}:1`,
    attempt: 1,
    taskId,
    signal: new AbortController().signal,
    now: () => new Date(),
    progress,
    recordProgress: (patch) => Object.assign(progress, patch),
  };
}
