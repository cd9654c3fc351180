import { positional, requiredFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { withEngine } from '../with-engine';

export const approveCommand: Command = {
  name: 'approve',
  valueFlags: ['by'],
  summary: 'Approve a task that waits for a decision',
  usage: 'approve ID [--by NAME] [--db PATH] [--json]',
  run: (args, io) =>
    withEngine(args, io, async (engine) => {
      const task = await engine.api['approvals:approve']({ id: positional(args, 0, 'task ID (see `tasks list`)'), by: stringFlag(args, 'by') });
      if (args.flags.has('json')) printJson(io, task);
      else io.stdout(`Approved "${task.title}" (${task.id}) as ${task.approvedBy}\n`);
      return 0;
    }),
};

export const rejectCommand: Command = {
  name: 'reject',
  valueFlags: ['by', 'reason'],
  summary: 'Reject a task that waits for a decision, with a reason',
  usage: 'reject ID --reason TEXT [--by NAME] [--db PATH] [--json]',
  run: (args, io) =>
    withEngine(args, io, async (engine) => {
      const id = positional(args, 0, 'task ID (see `tasks list`)');
      const reason = requiredFlag(args, 'reason', 'say why, e.g. --reason "wrong tone"');
      const task = await engine.api['approvals:reject']({ id, reason, by: stringFlag(args, 'by') });
      if (args.flags.has('json')) printJson(io, task);
      else io.stdout(`Rejected "${task.title}" (${task.id}): ${task.rejectionReason}\n`);
      return 0;
    }),
};
