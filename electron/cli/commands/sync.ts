/**
 * `mission-control sync`: one pull-and-push round with Supabase, printing what moved
 * (docs/sync.md). Needs SUPABASE_DB_URL or --supabase-url.
 */
import { attachSync, syncUrlFrom } from '../../engine/sync/attach';
import type { SyncRound, SyncStatus } from '../../../shared/sync-status';
import { boolFlag, stringFlag, UsageError } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { withEngine } from '../with-engine';

export const syncCommand: Command = {
  name: 'sync',
  valueFlags: ['supabase-url'],
  summary: 'Run one pull-and-push round with Supabase and print what moved',
  usage:
    'sync [--db PATH] [--supabase-url URL] [--json]\n' +
    '  URL defaults to SUPABASE_DB_URL. TLS: sslmode in the URL; SUPABASE_SSL_ROOT_CERT (CA file),\n' +
    '  SUPABASE_SSL_REJECT_UNAUTHORIZED=true to verify the certificate.',
  async run(args, io) {
    const url = syncUrlFrom(io.env, stringFlag(args, 'supabase-url'));
    if (!url) throw new UsageError('no Supabase connection: set SUPABASE_DB_URL or pass --supabase-url');
    const json = boolFlag(args, 'json');
    return withEngine(args, io, async (engine) => {
      const sync = attachSync(engine, {
        url,
        env: io.env,
        autoStart: false,
        onProgress: json ? undefined : ({ done, total }) => total > 1000 && io.stderr(`\rpulled ${done}/${total}`),
      });
      try {
        const round = await sync!.syncOnce();
        const status = sync!.status();
        if (json) printJson(io, { ok: true, round, status });
        else io.stdout(formatRound(round, status));
        return 0;
      } catch (error) {
        const status = sync!.status();
        if (json) printJson(io, { ok: false, error: (error as Error).message, status });
        else io.stderr(`sync failed (${status.state}): ${(error as Error).message}\n${status.queued} change(s) stay queued for the next sync.\n`);
        return 1;
      }
    });
  },
};

export function formatRound(round: SyncRound, status: SyncStatus): string {
  const lines = [
    `Supabase: ${status.url} (${status.state})`,
    `pulled:   ${round.inserted} new, ${round.updated} updated task(s)${round.recorded ? `, ${round.recorded} remote edit(s) of running tasks recorded, not applied` : ''}`,
    `pushed:   ${round.pushed} change(s)${round.refused ? `, ${round.refused} turned away by the conflict rules` : ''}${round.dead ? `, ${round.dead} refused by the remote (kept as dead)` : ''}`,
  ];
  if (round.contentRows) lines.push(`content:  ${round.contentRows} row(s) of email_logs/social_posts/newsletter_drafts/influencer_opportunities stored, updated or removed`);
  for (const warning of round.contentWarnings ?? []) lines.push(`warning:  ${warning}`);
  if (round.pullFailed) lines.push(`refused:  ${round.pullFailed} remote task(s) could not be stored locally: ${round.pullErrors.join('; ')}`);
  if (round.pause !== null) lines.push(`pause:    Supabase ${round.pause ? 'paused' : 'resumed'} the executor`);
  lines.push(`queued:   ${status.queued} change(s) waiting${status.dead ? `, ${status.dead} dead` : ''}`);
  lines.push(`took:     ${Math.round(round.durationMs)} ms`);
  return `${lines.join('\n')}\n`;
}
