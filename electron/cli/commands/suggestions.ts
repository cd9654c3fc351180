/**
 * `mission-control suggestions list|accept ID|dismiss ID`: trust that grows from the terminal.
 * list prints each kind Kenny approved settings.trustThreshold times without changes, with the
 * evidence; accept creates the auto-execute rule; dismiss stops suggesting that kind.
 */
import { positional, stringFlag, UsageError, type ParsedArgs } from '../args';
import type { CliIo, Command } from '../command';
import { printJson } from '../output';
import { withEngine } from '../with-engine';

const list = (args: ParsedArgs, io: CliIo) =>
  withEngine(args, io, async (engine) => {
    const { items } = await engine.api['suggestions:list']({});
    if (args.flags.has('json')) printJson(io, { items });
    else {
      for (const item of items) {
        io.stdout(`${item.id}  ${item.message}\n`);
        io.stdout(`  ${item.count} approvals without changes, ${item.firstApprovedAt} to ${item.lastApprovedAt}; latest: ${item.evidence.slice(0, 3).map((e) => e.taskId).join(', ')}\n`);
        io.stdout(`  rule: ${item.rule.conditions.map((c) => `${c.field} ${c.op}${c.value === undefined ? '' : ` ${JSON.stringify(c.value)}`}`).join(' and ')}\n`);
      }
      io.stdout(`${items.length} suggestion(s)\n`);
    }
    return 0;
  }, { creates: false });

const accept = (args: ParsedArgs, io: CliIo) =>
  withEngine(args, io, async (engine) => {
    const rule = await engine.api['suggestions:accept']({ id: positional(args, 1, 'suggestion ID (see `suggestions list`)'), by: stringFlag(args, 'by') });
    if (args.flags.has('json')) printJson(io, rule);
    else io.stdout(`Created rule "${rule.name}" (${rule.id}): these tasks now run by themselves. Edit or delete it in Settings → Rules.\n`);
    return 0;
  });

const dismiss = (args: ParsedArgs, io: CliIo) =>
  withEngine(args, io, async (engine) => {
    const result = await engine.api['suggestions:dismiss']({ id: positional(args, 1, 'suggestion ID (see `suggestions list`)'), by: stringFlag(args, 'by') });
    if (args.flags.has('json')) printJson(io, result);
    else io.stdout('Dismissed: this kind of task will not be suggested again.\n');
    return 0;
  });

export const suggestionsCommand: Command = {
  name: 'suggestions',
  valueFlags: ['by'],
  summary: 'Rules the app suggests from your approvals (list, accept, dismiss)',
  usage: ['suggestions list', 'suggestions accept ID [--by NAME]', 'suggestions dismiss ID [--by NAME]', '(each takes --db PATH and --json)'].join('\n       '),
  run(args, io) {
    const sub = args.positionals[0];
    if (sub === 'list') return list(args, io);
    if (sub === 'accept') return accept(args, io);
    if (sub === 'dismiss') return dismiss(args, io);
    throw new UsageError(sub ? `unknown suggestions subcommand "${sub}" (list, accept, dismiss)` : 'suggestions needs a subcommand: list, accept or dismiss');
  },
};
