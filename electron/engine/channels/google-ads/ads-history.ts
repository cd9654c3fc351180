/**
 * This app's own changes of one Google Ads entity within the rolling 24 h, for the
 * maxDailyChangePercent cap: read from the execution ledger, where every live change records its
 * before/after on the intent before the mutate is sent. Intents whose outcome is open or unknown
 * count too: the change may have happened.
 */
import type { Db } from '../../db/open-db';
import type { PastChange } from './ads-plan';

export type AdsHistory = (resourceName: string, since: Date, excludeTaskId: string | null) => PastChange[];

export function adsHistoryFromDb(db: Db): AdsHistory {
  const query = db.prepare(
    `SELECT json_extract(progress, '$.before') AS before, json_extract(progress, '$.after') AS after, started_at AS at
     FROM task_executions
     WHERE channel = 'google-ads' AND dry_run = 0 AND state IN ('succeeded', 'unknown', 'intent')
       AND started_at >= ? AND json_extract(progress, '$.resourceName') = ? AND task_id IS NOT ?
     ORDER BY started_at`,
  );
  return (resourceName, since, excludeTaskId) =>
    (query.all(since.toISOString(), resourceName, excludeTaskId) as { before: string | null; after: string | null; at: string }[])
      .filter((row) => row.before !== null && row.after !== null && /^\d+$/.test(row.before) && /^\d+$/.test(row.after))
      .map((row) => ({ oldMicros: Number(row.before), newMicros: Number(row.after), at: row.at }));
}
