/**
 * What a Marketing Agent task would send, exactly: the pure preview (from the task) and the live
 * one (loadPreview: the sender and lists with their counts read from Brevo, the From of the
 * outreach mailer, and once sent, the campaign's status and statistics).
 */
import type { ExecutionPreview, NewsletterList } from '../../../../shared/preview';
import type { BrevoConfig } from './brevo-connection';
import { campaignReport } from './campaign-follow-up';
import type { MarketingSend } from './brevo-payload';
import type { NewsletterSend } from './newsletter-payload';
import type { OutreachSend } from './outreach-payload';

export function previewMarketing(send: MarketingSend): ExecutionPreview {
  return send.kind === 'send_newsletter' ? previewNewsletter(send, null, null) : previewOutreach(send, null);
}

export function previewNewsletter(send: NewsletterSend, config: BrevoConfig | null, lists: NewsletterList[] | null, extra: Partial<Extract<ExecutionPreview['detail'], { kind: 'newsletter' }>> = {}): ExecutionPreview {
  const listIds = send.listIds.length > 0 ? send.listIds : config?.defaultListId ? [config.defaultListId] : [];
  const audience = lists?.length
    ? lists.map((list) => `${list.name} (${list.uniqueSubscribers.toLocaleString('en')} subscribers)`).join(', ')
    : listIds.length
      ? `list${listIds.length > 1 ? 's' : ''} ${listIds.join(', ')}`
      : 'the default Brevo list';
  const when = send.scheduledFor ? ` on ${send.scheduledFor.toISOString()}` : '';
  return {
    channel: 'brevo',
    summary: `Send newsletter "${send.subject}" to ${audience}${when}`,
    detail: {
      kind: 'newsletter',
      subject: send.subject,
      recipientCount: lists ? lists.reduce((sum, list) => sum + list.uniqueSubscribers, 0) : null,
      draftId: send.draftId,
      html: send.html,
      previewText: send.previewText,
      sender: config?.sender ?? null,
      listIds,
      lists,
      scheduledFor: send.scheduledFor?.toISOString() ?? null,
      campaign: null,
      canSendTest: true,
      ...extra,
    },
  };
}

export function previewOutreach(send: OutreachSend, from: string | null, via: string | null = null): ExecutionPreview {
  return {
    channel: 'brevo',
    summary: `E-mail ${send.to.name ? `${send.to.name} <${send.to.email}>` : send.to.email}: "${send.subject}"${via ? ` (via ${via})` : ''}`,
    detail: { kind: 'email', from, to: [send.to.email], cc: [], subject: send.subject, text: null, html: send.html, threadId: null, inReplyTo: null, draftId: null, scheduledFor: null },
  };
}

/** The newsletter preview with live reads; a read that fails becomes a warning, a missing list a problem. */
export async function loadNewsletterPreview(config: BrevoConfig | null, send: NewsletterSend, now: Date): Promise<ExecutionPreview> {
  if (!config) {
    const preview = previewNewsletter(send, null, null);
    return { ...preview, warnings: ['Brevo is not connected: the sender and the lists cannot be read. Connect Brevo in Settings → Channels'] };
  }
  const listIds = send.listIds.length > 0 ? send.listIds : config.defaultListId ? [config.defaultListId] : [];
  const problems: { field: string | null; message: string }[] = [];
  const warnings: string[] = [];
  const lists: NewsletterList[] = [];
  if (listIds.length === 0) problems.push({ field: 'metadata.list_ids', message: 'No recipients: set list_ids or a default list (BREVO_LIST_ID)' });
  for (const id of listIds) {
    try {
      const list = await config.client.getList(id);
      lists.push({ id: list.id, name: list.name, totalSubscribers: list.totalSubscribers, uniqueSubscribers: list.uniqueSubscribers, totalBlacklisted: list.totalBlacklisted });
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (status === 404) problems.push({ field: 'metadata.list_ids', message: `Brevo list ${id} does not exist` });
      else warnings.push(`List ${id} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!config.sender) warnings.push('No sender configured: the account e-mail is used (set BREVO_SENDER_EMAIL to choose a verified sender)');
  let campaign = null;
  try {
    campaign = await campaignReport(config, send, now);
  } catch (error) {
    warnings.push(`The campaign's status could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const preview = previewNewsletter(send, config, lists.length || listIds.length === 0 ? lists : null, { campaign, canSendTest: !campaign || campaign.status === 'draft' });
  return { ...preview, ...(problems.length ? { problems } : {}), ...(warnings.length ? { warnings } : {}) };
}
