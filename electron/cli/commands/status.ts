import type { Command } from '../command';
import { printJson } from '../output';
import { withEngine } from '../with-engine';

export const statusCommand: Command = {
  name: 'status',
  valueFlags: [],
  summary: 'Show the executor state, queue counts and daily limits',
  usage: 'status [--db PATH] [--json]',
  run: (args, io) =>
    withEngine(args, io, async (engine) => {
      const status = await engine.api['status:get']({});
      const limits = await engine.api['limits:usage']({});
      const { locked } = await engine.api['settings:get']({});
      if (args.flags.has('json')) {
        printJson(io, { ...status, state: status.paused ? 'paused' : status.autoExecution ? 'running' : 'auto_execution_off', limits: limits.items, locked, database: engine.dbPath });
        return 0;
      }
      const lockedNote = (key: string) => (locked[key] ? ` (set by ${locked[key]})` : '');
      io.stdout(
        [
          `database:          ${engine.dbPath}`,
          `paused:            ${status.paused ? 'yes' : 'no'}`,
          `auto execution:    ${status.autoExecution ? 'on' : 'off'}${lockedNote('autoExecution')}`,
          `dry run:           ${status.dryRun ? 'on' : 'off'}${lockedNote('dryRun')}`,
          `awaiting approval: ${status.counts.awaitingApproval}`,
          `queued:            ${status.counts.queued}`,
          `in progress:       ${status.counts.inProgress}`,
          `completed (24 h):  ${status.counts.completed24h}`,
          `failed (24 h):     ${status.counts.failed24h}`,
          `outcome unknown:   ${status.counts.outcomeUnknown}`,
          'daily limits:',
          ...limits.items.map((item) => `  ${item.key.padEnd(20)} ${item.used}/${item.limit}${item.resetsAt ? `  resets ${item.resetsAt}` : ''}`),
        ].join('\n') + '\n',
      );
      return 0;
    }, { creates: false }),
};
