import type { Command } from '../command';
import { printJson } from '../output';
import { withEngine } from '../with-engine';

/** One executor cycle; the JSON summary (the cloud cron route's shape plus ours) on stdout. */
export const runOnceCommand: Command = {
  name: 'run-once',
  summary: 'Run one executor cycle and print its JSON summary',
  usage: 'run-once [--db PATH]',
  run: (args, io) =>
    withEngine(args, io, async (engine) => {
      const summary = await engine.runCycle();
      printJson(io, summary);
      return summary.success ? 0 : 1;
    }),
};
