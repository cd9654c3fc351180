/**
 * What a dry run found, so a rehearsal never shows a failure as a success (seen 4). A dry run
 * sends nothing and spends no daily-limit units, but it checks everything a live run would: the
 * payload and preview (`would_fail`), the channel's connection (`not_connected`) and the daily
 * limits (`would_be_held`). Stored in the execution's `result.verdict`; the task itself still
 * moves on to completed, as the quick-start guide expects.
 */
import { z } from 'zod';

export const dryRunVerdicts = ['would_run', 'would_fail', 'would_be_held', 'not_connected'] as const;
export const dryRunVerdictSchema = z.enum(dryRunVerdicts);
export type DryRunVerdict = z.infer<typeof dryRunVerdictSchema>;

/** The verdicts that mean "this would not have gone out": shown apart from what ran. */
export const dryRunProblemVerdicts = ['would_fail', 'would_be_held', 'not_connected'] as const satisfies readonly DryRunVerdict[];

/** Filter for task lists: one verdict, any problem, or no problem (default: no filter). */
export const dryRunFilterSchema = z.enum([...dryRunVerdicts, 'any_problem', 'no_problem']);
export type DryRunFilter = z.infer<typeof dryRunFilterSchema>;

/** Words Kenny reads for each verdict. */
export const dryRunVerdictLabel: Record<DryRunVerdict, string> = {
  would_run: 'Dry run: would run',
  would_fail: 'Dry run: would fail',
  would_be_held: 'Dry run: held by a daily limit',
  not_connected: 'Dry run: channel not connected',
};
