import { describe, expect, it } from 'vitest';
import { parsePayload } from '../payload';
import type { TaskInput } from '../types';
import { socialPayloadSchema } from './social-payload';
import { previewSocialPost } from './social-preview';
import { hashtagCount, mentionCount, notPublicReason, xWeightedLength } from './social-rules';

const task = (metadata: Record<string, unknown>, content?: TaskInput['content'], description: string | null = null): TaskInput => ({ id: 't', title: 'Post', description, assignedAgent: 'Social Media Agent', priority: 'medium', metadata, ...(content ? { content } : {}) });

describe('social payload', () => {
  it('reads the text, media and platform from the referenced social_posts row when metadata lacks them', () => {
    const parsed = parsePayload(socialPayloadSchema, task({ post_id: 12 }, { social_posts: { id: '12', content: 'From the row', media_urls: ['https://cdn.example/a.jpg'], platform: 'instagram' } }));
    expect(parsed).toMatchObject({ ok: true, payload: { platform: 'instagram', postId: '12', text: 'From the row', mediaUrls: ['https://cdn.example/a.jpg'] } });
  });

  it('metadata wins over the row; a referenced row that does not exist names the id', () => {
    expect(parsePayload(socialPayloadSchema, task({ post_id: 'sp-1', platform: 'x', content: 'Edited by Kenny' }, { social_posts: { content: 'Old', platform: 'x' } }))).toMatchObject({ ok: true, payload: { text: 'Edited by Kenny' } });
    expect(parsePayload(socialPayloadSchema, task({ post_id: 'sp-404' }, { social_posts: null }))).toMatchObject({ ok: false, error: expect.stringMatching(/metadata\.post_id: social post sp-404 does not exist/) });
  });

  it('builds the thread from content + thread, and refuses threads off X', () => {
    expect(parsePayload(socialPayloadSchema, task({ platform: 'x', content: 'One', thread: ['Two', 'Three'] }))).toMatchObject({ ok: true, payload: { parts: ['One', 'Two', 'Three'] } });
    expect(parsePayload(socialPayloadSchema, task({ platform: 'x', thread: ['One', 'Two'] }))).toMatchObject({ ok: true, payload: { text: 'One', parts: ['One', 'Two'] } });
    expect(parsePayload(socialPayloadSchema, task({ platform: 'facebook', content: 'One', thread: ['Two'] }))).toMatchObject({ ok: false, error: expect.stringMatching(/metadata\.thread: threads are an X feature/) });
  });

  it('names a missing or unknown platform', () => {
    expect(parsePayload(socialPayloadSchema, task({ content: 'hi' }))).toMatchObject({ ok: false, error: expect.stringMatching(/metadata\.platform: expected one of twitter, x, facebook, instagram/) });
    expect(parsePayload(socialPayloadSchema, task({ platform: 'myspace', content: 'hi' }))).toMatchObject({ ok: false, error: expect.stringMatching(/metadata\.platform/) });
  });
});

describe('social rules', () => {
  it('counts as the platforms do', () => {
    expect(xWeightedLength('a https://example.com/' + 'x'.repeat(100))).toBe(2 + 23);
    expect(xWeightedLength('😀日本')).toBe(6);
    expect(hashtagCount('#one #two x#not &#38; #three')).toBe(3);
    expect(mentionCount('@a @b mail@example.com')).toBe(2);
  });

  it('media Meta cannot fetch', () => {
    expect(notPublicReason('https://cdn.audico.co.za/a.jpg')).toBeNull();
    expect(notPublicReason('file:///tmp/a.jpg')).toMatch(/a file on this computer/);
    expect(notPublicReason('http://10.0.0.4/a.jpg')).toMatch(/local network|this computer's network/);
    expect(notPublicReason('http://127.0.0.1:9/a.jpg', 'loopback')).toBeNull();
    // Allowing loopback (tests) does not open the rest of the local network.
    expect(notPublicReason('http://192.168.1.20/a.jpg', 'loopback')).toMatch(/this computer's network/);
  });

  it('the preview carries the parts, media with alt, weighted counts and problems', () => {
    const parsed = parsePayload(socialPayloadSchema, task({ platform: 'instagram', content: 'Caption', media_urls: ['http://192.168.1.2/a.jpg'], media_alt_text: ['Alt one'] }));
    if (!parsed.ok) throw new Error(parsed.error);
    const preview = previewSocialPost('meta', parsed.payload, { accountName: 'Audico' });
    expect(preview.detail).toMatchObject({ accountName: 'Audico', countKind: 'characters', media: [{ url: 'http://192.168.1.2/a.jpg', alt: 'Alt one' }], parts: [{ text: 'Caption', count: 7 }] });
    expect(preview.problems).toEqual([{ field: 'metadata.media_urls.0', message: expect.stringMatching(/Meta fetches media itself/) }]);
    expect(preview.summary).toBe('Publish a post on Instagram as Audico with 1 image (7/2200 characters)');
  });
});
