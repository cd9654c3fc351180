import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ExecutionPreview } from '../../../shared/preview';
import { PreviewView } from './preview-view';

const email = (html: string | null, text: string | null): ExecutionPreview => ({
  channel: 'gmail',
  summary: 'Send "Your order" to jo@example.com',
  detail: { kind: 'email', from: null, to: ['jo@example.com'], cc: [], subject: 'Your order', text, html, threadId: null, inReplyTo: null, draftId: null, scheduledFor: null },
});

describe('PreviewView', () => {
  it('renders HTML e-mail only inside a script-less sandboxed iframe, never as page markup', () => {
    const markup = renderToStaticMarkup(<PreviewView preview={email('<p>Hi</p><script>alert(1)</script>', null)} error={null} />);
    // No allow-scripts: nothing in the e-mail can run; the page writes the cleaned e-mail into it (email-render.ts).
    expect(markup).toMatch(/<iframe[^>]*sandbox="allow-same-origin"/);
    expect(markup).not.toContain('allow-scripts');
    expect(markup).not.toContain('<script>');
    expect(markup).not.toContain('alert(1)');
  });

  it('shows a plain-text e-mail as text', () => {
    const markup = renderToStaticMarkup(<PreviewView preview={email(null, 'Hello <b>Jo</b>')} error={null} />);
    expect(markup).not.toContain('<iframe');
    expect(markup).toContain('Hello &lt;b&gt;Jo&lt;/b&gt;');
  });

  it('shows a post with its character count against the limit, flagged when over', () => {
    const post = (count: number): ExecutionPreview => ({
      channel: 'x',
      summary: 'Publish',
      detail: { kind: 'social_post', platform: 'x', text: 'a'.repeat(count), characterCount: count, characterLimit: 280, mediaUrls: [], postId: null },
    });
    expect(renderToStaticMarkup(<PreviewView preview={post(12)} error={null} />)).toContain('12 / 280 characters');
    expect(renderToStaticMarkup(<PreviewView preview={post(300)} error={null} />)).toContain('over the limit');
  });

  it('shows an SEO change as a before/after table (Google Ads changes: ads-change-preview.test.tsx)', () => {
    const seo = renderToStaticMarkup(
      <PreviewView
        preview={{ channel: 'opencart', summary: 'SEO', detail: { kind: 'seo_change', changeType: 'meta_description', productIds: [7], changes: [{ productId: 7, field: 'meta_description', before: 'Old', after: 'New' }] } }}
        error={null}
      />,
    );
    expect(seo).toMatch(/<td[^>]*>7<\/td><td>meta_description<\/td><td[^>]*>Old<\/td><td>New<\/td>/);
  });

  it('explains a missing preview', () => {
    expect(renderToStaticMarkup(<PreviewView preview={null} error="metadata.platform: required" />)).toContain('Cannot preview: metadata.platform: required');
  });
});
