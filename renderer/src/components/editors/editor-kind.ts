/**
 * Which editor a waiting task gets: by the kind of its preview, or, when the preview could not be
 * built (an invalid payload), by its channel, so a broken task is still fixed in a real editor.
 */
import type { ApprovalItem } from '../../../../shared/contract';
import type { PreviewDetail } from '../../../../shared/preview';

export type EditorKind = Exclude<PreviewDetail['kind'], 'generic'>;

const byChannel: Record<string, EditorKind> = { gmail: 'email', x: 'social_post', meta: 'social_post', brevo: 'newsletter', opencart: 'seo_change', 'google-ads': 'ads_change' };

/** The editor kind of a task, or null (manual tasks, generic previews): only the JSON editor applies. */
export function editorKindOf(item: Pick<ApprovalItem, 'preview' | 'channel'> & { task: { metadata: Record<string, unknown> } }): EditorKind | null {
  const kind = item.preview?.detail.kind;
  if (kind && kind !== 'generic') return kind;
  if (kind === 'generic' || !item.channel) return null;
  // Brevo also sends influencer outreach (previewed as an e-mail): only a newsletter gets the newsletter editor.
  if (item.channel === 'brevo') return [item.task.metadata.action, item.task.metadata.task_type].includes('send_newsletter') ? 'newsletter' : null;
  return byChannel[item.channel] ?? null;
}
