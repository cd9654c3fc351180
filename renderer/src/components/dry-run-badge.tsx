/**
 * The verdict of a dry run in its own colour (seen 4): "would fail", "held by a daily limit",
 * "channel not connected" are never shown as a green Completed. `verdictOfResult` reads it from
 * an execution's stored result (older results only say `wouldFail`).
 */
import { dryRunVerdictLabel, dryRunVerdictSchema, type DryRunVerdict } from '../../../shared/dry-run';

export function DryRunBadge({ verdict, reason }: { verdict: DryRunVerdict; reason?: string | null }) {
  return (
    <span className={`badge badge-dry badge-dry-${verdict}`} title={reason ?? undefined} data-testid="dry-run-verdict">
      {dryRunVerdictLabel[verdict]}
    </span>
  );
}

/** The verdict and reason stored in a dry-run execution's result, or null for a live one. */
export function verdictOfResult(result: unknown): { verdict: DryRunVerdict; reason: string | null } | null {
  if (!result || typeof result !== 'object' || !('dryRun' in result)) return null;
  const record = result as Record<string, unknown>;
  const parsed = dryRunVerdictSchema.safeParse(record.verdict);
  const reason = typeof record.reason === 'string' ? record.reason : typeof record.wouldFail === 'string' ? record.wouldFail : null;
  if (parsed.success) return { verdict: parsed.data, reason };
  return { verdict: typeof record.wouldFail === 'string' ? 'would_fail' : 'would_run', reason };
}
