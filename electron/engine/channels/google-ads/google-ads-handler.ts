/**
 * The Google Ads Agent's changes: adjust_bid, set_budget, pause_campaign, enable_campaign (see
 * ads-payload.ts), through the REST API (ads-client.ts). Every live step reads Google first: the
 * preview shows names and current values, caps are checked against them, and the mutate sends
 * exactly the previewed value. Dry runs ask Google with validateOnly. Rollback sets the previous
 * value back only while the value is still the one the task set.
 */
import { defaultSettings, type Settings } from '../../../../shared/settings';
import type { ExecutionPreview } from '../../../../shared/preview';
import type { SecretStore } from '../../secrets/types';
import { permanent, retryable } from '../errors';
import { parsePayload } from '../payload';
import type { ChannelHandler, ExecutionContext, TaskInput } from '../types';
import { AdsAuthRefused, type AdsRestClient } from './ads-client';
import type { AdsHistory } from './ads-history';
import { adsPayloadSchema, describeRequest, type AdsChange } from './ads-payload';
import { irreversibleNote, planChange, type AdsPlan } from './ads-plan';
import { readCustomer, readTarget } from './ads-read';
import { reconcileAdsChange, rollbackAdsChange } from './ads-undo';
import { clientFor, createGoogleAdsConnection } from './google-ads-connection';

export interface GoogleAdsHandlerOptions {
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  /** The executor's settings (impact caps). Default: the defaults. */
  settings?: () => Settings;
  /** This app's earlier changes of an entity (the 24 h cap). Default: none known. */
  history?: AdsHistory;
  now?: () => Date;
}

const dayMs = 86_400_000;

/**
 * What the preview says when Google was not asked (not connected, or the read failed); money in
 * `currency` (the caps' currency setting), since the account's own is not known yet.
 */
export function offlinePreview(change: AdsChange, note: string, currency: string | null = null): ExecutionPreview {
  const target =
    change.action === 'adjust_bid'
      ? `${change.criterionId ? `keyword ${change.criterionId} in ` : ''}ad group ${change.adGroupId}`
      : change.action === 'set_budget'
        ? change.budgetId ? `budget ${change.budgetId}` : `the budget of campaign ${change.campaignId}`
        : `campaign ${change.campaignId}`;
  const requested = 'change' in change ? describeRequest(change.change, currency) : change.action === 'pause_campaign' ? 'PAUSED' : 'ENABLED';
  const verb = change.action === 'adjust_bid' ? `Change the max CPC bid of ${target}: ${requested}` : change.action === 'set_budget' ? `Change ${target}: ${requested}` : `${change.action === 'pause_campaign' ? 'Pause' : 'Enable'} ${target}`;
  return {
    channel: 'google-ads',
    summary: verb,
    detail: {
      kind: 'ads_change',
      action: change.action,
      live: false,
      customerId: change.customerId,
      currency,
      campaign: 'campaignId' in change && change.campaignId ? { id: change.campaignId, name: null } : null,
      adGroup: change.action === 'adjust_bid' ? { id: change.adGroupId, name: null } : null,
      keyword: change.action === 'adjust_bid' && change.criterionId ? { id: change.criterionId, text: null, matchType: null } : null,
      budget: change.action === 'set_budget' && change.budgetId ? { id: change.budgetId, name: null, shared: false } : null,
      value: change.action === 'adjust_bid' ? 'bid' : change.action === 'set_budget' ? 'budget' : 'status',
      requested,
      before: null,
      after: null,
      beforeMicros: null,
      afterMicros: null,
      change: null,
      changePercent: null,
      sharedWith: [],
      caps: [],
      irreversible: irreversibleNote,
    },
    warnings: [note],
  };
}

export function createGoogleAdsHandler(options: GoogleAdsHandlerOptions): ChannelHandler<AdsChange> & { planFor(change: AdsChange, taskId: string | null, signal: AbortSignal): Promise<{ plan: AdsPlan; client: AdsRestClient }> } {
  const { connection, config } = createGoogleAdsConnection(options);
  const now = options.now ?? (() => new Date());
  const settings = options.settings ?? (() => defaultSettings);

  async function connected(): Promise<{ client: AdsRestClient; customerId: string }> {
    const reason = await connection.unavailableReason();
    const record = await connection.record();
    const made = record && !reason ? clientFor(config, record, (token) => void connection.updateTokens({ refresh_token: token })) : null;
    if (!made) throw permanent(reason ?? 'No Google Ads account connected: connect Google Ads in Settings → Channels');
    return made;
  }

  /** invalid_grant / 401: remember it (tasks are held until reconnected) and retry later. */
  async function authGuard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AdsAuthRefused) {
        await connection.markReconnectNeeded(error.message);
        throw retryable(connection.reconnectMessage(error.message));
      }
      throw error;
    }
  }

  async function planFor(change: AdsChange, taskId: string | null, signal: AbortSignal) {
    const { client, customerId: connectedId } = await connected();
    return authGuard(async () => {
      const customerId = change.customerId ?? connectedId;
      const [customer, state] = await Promise.all([readCustomer(client, customerId, signal), readTarget(client, customerId, change, signal)]);
      const history = options.history?.(state.resourceName, new Date(now().getTime() - dayMs), taskId) ?? [];
      return { plan: planChange(change, state, customer.currency, settings().adsCaps, history), client };
    });
  }

  const refuse = (plan: AdsPlan) => {
    if (plan.problems.length) throw permanent(plan.problems.map((problem) => problem.message).join('; '), { details: { problems: plan.problems } });
  };

  return {
    id: 'google-ads',
    name: 'Google Ads',
    agent: 'Google Ads Agent',
    payloadSchema: adsPayloadSchema,
    validateBeforeApproval: true,
    connection,
    limitKeys: () => [],
    planFor,
    // Not connected or needing a reconnect: the executor holds the task (no attempt spent) instead of failing it.
    unavailableReason: () => connection.unavailableReason(),
    async status() {
      const status = await connection.status();
      return { connected: status.state === 'connected' || status.state === 'error', detail: status.detail };
    },
    preview: (change) => offlinePreview(change, 'Names, current values and impact caps are read from Google Ads when the task is shown or run.', settings().adsCaps.currency),
    async loadPreview(task: TaskInput) {
      const parsed = parsePayload(adsPayloadSchema, task);
      if (!parsed.ok) throw permanent(parsed.error);
      if (await connection.unavailableReason()) return offlinePreview(parsed.payload, `${(await connection.unavailableReason())!}: names, current values and caps are checked once it is connected.`, settings().adsCaps.currency);
      const signal = AbortSignal.timeout(20_000);
      return (await planFor(parsed.payload, task.id, signal)).plan.preview;
    },
    async dryRun(change, context) {
      if (await connection.unavailableReason()) {
        return { preview: offlinePreview(change, 'Not checked with Google', settings().adsCaps.currency), wouldFail: null, verdict: 'Not checked with Google: no Google Ads account connected, so nothing was validated' };
      }
      try {
        const { plan, client } = await planFor(change, context.taskId, context.signal);
        if (plan.problems.length) return { preview: plan.preview, wouldFail: plan.problems.map((problem) => problem.message).join('; '), verdict: 'Refused by an impact cap before asking Google' };
        await authGuard(() => client.mutate(plan.state.customerId, plan.state.service, [plan.operation], { validateOnly: true }, context.signal));
        return { preview: plan.preview, wouldFail: null, verdict: 'Google validated this exact change (validateOnly: true); nothing was changed' };
      } catch (error) {
        return { preview: offlinePreview(change, 'Google was asked: the change would fail', settings().adsCaps.currency), wouldFail: error instanceof Error ? error.message : String(error), verdict: 'Google was asked (reads and validateOnly): the change would fail' };
      }
    },
    async execute(change, context: ExecutionContext) {
      const { plan, client } = await planFor(change, context.taskId, context.signal);
      refuse(plan);
      context.recordProgress(plan.progress);
      const result = await authGuard(() => client.mutate(plan.state.customerId, plan.state.service, [plan.operation], { partialFailure: false }, context.signal));
      const resourceName = result.results[0]?.resourceName ?? plan.state.resourceName;
      return {
        externalId: resourceName,
        externalUrl: null,
        result: { ...plan.progress, summary: plan.preview.summary, warnings: plan.warnings },
      };
    },
    async reconcile(input, context) {
      const { client } = await connected();
      return authGuard(() => reconcileAdsChange(client, input.progress, context.signal));
    },
    async rollback(input, context) {
      const { client } = await connected();
      return authGuard(() => rollbackAdsChange(client, input, context));
    },
  };
}
