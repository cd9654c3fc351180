/**
 * Finding our campaign again. Every campaign the app creates carries a marker derived from the
 * task (in its tag and at the end of its name), the same for every attempt of the task: a retry
 * or a recovery after a crash finds the campaign an earlier attempt created instead of creating a
 * second one. Reads only: safe to repeat.
 */
import { createHash } from 'node:crypto';
import type { CampaignReport } from '../../../../shared/preview';
import type { BrevoCampaign, BrevoClient } from './brevo-client';

/** Pages of campaigns searched for a marker, newest first (100 each). Default: 10 (1,000 campaigns). */
export const markerSearchPages = 10;

/** Statuses meaning Brevo has taken the send (done, waiting for its time, or going out now). */
export const sentStatuses = new Set(['sent', 'queued', 'in_process', 'inProcess']);

/**
 * The marker of a task's campaign: from the task part of the idempotency key (`taskId:attempt`),
 * so every attempt of one task shares it.
 */
export function campaignMarker(taskIdOrKey: string): string {
  const taskId = taskIdOrKey.replace(/:\d+$/, '');
  return `mc-${createHash('sha256').update(taskId).digest('hex').slice(0, 16)}`;
}

export const campaignName = (subject: string, marker: string) => `${subject.slice(0, 180)} [${marker}]`;

const hasMarker = (campaign: BrevoCampaign, marker: string) => campaign.tag === marker || campaign.name.endsWith(`[${marker}]`);

/** The campaign carrying this marker, or null after searching the newest pages. */
export async function findCampaignByMarker(client: BrevoClient, marker: string, signal?: AbortSignal): Promise<BrevoCampaign | null> {
  const pageSize = 100;
  for (let page = 0; page < markerSearchPages; page++) {
    const { campaigns = [], count } = await client.listCampaigns(page * pageSize, pageSize, signal);
    const found = campaigns.find((campaign) => hasMarker(campaign, marker));
    if (found) return found;
    if (campaigns.length < pageSize || (count !== undefined && (page + 1) * pageSize >= count)) return null;
  }
  return null;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null);
const rate = (part: number | null, whole: number | null) => (part !== null && whole ? Math.round((part / whole) * 10_000) / 100 : null);

/** Status and statistics (delivered, opens, clicks, unsubscribes) as the task detail shows them. */
export function reportOf(campaign: BrevoCampaign, checkedAt: Date): CampaignReport {
  const stats = campaign.statistics?.globalStats;
  const delivered = num(stats?.delivered);
  const opens = num(stats?.uniqueViews);
  const clicks = num(stats?.uniqueClicks);
  return {
    campaignId: campaign.id,
    status: campaign.status,
    sent: num(stats?.sent),
    delivered,
    opens,
    clicks,
    unsubscribes: num(stats?.unsubscriptions),
    openRate: rate(opens, delivered),
    clickRate: rate(clicks, delivered),
    checkedAt: checkedAt.toISOString(),
  };
}
