import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ExecutionPreview } from '../../../shared/preview';
import { PreviewView } from './preview-view';

const preview: ExecutionPreview = {
  channel: 'google-ads',
  summary: 'Set the max CPC bid of ad group "Denon AVR" from R 4.00 to R 5.20 (+R 1.20, +30 %)',
  detail: {
    kind: 'ads_change',
    action: 'adjust_bid',
    live: true,
    customerId: '1234567890',
    currency: 'ZAR',
    campaign: { id: '111', name: 'Home Theatre' },
    adGroup: { id: '555', name: 'Denon AVR' },
    keyword: null,
    budget: null,
    value: 'bid',
    requested: '+30 %',
    before: 'R 4.00',
    after: 'R 5.20',
    beforeMicros: '4000000',
    afterMicros: '5200000',
    change: '+R 1.20',
    changePercent: 30,
    sharedWith: [],
    caps: [
      { name: 'maxChangePercent', label: 'largest single change', limit: '25 %', actual: '+30 %', ok: false },
      { name: 'bidCeiling', label: 'highest max CPC bid', limit: 'R 100.00', actual: 'R 5.20', ok: true },
    ],
    irreversible: 'Rollback sets the previous value back; money already spent at the old or new value cannot be undone.',
  },
  problems: [{ field: 'bid_change_percent', message: 'Beyond the impact cap maxChangePercent (largest single change: 25 %): this change is +30 %.' }],
  warnings: [],
};

describe('Google Ads change preview', () => {
  it('shows names, money before and after, the change in money and percent, and each cap', () => {
    const html = renderToStaticMarkup(<PreviewView preview={preview} error={null} />);
    expect(html).toContain('Home Theatre');
    expect(html).toContain('Denon AVR');
    expect(html).toMatch(/R 4\.00<\/div>.*→.*R 5\.20/);
    expect(html).toContain('+R 1.20 (+30 %)');
    expect(html).toMatch(/cap-over.*largest single change.*maxChangePercent.*25 %.*\+30 %.*over the cap/);
    expect(html).toContain('Beyond the impact cap maxChangePercent');
    expect(html).toContain('money already spent');
  });

  it('names every campaign on a shared budget', () => {
    const shared: ExecutionPreview = {
      ...preview,
      detail: { ...preview.detail, action: 'set_budget', value: 'budget', adGroup: null, budget: { id: '9', name: 'Shared speakers', shared: true }, sharedWith: [{ id: '1', name: 'A' }, { id: '2', name: 'B' }] } as ExecutionPreview['detail'],
      problems: [],
      warnings: ['Shared budget "Shared speakers" funds 2 campaigns: A (1), B (2). Changing it changes all of them.'],
    };
    const html = renderToStaticMarkup(<PreviewView preview={shared} error={null} />);
    expect(html).toContain('Shared budget');
    expect(html).toContain('A (1), B (2)');
  });
});
