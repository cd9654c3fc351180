/**
 * Daily limits: a pure check of (keys the task spends, current usage, limits). A task over a
 * limit is deferred, not failed, and spends no attempt. The reason names the limit and when it
 * resets ("held: email_send 50/50 today, resets 14:02").
 */
import type { LimitKey } from '../../../shared/domain';
import type { DailyLimits } from '../../../shared/settings';

export type LimitCheck = { ok: true } | { ok: false; key: LimitKey; used: number; limit: number; reason: string };

export function checkLimits(keys: readonly LimitKey[], usage: (key: LimitKey) => number, limits: DailyLimits): LimitCheck {
  for (const key of keys) {
    const used = usage(key);
    const limit = limits[key];
    if (used >= limit) return { ok: false, key, used, limit, reason: `held: ${key} ${used}/${limit} in the last 24 h` };
  }
  return { ok: true };
}

export function describeReset(reason: string, resetsAt: string | null): string {
  if (!resetsAt) return reason;
  return `${reason}, resets ${resetsAt.slice(11, 16)} UTC`;
}
