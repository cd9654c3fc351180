/**
 * Read-mostly methods for the dashboard: logs, alerts (with acknowledge), daily limit usage,
 * completion stats and channel connection states.
 */
import { limitKeys } from '../../../shared/domain';
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import { notFound } from '../errors';
import { acknowledgeAlert, countUnacknowledgedAlerts, listAlerts } from '../store/alerts';
import { listLogs } from '../store/logs';
import { nextFreeAt, usageInWindow } from '../store/rate-limits';
import { completionStats } from '../store/stats';
import type { ApiDeps } from './api-deps';

export const logs = (deps: ApiDeps, input: MethodInput<'logs:list'>): MethodOutput<'logs:list'> => ({
  items: listLogs(deps.db, { ...input, limit: input.limit ?? 200 }),
});

export const alerts = (deps: ApiDeps, input: MethodInput<'alerts:list'>): MethodOutput<'alerts:list'> => ({
  items: listAlerts(deps.db, { unacknowledgedOnly: input.unacknowledgedOnly ?? false, limit: input.limit ?? 100 }),
  unacknowledged: countUnacknowledgedAlerts(deps.db),
});

export function acknowledge(deps: ApiDeps, input: MethodInput<'alerts:acknowledge'>): MethodOutput<'alerts:acknowledge'> {
  const alert = acknowledgeAlert(deps.db, input.id, input.by ?? deps.operatorName, deps.now());
  if (!alert) throw notFound(`Alert ${input.id}`);
  return alert;
}

export function limitsUsage(deps: ApiDeps): MethodOutput<'limits:usage'> {
  const now = deps.now();
  const { dailyLimits } = deps.loadedSettings().settings;
  return {
    items: limitKeys.map((key) => {
      const usage = usageInWindow(deps.db, key, now);
      const limit = dailyLimits[key];
      const resetsAt = usage.used === 0 ? null : usage.used >= limit ? nextFreeAt(deps.db, key, now, limit) : new Date(Date.parse(usage.oldestAt!) + 86_400_000).toISOString();
      return { key, used: usage.used, limit, resetsAt };
    }),
  };
}

export const stats = (deps: ApiDeps): MethodOutput<'stats:get'> => completionStats(deps.db, deps.now());
