import { describe, expect, it } from 'vitest';
import type { PreviewDetail } from '../../../../shared/preview';
import { defaultSettings } from '../../../../shared/settings';
import { MemorySecretStore } from '../../secrets/types';
import { parsePayload } from '../payload';
import { createGoogleAdsHandler } from './google-ads-handler';
import { adsTask } from './test-support/ads-fixture';

// Not connected: nothing is read from Google, so money is shown in the caps' currency setting.
const handler = (currency = 'ZAR') => createGoogleAdsHandler({ env: {}, secrets: new MemorySecretStore(), settings: () => ({ ...defaultSettings, adsCaps: { ...defaultSettings.adsCaps, currency } }) });
const previewOf = (metadata: Record<string, unknown>, currency?: string) => {
  const ads = handler(currency);
  const parsed = parsePayload(ads.payloadSchema, adsTask(metadata));
  if (!parsed.ok) throw new Error(parsed.error);
  const preview = ads.preview(parsed.payload);
  return { preview, detail: preview.detail as Extract<PreviewDetail, { kind: 'ads_change' }> };
};

describe('Google Ads preview before Google is read (seen 6)', () => {
  it('a pause is previewed as a pause of the campaign, not as a bid change', () => {
    const { preview, detail } = previewOf({ action: 'pause_campaign', campaign_id: '333' });
    expect(preview.summary).toBe('Pause campaign 333');
    expect(detail).toMatchObject({ action: 'pause_campaign', value: 'status', requested: 'PAUSED', change: null, changePercent: null });
  });

  it('a new bid or budget carries the currency of the setting', () => {
    expect(previewOf({ action: 'adjust_bid', ad_group_id: '555', new_bid: 4.5 }).detail).toMatchObject({ requested: 'R 4.50', currency: 'ZAR' });
    expect(previewOf({ action: 'set_budget', budget_id: '77', new_amount: 300 }, 'USD').preview.summary).toBe('Change budget 77: $300.00');
    expect(previewOf({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 15 }).detail.requested).toBe('+15 %');
  });
});
