/**
 * The change as it will go out, computed from what Google says now: the new value rounded to the
 * currency's billable unit, the change in money and percent, every impact cap checked, the
 * preview Kenny approves and the mutate operation that sends exactly that. Pure.
 */
import { formatMicros, formatMicrosChange, formatPercent, toMicros, roundMicros } from '../../../../shared/ads-money';
import type { ExecutionPreview } from '../../../../shared/preview';
import type { AdsCaps } from '../../../../shared/settings';
import type { AdsChange } from './ads-payload';
import type { AdsTargetState } from './ads-read';

/** Said on every ads preview and task page. */
export const irreversibleNote = 'Rollback sets the previous value back; money already spent at the old or new value cannot be undone.';

/** An earlier change of the same entity by this app within the rolling 24 h. */
export interface PastChange {
  oldMicros: number;
  newMicros: number;
  at: string;
}

export interface AdsPlan {
  state: AdsTargetState;
  currency: string;
  newMicros: number | null;
  newStatus: 'ENABLED' | 'PAUSED' | null;
  /** Refused before approval: each names the cap (or the field). */
  problems: { field: string | null; message: string }[];
  warnings: string[];
  preview: ExecutionPreview;
  /** The mutate operation (update + updateMask), sent as is. */
  operation: { update: Record<string, unknown>; updateMask: string };
  /** What the intent records before the mutate (reconcile and rollback read it). */
  progress: { resourceName: string; field: AdsTargetState['field']; service: AdsTargetState['service']; customerId: string; currency: string; before: string | null; after: string };
}

const changeField = (change: AdsChange) => (change.action === 'adjust_bid' ? ('percent' in change.change ? 'bid_change_percent' : 'new_bid') : change.action === 'set_budget' ? ('percent' in change.change ? 'budget_change_percent' : 'new_amount') : 'campaign_id');

export function planChange(change: AdsChange, state: AdsTargetState, currency: string, caps: AdsCaps, history: PastChange[]): AdsPlan {
  const problems: AdsPlan['problems'] = [];
  const warnings: string[] = [];
  const checks: { name: string; label: string; limit: string; actual: string; ok: boolean }[] = [];
  const cap = (name: keyof AdsCaps, label: string, limit: string, actual: string, ok: boolean) => {
    checks.push({ name, label, limit, actual, ok });
    if (!ok) problems.push({ field: changeField(change), message: `Beyond the impact cap ${name} (${label}: ${limit}): this change is ${actual}. It is refused, not clipped: change the task or the cap in Settings.` });
  };
  const money = (micros: number) => formatMicros(micros, currency);

  let newMicros: number | null = null;
  let newStatus: AdsPlan['newStatus'] = null;
  let requested: string;
  if (!('change' in change)) {
    newStatus = change.action === 'pause_campaign' ? 'PAUSED' : 'ENABLED';
    requested = newStatus;
    if (state.currentStatus === newStatus) warnings.push(`Campaign is already ${newStatus}: nothing changes.`);
    if (state.currentStatus === 'REMOVED') problems.push({ field: 'campaign_id', message: 'The campaign is removed: it cannot be paused or enabled.' });
  } else {
    const current = state.currentMicros;
    const asked = change.change;
    if ('percent' in asked) {
      requested = formatPercent(asked.percent);
      if (current === null || current === 0) problems.push({ field: changeField(change), message: `The current ${state.value} is not set, so a percent change has nothing to apply to: give ${change.action === 'adjust_bid' ? 'new_bid' : 'new_amount'} instead.` });
      else newMicros = roundMicros(current * (1 + asked.percent / 100), currency);
    } else {
      requested = formatMicros(toMicros(asked.amount, currency), currency);
      newMicros = toMicros(asked.amount, currency);
    }
    if (newMicros !== null && newMicros <= 0) problems.push({ field: changeField(change), message: `The new ${state.value} would be ${money(newMicros)}: it must stay above zero.` });
    if (newMicros !== null && current) {
      const percent = ((newMicros - current) / current) * 100;
      cap('maxChangePercent', 'largest single change', `${caps.maxChangePercent} %`, formatPercent(percent), Math.abs(percent) <= caps.maxChangePercent + 1e-9);
      const base = history.length ? history.reduce((a, b) => (a.at <= b.at ? a : b)).oldMicros : current;
      const total = base ? ((newMicros - base) / base) * 100 : 0;
      cap('maxDailyChangePercent', 'largest total change in 24 h', `${caps.maxDailyChangePercent} %`, `${formatPercent(total)} from ${money(base)}${history.length ? ` (${history.length} earlier change${history.length > 1 ? 's' : ''} by this app)` : ''}`, Math.abs(total) <= caps.maxDailyChangePercent + 1e-9);
    }
    if (newMicros !== null) {
      const [floor, ceiling, floorName, ceilingName] = state.value === 'bid' ? [caps.bidFloor, caps.bidCeiling, 'bidFloor', 'bidCeiling'] as const : [caps.budgetFloor, caps.budgetCeiling, 'budgetFloor', 'budgetCeiling'] as const;
      cap(floorName, `lowest ${state.value === 'bid' ? 'max CPC bid' : 'daily budget'}`, money(toMicros(floor, currency)), money(newMicros), newMicros >= toMicros(floor, currency));
      cap(ceilingName, `highest ${state.value === 'bid' ? 'max CPC bid' : 'daily budget'}`, money(toMicros(ceiling, currency)), money(newMicros), newMicros <= toMicros(ceiling, currency));
    }
  }
  const entities = state.value === 'budget' ? Math.max(1, state.budgetCampaigns.length) : 1;
  cap('maxEntitiesPerTask', 'most entities per task', String(caps.maxEntitiesPerTask), `${entities} ${state.value === 'budget' ? `campaign${entities > 1 ? 's' : ''} on this budget` : 'entity'}`, entities <= caps.maxEntitiesPerTask);
  if (state.budget && (state.budget.shared || state.budgetCampaigns.length > 1)) {
    const names = state.budgetCampaigns.map((c) => `${c.name ?? 'campaign'} (${c.id})`).join(', ');
    warnings.push(`Shared budget "${state.budget.name ?? state.budget.id}" funds ${state.budget.referenceCount} campaign${state.budget.referenceCount === 1 ? '' : 's'}: ${names || 'unknown'}. Changing it changes all of them.`);
  }

  const before = state.value === 'status' ? state.currentStatus : state.currentMicros === null ? null : money(state.currentMicros);
  const after = newStatus ?? (newMicros === null ? null : money(newMicros));
  const delta = newMicros !== null && state.currentMicros !== null ? newMicros - state.currentMicros : null;
  const percent = delta !== null && state.currentMicros ? (delta / state.currentMicros) * 100 : null;
  const what = state.keyword ? `keyword "${state.keyword.text ?? state.keyword.id}" in ad group "${state.adGroup?.name ?? state.adGroup?.id}"` : state.adGroup ? `ad group "${state.adGroup.name ?? state.adGroup.id}"` : state.budget ? `budget "${state.budget.name ?? state.budget.id}"` : `campaign "${state.campaign?.name ?? state.campaign?.id}"`;
  const summary =
    state.value === 'status'
      ? `${newStatus === 'PAUSED' ? 'Pause' : 'Enable'} ${what}`
      : `Set the ${state.value === 'bid' ? 'max CPC bid' : 'daily budget'} of ${what} from ${before ?? 'unset'} to ${after ?? '?'}${delta !== null ? ` (${formatMicrosChange(delta, currency)}, ${formatPercent(percent ?? 0)})` : ''}`;
  const value = state.value === 'status' ? newStatus! : String(newMicros ?? 0);
  return {
    state,
    currency,
    newMicros,
    newStatus,
    problems,
    warnings,
    preview: {
      channel: 'google-ads',
      summary,
      detail: {
        kind: 'ads_change',
        action: change.action,
        live: true,
        customerId: state.customerId,
        currency,
        campaign: state.campaign,
        adGroup: state.adGroup,
        keyword: state.keyword,
        budget: state.budget ? { id: state.budget.id, name: state.budget.name, shared: state.budget.shared || state.budgetCampaigns.length > 1 } : null,
        value: state.value,
        requested,
        before,
        after,
        beforeMicros: state.currentMicros === null ? null : String(state.currentMicros),
        afterMicros: newMicros === null ? null : String(newMicros),
        change: delta === null ? null : formatMicrosChange(delta, currency),
        changePercent: percent === null ? null : Math.round(percent * 100) / 100,
        sharedWith: state.budget && state.budgetCampaigns.length > 1 ? state.budgetCampaigns : [],
        caps: checks,
        irreversible: irreversibleNote,
      },
      problems,
      warnings,
    },
    operation: { update: { resourceName: state.resourceName, [state.field]: value }, updateMask: state.field },
    progress: {
      resourceName: state.resourceName,
      field: state.field,
      service: state.service,
      customerId: state.customerId,
      currency,
      before: state.value === 'status' ? state.currentStatus : state.currentMicros === null ? null : String(state.currentMicros),
      after: value,
    },
  };
}
