import { attachSync, syncUrlFrom } from '../../engine/sync/attach';
import { stringFlag } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { withEngine } from '../with-engine';

/**
 * One executor cycle; the JSON summary (the cloud cron route's shape plus ours) on stdout. With
 * SUPABASE_DB_URL or --supabase-url: a sync round before the cycle and one after it (docs/sync.md).
 */
export const runOnceCommand: Command = {
  name: 'run-once',
  valueFlags: ['supabase-url'],
  summary: 'Run one executor cycle and print its JSON summary',
  usage: 'run-once [--db PATH] [--supabase-url URL]',
  run: (args, io) =>
    withEngine(args, io, async (engine) => {
      const sync = attachSync(engine, { url: syncUrlFrom(io.env, stringFlag(args, 'supabase-url')), env: io.env, autoStart: false });
      const syncRound = async () => {
        if (!sync) return;
        // Offline is not fatal: synced tasks simply cannot be claimed, local work still runs.
        await sync.syncOnce().catch((error: Error) => io.stderr(`sync: ${sync.status().state}: ${error.message}\n`));
      };
      await syncRound();
      const summary = await engine.runCycle();
      await syncRound();
      printJson(io, summary);
      return summary.success ? 0 : 1;
    }),
};
