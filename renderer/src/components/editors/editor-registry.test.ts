import { describe, expect, it } from 'vitest';
import type { ExecutionPreview, PreviewDetail } from '../../../../shared/preview';
import { editorFor, taskEditors } from './editor-registry';
import { editorKindOf } from './editor-kind';

const preview = (kind: PreviewDetail['kind']): ExecutionPreview => ({ channel: 'c', summary: 's', detail: { kind } as PreviewDetail });
const item = (channel: string | null, kind: PreviewDetail['kind'] | null, metadata: Record<string, unknown> = {}) => ({ channel, preview: kind ? preview(kind) : null, task: { metadata } });

describe('the task editor registry', () => {
  it('has an editor for every kind of preview a channel sends, naming the fields it shows', () => {
    for (const [kind, entry] of Object.entries(taskEditors)) {
      expect(entry.fields.length, kind).toBeGreaterThan(0);
      expect(entry.fields.every((field) => field.startsWith('metadata.')), kind).toBe(true);
    }
    expect(editorFor(item('gmail', 'email'))).toBe(taskEditors.email);
    expect(editorFor(item('x', 'social_post'))?.label).toBe('Post');
    expect(editorFor(item('google-ads', 'ads_change'))?.label).toBe('Google Ads');
  });

  it('finds the editor by channel when the preview could not be built, so a broken task is fixed in its editor', () => {
    expect(editorKindOf(item('x', null))).toBe('social_post');
    expect(editorKindOf(item('meta', null))).toBe('social_post');
    expect(editorKindOf(item('opencart', null))).toBe('seo_change');
    expect(editorKindOf(item('brevo', null, { action: 'send_newsletter' }))).toBe('newsletter');
    // Brevo's influencer outreach is not a newsletter: JSON only.
    expect(editorKindOf(item('brevo', null, { action: 'send_outreach' }))).toBeNull();
  });

  it('leaves manual tasks and generic previews to the JSON editor', () => {
    expect(editorFor(item(null, null))).toBeNull();
    expect(editorFor(item('x', 'generic'))).toBeNull();
  });
});
