/**
 * After the send: the campaign's status and statistics, and the newsletter_drafts update that
 * carries them to the cloud in the row's own shape (003: recipient_count, open_rate, click_rate
 * columns; 008: metadata {recipients_count, open_rate, click_rate}). Read on task detail load
 * (loadPreview) and by whoever applies content write-backs later (the content store).
 */
import type { CampaignReport } from '../../../../shared/preview';
import type { ContentWriteBack } from '../types';
import type { BrevoConfig } from './brevo-connection';
import { campaignMarker, findCampaignByMarker, reportOf } from './campaign-lookup';
import type { NewsletterSend } from './newsletter-payload';

/** The task's campaign report, or null when no campaign exists for it yet. */
export async function campaignReport(config: BrevoConfig, send: NewsletterSend, now: Date, signal?: AbortSignal): Promise<CampaignReport | null> {
  const found = await findCampaignByMarker(config.client, campaignMarker(send.taskId), signal);
  if (!found) return null;
  return reportOf(found.statistics?.globalStats ? found : await config.client.getCampaign(found.id, signal), now);
}

/** The draft row's statistics update; empty until Brevo reports the campaign sent. */
export function statisticsWriteBack(send: NewsletterSend, report: CampaignReport): ContentWriteBack[] {
  if (!send.draftId || report.status !== 'sent') return [];
  const stats = { open_rate: report.openRate, click_rate: report.clickRate };
  if (send.draftShape === '008') {
    return [{ op: 'update', table: 'newsletter_drafts', id: send.draftId, set: { status: 'sent' }, mergeMetadata: { brevo_campaign_id: report.campaignId, recipients_count: report.sent, ...stats, delivered: report.delivered, opens: report.opens, clicks: report.clicks, unsubscribes: report.unsubscribes } }];
  }
  return [{ op: 'update', table: 'newsletter_drafts', id: send.draftId, set: { status: 'sent', recipient_count: report.sent, ...stats }, mergeMetadata: { brevo_campaign_id: report.campaignId, delivered: report.delivered, opens: report.opens, clicks: report.clicks, unsubscribes: report.unsubscribes } }];
}
