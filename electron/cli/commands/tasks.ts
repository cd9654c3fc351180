import { taskPriorities, taskStatuses, type TaskPriority, type TaskStatus } from '../../../shared/domain';
import { boolFlag, intFlag, positional, requiredFlag, stringFlag, UsageError, type ParsedArgs } from '../args';
import type { CliIo, Command } from '../command';
import { formatTask, formatTaskLine, printJson } from '../output';
import { withEngine } from '../with-engine';

function parseMetadata(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--metadata must be a JSON object: ${(error as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--metadata must be a JSON object, e.g. {"email_category":"inquiry"}');
  return value as Record<string, unknown>;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

const add = (args: ParsedArgs, io: CliIo) =>
  withEngine(args, io, async (engine) => {
    const task = await engine.api['tasks:create']({
      title: requiredFlag(args, 'title', 'what the task is'),
      description: stringFlag(args, 'description'),
      assignedAgent: stringFlag(args, 'agent'),
      priority: oneOf<TaskPriority>(stringFlag(args, 'priority'), taskPriorities, 'priority'),
      requiresApproval: args.flags.has('requires-approval') ? boolFlag(args, 'requires-approval') : undefined,
      metadata: parseMetadata(stringFlag(args, 'metadata')),
    });
    if (args.flags.has('json')) printJson(io, task);
    else io.stdout(`Created ${task.id}: "${task.title}" (${task.policyDecision === 'require_approval' ? `needs approval: ${task.policyReason}` : 'queued'})\n`);
    return 0;
  });

const list = (args: ParsedArgs, io: CliIo) =>
  withEngine(args, io, async (engine) => {
    const status = oneOf<TaskStatus>(stringFlag(args, 'status'), taskStatuses, 'status');
    const agent = stringFlag(args, 'agent');
    const result = await engine.api['tasks:list']({
      status: status ? [status] : undefined,
      agent: agent ? [agent] : undefined,
      search: stringFlag(args, 'search'),
      awaitingApproval: args.flags.has('awaiting-approval') ? true : undefined,
      limit: intFlag(args, 'limit') ?? 50,
    });
    if (args.flags.has('json')) printJson(io, result);
    else {
      for (const task of result.items) io.stdout(`${formatTaskLine(task)}\n`);
      io.stdout(`${result.items.length} of ${result.total} task(s)\n`);
    }
    return 0;
  }, { creates: false });

const show = (args: ParsedArgs, io: CliIo) =>
  withEngine(args, io, async (engine) => {
    const detail = await engine.api['tasks:get']({ id: positional(args, 1, 'task ID') });
    if (args.flags.has('json')) printJson(io, detail);
    else {
      io.stdout(`${formatTask(detail.task)}\n${'why:'.padEnd(19)}${detail.blocker.message}\n`);
      if (detail.preview) io.stdout(`${'would:'.padEnd(19)}${detail.preview.summary}\n`);
      if (detail.previewError) io.stdout(`${'payload problem:'.padEnd(19)}${detail.previewError}\n`);
      for (const execution of detail.executions) {
        io.stdout(`  attempt ${execution.attempt}: ${execution.state}${execution.dryRun ? ' (dry run)' : ''} ${execution.errorMessage ?? execution.externalId ?? ''}\n`);
      }
    }
    return 0;
  }, { creates: false });

export const tasksCommand: Command = {
  name: 'tasks',
  valueFlags: ['title', 'description', 'agent', 'priority', 'metadata', 'status', 'search', 'limit'],
  summary: 'Add, list and show tasks',
  usage: [
    'tasks add --title TEXT [--description TEXT] [--agent NAME] [--priority urgent|high|medium|low] [--requires-approval] [--metadata JSON]',
    'tasks list [--status S] [--agent NAME] [--search TEXT] [--awaiting-approval] [--limit N]',
    'tasks show ID',
    '(each takes --db PATH and --json)',
  ].join('\n       '),
  booleanFlags: ['requires-approval', 'awaiting-approval'],
  run(args, io) {
    const sub = args.positionals[0];
    if (sub === 'add') return add(args, io);
    if (sub === 'list') return list(args, io);
    if (sub === 'show') return show(args, io);
    throw new UsageError(sub ? `unknown tasks subcommand "${sub}" (add, list, show)` : 'tasks needs a subcommand: add, list or show');
  },
};
