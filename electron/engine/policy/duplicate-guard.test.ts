import { describe, expect, it } from 'vitest';
import type { ExecutionPreview, PreviewDetail } from '../../../shared/preview';
import { findDuplicate, fingerprintOf, normaliseText, trigramSimilarity, type EarlierTask } from './duplicate-guard';

const preview = (channel: string, detail: PreviewDetail): ExecutionPreview => ({ channel, summary: 's', detail });
const email = (to: string, text: string | null, draftId: string | null = null) =>
  preview('gmail', { kind: 'email', from: null, to: [to], cc: [], subject: 'Re: your order', text, html: null, threadId: null, inReplyTo: null, draftId, scheduledFor: null });
const post = (text: string, platform = 'twitter') => preview('x', { kind: 'social_post', platform, text, characterCount: text.length, characterLimit: 280, mediaUrls: [], postId: null });
const seo = (after: string) => preview('opencart', { kind: 'seo_change', changeType: 'meta_description', productIds: [42], changes: [{ productId: 42, field: 'meta_description', before: null, after }] });
const bid = (requested: string) =>
  preview('google-ads', {
    kind: 'ads_change', action: 'adjust_bid', live: false, customerId: '1', currency: 'ZAR', campaign: null, adGroup: { id: '7', name: null }, keyword: { id: '99', text: null, matchType: null }, budget: null,
    value: 'bid', requested, before: null, after: null, beforeMicros: null, afterMicros: null, change: null, changePercent: null, sharedWith: [], caps: [], irreversible: '',
  });

const at = (hours: number) => new Date(Date.parse('2026-11-20T08:00:00.000Z') + hours * 3_600_000).toISOString();
const earlier = (p: ExecutionPreview, options: { id?: string; status?: string; hours?: number } = {}): EarlierTask => ({
  taskId: options.id ?? 'a',
  title: 'Earlier task',
  status: options.status ?? 'new',
  createdAt: at(options.hours ?? 0),
  fingerprint: fingerprintOf(p),
});
const check = (p: ExecutionPreview, others: EarlierTask[], hours = 1) => findDuplicate(fingerprintOf(p), at(hours), others, { similarity: 0.8 });

const reply = 'Hi Jo, thanks for your order #1042. The Denon AVR-X2800H ships tomorrow from our Johannesburg warehouse and should reach you by Friday.';

describe('duplicate guard', () => {
  it('the same reply to the same customer, or a very similar one; never to another customer', () => {
    expect(check(email('jo@example.com', reply), [earlier(email('JO@example.com', reply))])).toEqual({ taskId: 'a', title: 'Earlier task', why: 'the same reply to jo@example.com' });
    const edited = reply.replace('Friday', 'Thursday');
    expect(check(email('jo@example.com', edited), [earlier(email('jo@example.com', reply))])?.why).toMatch(/^a reply to jo@example.com 9\d% alike$/);
    expect(check(email('sam@example.com', reply), [earlier(email('jo@example.com', reply))])).toBeNull();
    const other = 'Hello Jo, we are sorry: the speaker cable you asked about is out of stock until March. Can we offer the 4 mm version instead?';
    expect(check(email('jo@example.com', other), [earlier(email('jo@example.com', reply))])).toBeNull();
    expect(check(email('jo@example.com', null, 'r-1'), [earlier(email('jo@example.com', null, 'r-1'))])?.why).toBe('the same reply to jo@example.com');
  });

  it('the same post text after normalising links and whitespace', () => {
    const first = 'Black Friday: 20% off all Denon receivers!  https://www.audico.co.za/denon/?utm_source=x&utm_medium=social';
    const again = 'Black Friday:   20% off all Denon receivers!\nhttps://audico.co.za/denon';
    expect(normaliseText(first)).toBe(normaliseText(again));
    expect(check(post(again), [earlier(post(first))])?.why).toBe('the same post text');
    expect(check(post(again, 'facebook'), [earlier(post(first))])).toBeNull();
    expect(check(post('New in: Bowers & Wilkins 607 S3 bookshelf speakers, in stock now.'), [earlier(post(first))])).toBeNull();
  });

  it('justifies the threshold: one word changed stays above 0.8, unrelated texts share little', () => {
    const a = normaliseText('Weekend special: the Yamaha RX-V6A receiver with 7.2 channels, Dolby Atmos and 8K HDMI is R2,000 off until Sunday at Audico.');
    const b = normaliseText('Weekend special: the Yamaha RX-V6A receiver with 7.2 channels, Dolby Atmos and 8K HDMI is R2,500 off until Sunday at Audico.');
    const c = normaliseText('Our Johannesburg showroom is open on the public holiday from 9 to 1: come and listen to the new KEF LS50 Wireless II.');
    expect(trigramSimilarity(a, b)).toBeGreaterThan(0.85);
    expect(trigramSimilarity(a, c)).toBeLessThan(0.3);
  });

  it('the same SEO change already applied; another value is not a duplicate', () => {
    expect(check(seo('Denon AVR-X2800H 7.2 receiver'), [earlier(seo('Denon AVR-X2800H 7.2 receiver'), { status: 'completed' })])?.why).toBe('the same SEO change, already applied');
    expect(check(seo('Denon AVR-X2800H 7.2 receiver'), [earlier(seo('Denon AVR-X2800H 7.2 receiver'))])?.why).toBe('the same SEO change');
    // Completed by a dry run: nothing was applied.
    const rehearsed = { ...earlier(seo('Denon AVR-X2800H 7.2 receiver'), { status: 'completed' }), rehearsed: true };
    expect(check(seo('Denon AVR-X2800H 7.2 receiver'), [rehearsed])?.why).toBe('the same SEO change, already rehearsed');
    expect(check(seo('Denon AVR-X2800H, 8K ready'), [earlier(seo('Denon AVR-X2800H 7.2 receiver'), { status: 'completed' })])).toBeNull();
  });

  it('the same bid change twice in a day (24 hours), not on the next day', () => {
    expect(check(bid('+5 %'), [earlier(bid('+5%'), { status: 'completed' })], 23)?.why).toBe('the same Google Ads change within a day');
    expect(check(bid('+5 %'), [earlier(bid('+5%'), { status: 'completed' })], 25)).toBeNull();
    expect(check(bid('+8 %'), [earlier(bid('+5%'), { status: 'completed' })], 2)).toBeNull();
  });

  it('ignores rejected and failed tasks, and names the most recent match', () => {
    expect(check(post('Same text'), [earlier(post('Same text'), { status: 'rejected' }), earlier(post('Same text'), { id: 'f', status: 'failed' })])).toBeNull();
    const found = check(post('Same text'), [earlier(post('Same text'), { id: 'old', hours: -5 }), earlier(post('Same text'), { id: 'new', hours: 0 })]);
    expect(found?.taskId).toBe('new');
  });

  it('generic previews are never compared', () => {
    const generic = preview('manual', { kind: 'generic', fields: { a: 1 } });
    expect(check(generic, [earlier(generic)])).toBeNull();
  });
});
