// Social tasks that only point to a social_posts row (issue 9): the row supplies text, media and
// platform unless the task's metadata (an agent's or Kenny's edit) says otherwise.
import { describe, expect, it } from 'vitest';
import { parsePayload } from '../payload';
import type { ReferencedContent, TaskInput } from '../types';
import { socialWriteBack } from '../meta/facebook-publish';
import { taskPlatform as socialPlatformOf } from '../x/x-handler';
import { socialPayloadSchema, type SocialPost } from './social-payload';

const postId = '3f0e5a9c-1b2d-4c3e-8f4a-5b6c7d8e9f00';
const row = { id: postId, platform: 'instagram', content: 'From the row', media_urls: ['https://cdn.example.com/p.jpg'], status: 'draft' };

function task(metadata: Record<string, unknown>, content?: ReferencedContent): TaskInput {
  return { id: 't1', title: 'Post', description: 'Task description', assignedAgent: 'Social Media Agent', priority: 'medium', metadata, ...(content ? { content } : {}) };
}

describe('social payload from the referenced row', () => {
  it('takes text, media and platform from the row when metadata has none', () => {
    const input = task({ post_id: postId }, { social_posts: row });
    expect(socialPlatformOf(input)).toBe('instagram');
    expect(parsePayload(socialPayloadSchema, input)).toEqual({ ok: true, payload: expect.objectContaining({ platform: 'instagram', text: 'From the row', mediaUrls: ['https://cdn.example.com/p.jpg'], postId }) });
  });

  it('metadata wins over the row (an edit made before approval is what is sent)', () => {
    const input = task({ post_id: postId, platform: 'facebook', content: 'Edited by Kenny', media_urls: [] }, { social_posts: row });
    expect(socialPlatformOf(input)).toBe('facebook');
    expect(parsePayload(socialPayloadSchema, input)).toEqual({ ok: true, payload: expect.objectContaining({ platform: 'facebook', text: 'Edited by Kenny', mediaUrls: [] }) });
  });

  it('a missing row fails naming the post id; a row for a platform we cannot publish to names it', () => {
    expect(parsePayload(socialPayloadSchema, task({ post_id: postId }, { social_posts: null }))).toMatchObject({
      ok: false,
      error: expect.stringContaining(`metadata.post_id: social post ${postId} does not exist (not in the local social_posts table)`),
    });
    const tiktok = parsePayload(socialPayloadSchema, task({ post_id: postId }, { social_posts: { ...row, platform: 'tiktok' } }));
    expect(tiktok).toMatchObject({ ok: false, error: expect.stringContaining('metadata.platform: expected one of twitter, x, facebook, instagram in metadata or the social post (got "tiktok"') });
  });

  it('without a row or a platform, the error names metadata.platform', () => {
    expect(parsePayload(socialPayloadSchema, task({ content: 'Hi' }))).toMatchObject({ ok: false, error: expect.stringContaining('metadata.platform') });
  });

  it('the write-back after a publish writes what went out (the edited text) the way the cloud did', () => {
    const parsed = parsePayload(socialPayloadSchema, task({ post_id: postId, content: 'Edited by Kenny' }, { social_posts: row }));
    const post = (parsed as { ok: true; payload: SocialPost }).payload;
    const at = new Date('2026-11-29T12:00:00.000Z');
    expect(socialWriteBack(post, '1789', 'https://instagram.com/p/abc', at)).toEqual([
      {
        op: 'update',
        table: 'social_posts',
        id: postId,
        set: { status: 'published', published_at: at.toISOString(), post_url: 'https://instagram.com/p/abc', content: 'Edited by Kenny' },
        mergeMetadata: { platform_post_id: '1789', published_via: 'mission-control-desktop' },
      },
    ]);
    expect(socialWriteBack({ ...post, postId: null }, '1', 'https://x', at)).toEqual([]);
  });
});
