/**
 * The GAQL reads behind previews, caps, reconciliation and rollback: what a change targets, its
 * names and its current value, read from Google at the moment they are needed (never cached).
 */
import { permanent } from '../errors';
import type { AdsRestClient, AdsRow, MutateService } from './ads-client';
import type { AdsChange } from './ads-payload';

export interface AdsCustomer {
  id: string;
  name: string | null;
  currency: string;
  timeZone: string | null;
}

/** One bid, budget or campaign status as it is at Google now. */
export interface AdsTargetState {
  customerId: string;
  value: 'bid' | 'budget' | 'status';
  service: MutateService;
  resourceName: string;
  /** The REST field (updateMask path): cpcBidMicros, amountMicros, status. */
  field: 'cpcBidMicros' | 'amountMicros' | 'status';
  campaign: { id: string; name: string | null } | null;
  adGroup: { id: string; name: string | null } | null;
  keyword: { id: string; text: string | null; matchType: string | null } | null;
  budget: { id: string; name: string | null; shared: boolean; referenceCount: number } | null;
  /** Campaigns that spend from the budget (only read for budgets). */
  budgetCampaigns: { id: string; name: string | null }[];
  /** Bids and budgets; for a keyword without its own bid, the ad group's bid it inherits. */
  currentMicros: number | null;
  currentStatus: string | null;
}

const str = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
const num = (value: unknown): number | null => (value === undefined || value === null || value === '' ? null : Number(value));
const part = (row: AdsRow | undefined, key: string) => (row?.[key] ?? {}) as Record<string, unknown>;

export async function readCustomer(client: AdsRestClient, customerId: string, signal: AbortSignal): Promise<AdsCustomer> {
  const rows = await client.search(customerId, 'SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone FROM customer LIMIT 1', signal);
  const customer = part(rows[0], 'customer');
  if (!rows[0] || !customer.currencyCode) throw permanent(`Google Ads customer ${customerId} was not found or is not accessible`);
  return { id: str(customer.id) ?? customerId, name: str(customer.descriptiveName), currency: String(customer.currencyCode), timeZone: str(customer.timeZone) };
}

const notFound = (what: string, field: string) => permanent(`Google Ads has no ${what} (metadata.${field})`, { details: { field } });

/** Reads what the change targets and its current value. A missing id fails naming the field. */
export async function readTarget(client: AdsRestClient, customerId: string, change: AdsChange, signal: AbortSignal): Promise<AdsTargetState> {
  const base = { customerId, adGroup: null, keyword: null, budget: null, budgetCampaigns: [], currentStatus: null, currentMicros: null, campaign: null };
  if (change.action === 'adjust_bid' && change.criterionId === null) {
    const [row] = await client.search(customerId, `SELECT campaign.id, campaign.name, ad_group.id, ad_group.name, ad_group.cpc_bid_micros FROM ad_group WHERE ad_group.id = ${change.adGroupId}`, signal);
    if (!row) throw notFound(`ad group ${change.adGroupId} in customer ${customerId}`, 'ad_group_id');
    const adGroup = part(row, 'adGroup');
    return { ...base, value: 'bid', service: 'adGroups', field: 'cpcBidMicros', resourceName: `customers/${customerId}/adGroups/${change.adGroupId}`, campaign: { id: String(part(row, 'campaign').id), name: str(part(row, 'campaign').name) }, adGroup: { id: change.adGroupId, name: str(adGroup.name) }, currentMicros: num(adGroup.cpcBidMicros) };
  }
  if (change.action === 'adjust_bid') {
    const [row] = await client.search(
      customerId,
      `SELECT campaign.id, campaign.name, ad_group.id, ad_group.name, ad_group_criterion.criterion_id, ad_group_criterion.keyword.text, ad_group_criterion.keyword.match_type, ad_group_criterion.cpc_bid_micros, ad_group_criterion.effective_cpc_bid_micros FROM ad_group_criterion WHERE ad_group.id = ${change.adGroupId} AND ad_group_criterion.criterion_id = ${change.criterionId}`,
      signal,
    );
    const criterionId = change.criterionId!;
    if (!row) throw notFound(`keyword ${criterionId} in ad group ${change.adGroupId}`, 'criterion_id');
    const criterion = part(row, 'adGroupCriterion');
    const keyword = (criterion.keyword ?? {}) as Record<string, unknown>;
    return {
      ...base,
      value: 'bid',
      service: 'adGroupCriteria',
      field: 'cpcBidMicros',
      resourceName: `customers/${customerId}/adGroupCriteria/${change.adGroupId}~${change.criterionId}`,
      campaign: { id: String(part(row, 'campaign').id), name: str(part(row, 'campaign').name) },
      adGroup: { id: change.adGroupId, name: str(part(row, 'adGroup').name) },
      keyword: { id: criterionId, text: str(keyword.text), matchType: str(keyword.matchType) },
      currentMicros: num(criterion.cpcBidMicros) ?? num(criterion.effectiveCpcBidMicros),
    };
  }
  if (change.action === 'set_budget') {
    const budgetFields = 'campaign_budget.id, campaign_budget.name, campaign_budget.amount_micros, campaign_budget.explicitly_shared, campaign_budget.reference_count';
    const [row] = change.budgetId
      ? await client.search(customerId, `SELECT ${budgetFields} FROM campaign_budget WHERE campaign_budget.id = ${change.budgetId}`, signal)
      : await client.search(customerId, `SELECT campaign.id, campaign.name, ${budgetFields} FROM campaign WHERE campaign.id = ${change.campaignId}`, signal);
    if (!row) throw change.budgetId ? notFound(`campaign budget ${change.budgetId}`, 'budget_id') : notFound(`campaign ${change.campaignId}`, 'campaign_id');
    const budget = part(row, 'campaignBudget');
    const budgetId = str(budget.id);
    if (!budgetId) throw notFound(`budget on campaign ${change.campaignId}`, 'campaign_id');
    const campaigns = await client.search(customerId, `SELECT campaign.id, campaign.name FROM campaign WHERE campaign_budget.id = ${budgetId}`, signal);
    const budgetCampaigns = campaigns.map((c) => ({ id: String(part(c, 'campaign').id), name: str(part(c, 'campaign').name) }));
    const campaign = row.campaign ? { id: String(part(row, 'campaign').id), name: str(part(row, 'campaign').name) } : budgetCampaigns.length === 1 ? budgetCampaigns[0]! : null;
    return {
      ...base,
      value: 'budget',
      service: 'campaignBudgets',
      field: 'amountMicros',
      resourceName: `customers/${customerId}/campaignBudgets/${budgetId}`,
      campaign,
      budget: { id: budgetId, name: str(budget.name), shared: budget.explicitlyShared === true, referenceCount: num(budget.referenceCount) ?? budgetCampaigns.length },
      budgetCampaigns,
      currentMicros: num(budget.amountMicros),
    };
  }
  const [row] = await client.search(customerId, `SELECT campaign.id, campaign.name, campaign.status FROM campaign WHERE campaign.id = ${change.campaignId}`, signal);
  if (!row) throw notFound(`campaign ${change.campaignId} in customer ${customerId}`, 'campaign_id');
  const campaign = part(row, 'campaign');
  return { ...base, value: 'status', service: 'campaigns', field: 'status', resourceName: `customers/${customerId}/campaigns/${change.campaignId}`, campaign: { id: change.campaignId, name: str(campaign.name) }, currentStatus: str(campaign.status) };
}

/** The current value of one field of a resource we changed (reconcile, rollback). */
export async function readCurrent(client: AdsRestClient, resourceName: string, field: AdsTargetState['field'], signal: AbortSignal): Promise<string | null> {
  const [, customerId, collection, id] = resourceName.split('/');
  const queries: Record<string, string> = {
    adGroups: `SELECT ad_group.cpc_bid_micros FROM ad_group WHERE ad_group.resource_name = '${resourceName}'`,
    adGroupCriteria: `SELECT ad_group_criterion.cpc_bid_micros FROM ad_group_criterion WHERE ad_group_criterion.resource_name = '${resourceName}'`,
    campaignBudgets: `SELECT campaign_budget.amount_micros FROM campaign_budget WHERE campaign_budget.resource_name = '${resourceName}'`,
    campaigns: `SELECT campaign.status FROM campaign WHERE campaign.resource_name = '${resourceName}'`,
  };
  const query = queries[collection ?? ''];
  if (!query || !customerId || !id) throw permanent(`Cannot read back ${resourceName}`);
  const [row] = await client.search(customerId, query, signal);
  if (!row) return null;
  const resource = Object.values(row).find((value) => value && typeof value === 'object' && field in value) as Record<string, unknown> | undefined;
  return str(resource?.[field]);
}

/** Who changed a resource since a time (change_event; Google keeps 30 days). Empty when none is found. */
export async function readChangeEvents(client: AdsRestClient, resourceName: string, since: Date, signal: AbortSignal): Promise<{ at: string; user: string | null; client: string | null }[]> {
  const customerId = resourceName.split('/')[1]!;
  const from = since.toISOString().replace('T', ' ').slice(0, 19);
  const rows = await client.search(
    customerId,
    `SELECT change_event.change_date_time, change_event.user_email, change_event.client_type, change_event.change_resource_name FROM change_event WHERE change_event.change_date_time >= '${from}' AND change_event.change_resource_name = '${resourceName}' ORDER BY change_event.change_date_time DESC LIMIT 5`,
    signal,
  );
  return rows.map((row) => ({ at: String(part(row, 'changeEvent').changeDateTime), user: str(part(row, 'changeEvent').userEmail), client: str(part(row, 'changeEvent').clientType) }));
}
