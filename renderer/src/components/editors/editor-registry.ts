/**
 * The task editors, one entry per kind of task: the next channel adds its editor here and
 * nowhere else. A task whose kind has no entry (manual tasks, generic previews) is edited as JSON.
 */
import { adsEditor } from './ads-editor';
import { editorKindOf, type EditorKind } from './editor-kind';
import type { EditorEntry } from './editor-types';
import { emailEditor } from './email-editor';
import { newsletterEditor } from './newsletter-editor';
import { seoEditor } from './seo-editor';
import { socialEditor } from './social-editor';

export const taskEditors: Record<EditorKind, EditorEntry> = {
  email: emailEditor,
  social_post: socialEditor,
  newsletter: newsletterEditor,
  seo_change: seoEditor,
  ads_change: adsEditor,
};

/** The editor for a waiting task, or null (JSON only). */
export function editorFor(item: Parameters<typeof editorKindOf>[0]): EditorEntry | null {
  const kind = editorKindOf(item);
  return kind ? taskEditors[kind] : null;
}
