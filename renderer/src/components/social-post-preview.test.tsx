import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ExecutionPreview } from '../../../shared/preview';
import { PreviewView } from './preview-view';

const base = { kind: 'social_post' as const, characterLimit: 280, postId: null, mediaUrls: [] };

describe('SocialPostPreview', () => {
  it('shows an X thread post by post with X’s weighted count and the account', () => {
    const preview: ExecutionPreview = {
      channel: 'x',
      summary: 'Publish a thread',
      detail: { ...base, platform: 'x', text: 'One https://a.example', characterCount: 27, accountName: '@AudicoSA', countKind: 'weighted', parts: [{ text: 'One https://a.example', count: 27 }, { text: 'Two', count: 3 }], media: [{ url: 'https://cdn.example/era.jpg', alt: 'A speaker' }], mediaType: 'image' },
    };
    const markup = renderToStaticMarkup(<PreviewView preview={preview} error={null} />);
    expect(markup).toContain('@AudicoSA');
    expect(markup).toContain('27 / 280 as X counts');
    expect(markup).toContain('Reply 2 of 2 in the thread');
    expect(markup).toContain('Alt: A speaker');
    expect(markup).toContain('era.jpg');
  });

  it('lists the problems that block approval', () => {
    const preview: ExecutionPreview = {
      channel: 'meta',
      summary: 'Publish',
      detail: { ...base, platform: 'instagram', text: 'Hi', characterCount: 2, characterLimit: 2200 },
      problems: [{ field: 'metadata.media_urls.0', message: 'Meta needs a public URL' }],
    };
    const markup = renderToStaticMarkup(<PreviewView preview={preview} error={null} />);
    expect(markup).toMatch(/Problems to fix before approving.*metadata\.media_urls\.0: .*Meta needs a public URL/);
  });
});
