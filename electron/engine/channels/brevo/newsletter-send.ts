/**
 * Sending a newsletter without ever sending it twice:
 * 1. look for the task's campaign by its marker (campaign-lookup.ts): already sent → done; still a
 *    draft (an earlier attempt stopped before sendNow) → reuse it, never create a second one;
 * 2. otherwise create the campaign as a draft (scheduledAt only when the task schedules it);
 * 3. record its id with the intent (recordProgress) BEFORE sendNow;
 * 4. sendNow. A 5xx or a dropped connection there: read the campaign (sent / queued / in process →
 *    done; draft → nothing was sent, safe to try again).
 */
import type { ContentWriteBack, ExecutionContext, ExecutionOutcome, ReconcileResult } from '../types';
import { permanent, retryable, unknownOutcome } from '../errors';
import { BrevoApiError, type BrevoCampaign, type BrevoClient, type BrevoList, type NewCampaign } from './brevo-client';
import type { BrevoConfig } from './brevo-connection';
import { beforeSendFailure, knownBrevoFailure } from './brevo-errors';
import { campaignMarker, campaignName, findCampaignByMarker, reportOf, sentStatuses } from './campaign-lookup';
import type { NewsletterSend } from './newsletter-payload';

/** Resolves the sender and the lists; throws a permanent error naming what is missing. */
export async function resolveAudience(config: BrevoConfig, send: NewsletterSend, signal?: AbortSignal): Promise<{ sender: { email: string; name: string | null }; listIds: number[] }> {
  const listIds = send.listIds.length > 0 ? send.listIds : config.defaultListId ? [config.defaultListId] : [];
  if (listIds.length === 0) throw permanent('The newsletter has no recipients: set metadata.list_ids or a default list (BREVO_LIST_ID, or "Default list id" in Settings → Channels → Brevo)');
  let sender = config.sender;
  if (!sender) {
    const account = await config.client.getAccount(signal).catch((error: unknown) => {
      throw beforeSendFailure(error, 'reading the account for the sender address');
    });
    if (!account.email) throw permanent('No sender address: set BREVO_SENDER_EMAIL (a verified Brevo sender)');
    sender = { email: account.email, name: account.companyName ?? null };
  }
  return { sender, listIds };
}

/** The campaign as approved: content, sender, lists, and the task's marker in its name and tag. */
export function campaignFields(send: NewsletterSend, sender: { email: string; name: string | null }, listIds: number[], marker: string): NewCampaign {
  return {
    name: campaignName(send.subject, marker),
    tag: marker,
    subject: send.subject,
    htmlContent: send.html,
    ...(send.previewText ? { previewText: send.previewText } : {}),
    sender: sender.name ? { email: sender.email, name: sender.name } : { email: sender.email },
    recipients: { listIds },
  };
}

/** Reads each list (counts for the approval and the recipient count); a missing list is permanent. */
export async function readLists(client: BrevoClient, listIds: number[], signal?: AbortSignal): Promise<BrevoList[]> {
  const lists: BrevoList[] = [];
  for (const id of listIds) {
    try {
      lists.push(await client.getList(id, signal));
    } catch (error) {
      if (error instanceof BrevoApiError && error.status === 404) throw permanent(`Brevo list ${id} does not exist (404: ${error.brevoMessage})`);
      throw beforeSendFailure(error, `reading list ${id}`);
    }
  }
  return lists;
}

export async function sendNewsletter(config: BrevoConfig, send: NewsletterSend, context: ExecutionContext): Promise<ExecutionOutcome> {
  const { client } = config;
  const marker = campaignMarker(send.taskId);
  const existing = await findCampaignByMarker(client, marker, context.signal).catch((error: unknown) => {
    throw beforeSendFailure(error, 'looking for an earlier campaign of this task');
  });
  if (existing && sentStatuses.has(existing.status)) {
    return newsletterOutcome(send, existing.id, existing.status, null, context, { already_sent: true, evidence: `campaign ${existing.id} (${marker}) is already ${existing.status}: not sent again` });
  }
  if (existing && existing.status !== 'draft') {
    throw permanent(`This task's campaign ${existing.id} exists with status "${existing.status}": not sending it again. Check it in Brevo`);
  }
  const { sender, listIds } = await resolveAudience(config, send, context.signal);
  const lists = await readLists(client, listIds, context.signal);
  const recipientCount = lists.reduce((sum, list) => sum + list.uniqueSubscribers, 0);
  const scheduled = send.scheduledFor && send.scheduledFor.getTime() > context.now().getTime() ? send.scheduledFor : null;
  const fields = campaignFields(send, sender, listIds, marker);
  let campaignId = existing?.id ?? null;
  try {
    if (campaignId !== null) await client.updateCampaign(campaignId, { ...fields, ...(scheduled ? { scheduledAt: scheduled.toISOString() } : {}) }, context.signal);
    else campaignId = (await client.createCampaign({ ...fields, ...(scheduled ? { scheduledAt: scheduled.toISOString() } : {}) }, context.signal)).id;
  } catch (error) {
    // A draft sends nothing, and a retry finds one created despite the error by its marker.
    throw beforeSendFailure(error, campaignId !== null ? `updating draft campaign ${campaignId}` : 'creating the campaign');
  }
  context.recordProgress({ campaignId, marker });
  if (scheduled) return newsletterOutcome(send, campaignId, 'queued', recipientCount, context, { scheduled_at: scheduled.toISOString() });
  try {
    await client.sendNow(campaignId, context.signal);
  } catch (error) {
    return afterFailedSendNow(client, send, campaignId, recipientCount, error, context);
  }
  return newsletterOutcome(send, campaignId, 'queued', recipientCount, context, { list_ids: listIds, marker });
}

async function afterFailedSendNow(client: BrevoClient, send: NewsletterSend, campaignId: number, recipientCount: number, error: unknown, context: ExecutionContext): Promise<ExecutionOutcome> {
  const known = knownBrevoFailure(error, `sending campaign ${campaignId}`);
  const alreadyCode = error instanceof BrevoApiError && (error.code === 'campaign_sent' || error.code === 'campaign_processing');
  if (known && !alreadyCode) throw known;
  let campaign: BrevoCampaign;
  try {
    campaign = await client.getCampaign(campaignId);
  } catch {
    if (known) throw known;
    throw unknownOutcome(`Brevo failed while sending campaign ${campaignId} (${error instanceof Error ? error.message : String(error)}) and the campaign could not be read; recovery reads it again before anything is re-sent`, { details: { campaignId } });
  }
  if (sentStatuses.has(campaign.status)) {
    return newsletterOutcome(send, campaignId, campaign.status, recipientCount, context, { evidence: `sendNow failed (${error instanceof Error ? error.message : String(error)}), but campaign ${campaignId} is ${campaign.status}` });
  }
  if (known) throw known;
  if (campaign.status === 'draft') {
    throw retryable(`Brevo failed while sending campaign ${campaignId} (${error instanceof Error ? error.message : String(error)}); the campaign is still a draft, so nothing was sent. The next attempt sends this same campaign`, { details: { campaignId } });
  }
  throw unknownOutcome(`Brevo failed while sending campaign ${campaignId}; it is now "${campaign.status}". Check it in Brevo`, { details: { campaignId, status: campaign.status } });
}

/** After a crash: the campaign recorded with the intent, or found by its marker, says what happened. */
export async function reconcileNewsletter(config: BrevoConfig, send: NewsletterSend, progress: Record<string, unknown>, context: ExecutionContext): Promise<ReconcileResult> {
  const marker = campaignMarker(send.taskId);
  const recorded = typeof progress.campaignId === 'number' ? progress.campaignId : null;
  const campaign = recorded !== null ? await config.client.getCampaign(recorded, context.signal) : await findCampaignByMarker(config.client, marker, context.signal);
  if (!campaign) return { status: 'not_sent', evidence: `no campaign with marker ${marker} exists in Brevo: it was never created` };
  if (sentStatuses.has(campaign.status)) {
    return { status: 'succeeded', outcome: newsletterOutcome(send, campaign.id, campaign.status, null, context, { reconciled: true }), evidence: `campaign ${campaign.id} (${marker}) is ${campaign.status}` };
  }
  if (campaign.status === 'draft') return { status: 'not_sent', evidence: `campaign ${campaign.id} (${marker}) is still a draft: sendNow never took effect; the retry sends this same campaign` };
  return { status: 'unknown', evidence: `campaign ${campaign.id} (${marker}) has status "${campaign.status}"` };
}

/** The outcome, and the newsletter_drafts write-back in the row's own shape. */
export function newsletterOutcome(send: NewsletterSend, campaignId: number, status: string, recipientCount: number | null, context: Pick<ExecutionContext, 'now'>, extra: Record<string, unknown> = {}): ExecutionOutcome {
  const at = context.now().toISOString();
  const scheduled = typeof extra.scheduled_at === 'string';
  const writeBack: ContentWriteBack[] = [];
  if (send.draftId) {
    writeBack.push(
      send.draftShape === '008'
        ? { op: 'update', table: 'newsletter_drafts', id: send.draftId, set: { status: scheduled ? 'scheduled' : 'sent' }, mergeMetadata: { brevo_campaign_id: campaignId, ...(recipientCount !== null ? { recipients_count: recipientCount } : {}) } }
        : {
            op: 'update',
            table: 'newsletter_drafts',
            id: send.draftId,
            set: scheduled ? { status: 'scheduled', scheduled_for: extra.scheduled_at } : { status: 'sent', sent_at: at, ...(recipientCount !== null ? { recipient_count: recipientCount } : {}) },
            mergeMetadata: { brevo_campaign_id: campaignId },
          },
    );
  }
  return {
    externalId: String(campaignId),
    externalUrl: null,
    result: { brevo_campaign_id: campaignId, status, recipient_count: recipientCount, sent_via: 'brevo', sent_at: at, draft_id: send.draftId, ...extra },
    writeBack,
  };
}

export { reportOf };
