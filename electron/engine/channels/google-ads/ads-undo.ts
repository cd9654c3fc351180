/**
 * After a crash (reconcile) and on rollback, the value at Google decides: it is read back and
 * compared with what the intent recorded before the mutate (`before`, `after`).
 */
import { formatMicros } from '../../../../shared/ads-money';
import { permanent } from '../errors';
import type { ReconcileResult, RollbackInput, RollbackResult } from '../types';
import type { AdsRestClient } from './ads-client';
import type { AdsPlan } from './ads-plan';
import { readChangeEvents, readCurrent } from './ads-read';

type Progress = AdsPlan['progress'];

function asProgress(value: unknown): Progress | null {
  const p = value as Partial<Progress> | null;
  return p && typeof p.resourceName === 'string' && typeof p.field === 'string' && typeof p.after === 'string' && typeof p.service === 'string' ? (p as Progress) : null;
}

const show = (value: string | null, field: string, currency: string | undefined) => (value === null ? 'unset' : field === 'status' || !currency ? value : formatMicros(value, currency));

/** value == new → succeeded; == old → not sent; anything else → unknown (a person decides). */
export async function reconcileAdsChange(client: AdsRestClient, progress: Record<string, unknown>, signal: AbortSignal): Promise<ReconcileResult> {
  const p = asProgress(progress);
  if (!p) return { status: 'not_sent', evidence: 'No change was recorded before the crash: the mutate was never sent' };
  const current = await readCurrent(client, p.resourceName, p.field, signal);
  if (current === p.after && current !== p.before) {
    return { status: 'succeeded', evidence: `${p.resourceName} ${p.field} is ${current}, the value this task set`, outcome: { externalId: p.resourceName, externalUrl: null, result: { ...p, reconciled: true } } };
  }
  if (current === p.before) return { status: 'not_sent', evidence: `${p.resourceName} ${p.field} is still ${current}, the value before this task` };
  return { status: 'unknown', evidence: `${p.resourceName} ${p.field} is ${current ?? 'unreadable'}: neither the value before (${p.before}) nor the one this task set (${p.after})` };
}

/** Sets the previous value back if the current value is still the task's; else says who changed it and stops. */
export async function rollbackAdsChange(client: AdsRestClient, input: RollbackInput, context: { signal: AbortSignal; now: () => Date }): Promise<RollbackResult> {
  const p = asProgress(input.execution.result) ?? asProgress(input.execution.progress);
  if (!p) throw permanent('This Google Ads task recorded no change to roll back');
  if (p.before === null) throw permanent(`The value before this task is unknown (${p.resourceName} ${p.field} was unset): it cannot be set back`);
  const what = `${p.resourceName} ${p.field}`;
  const current = await readCurrent(client, p.resourceName, p.field, context.signal);
  if (current !== p.after) {
    let who = 'changed since';
    try {
      const since = new Date(context.now().getTime() - 30 * 86_400_000);
      const [event] = await readChangeEvents(client, p.resourceName, since, context.signal);
      if (event) who = `changed since by ${event.user ?? 'someone'}${event.client ? ` (${event.client})` : ''} at ${event.at}`;
    } catch {
      // change_event is best effort (30 days, some accounts refuse it): "changed since" still stops the rollback.
    }
    const why = `${who}: now ${show(current, p.field, p.currency)}, this task set ${show(p.after, p.field, p.currency)}. Left alone.`;
    return { message: `Not rolled back: ${what} was ${why}`, restored: [], leftAlone: [{ what, why }] };
  }
  await client.mutate(p.customerId, p.service, [{ update: { resourceName: p.resourceName, [p.field]: p.before }, updateMask: p.field }], { partialFailure: false }, context.signal);
  const message = `Set ${what} back from ${show(p.after, p.field, p.currency)} to ${show(p.before, p.field, p.currency)}. Money already spent cannot be undone.`;
  return { message, restored: [what], leftAlone: [] };
}
