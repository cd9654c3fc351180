/**
 * `mission-control rollback TASK_ID`: undoes a completed task's side effect through its channel
 * (OpenCart: the snapshot, where nobody changed the rows since). Prints what was restored and
 * what was left alone; exit code 0 when nothing was left alone, 1 when something was.
 */
import { positional, stringFlag } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { withEngine } from '../with-engine';

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Roll back what a completed task changed (where nobody changed it since)',
  usage: 'rollback TASK_ID [--reason TEXT] [--by NAME] [--db PATH] [--json]',
  valueFlags: ['reason', 'by'],
  run: (args, io) =>
    withEngine(args, io, async (engine) => {
      const id = positional(args, 0, 'task ID (see `tasks list`)');
      const result = await engine.api['tasks:rollback']({ id, by: stringFlag(args, 'by'), reason: stringFlag(args, 'reason') });
      if (args.flags.has('json')) {
        printJson(io, result);
      } else {
        io.stdout(`${result.message}\n`);
        for (const what of result.restored) io.stdout(`  restored: ${what}\n`);
        for (const left of result.leftAlone) io.stdout(`  left alone: ${left.what} (${left.why})\n`);
      }
      return result.leftAlone.length ? 1 : 0;
    }),
};
