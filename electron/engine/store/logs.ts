/**
 * agent_logs, with the cloud's conventions: the executor logs as agent_name 'Task Executor';
 * cycles are event_type 'cron_execution'; the task id also goes into context.task_id, and the
 * task's own agent into context.task_agent, so the log view can show and filter by it.
 */
import type { LogEntry, LogLevel } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { parseJsonColumn, stmt } from '../db/statements';
import { uuidv7 } from './ids';
import { isoTime } from './iso-time';

export const executorAgentName = 'Task Executor';

export interface NewLog {
  agentName?: string;
  level: LogLevel;
  eventType: string;
  message: string;
  taskId?: string | null;
  /** The task's agent when the caller holds the task already; otherwise it is read from squad_tasks. */
  taskAgent?: string;
  context?: Record<string, unknown>;
  errorDetails?: unknown;
}

interface LogRow {
  id: string;
  agent_name: string;
  log_level: string;
  event_type: string | null;
  message: string;
  error_details: string | null;
  context: string;
  task_id: string | null;
  created_at: string;
  task_agent?: string | null;
}

const rowToLog = (row: LogRow): LogEntry => {
  const context = parseJsonColumn<Record<string, unknown>>(row.context, {});
  const recorded = typeof context.task_agent === 'string' ? context.task_agent : null;
  return {
  id: row.id,
  agentName: row.agent_name,
  logLevel: row.log_level as LogLevel,
  eventType: row.event_type,
  message: row.message,
  errorDetails: parseJsonColumn<unknown>(row.error_details, null),
  context,
  taskId: row.task_id,
  taskAgent: recorded ?? row.task_agent ?? null,
  createdAt: row.created_at,
  };
};

function readTaskAgent(db: Db, taskId: string): unknown {
  return (stmt(db, 'SELECT assigned_agent FROM squad_tasks WHERE id = ?').get(taskId) as { assigned_agent: unknown } | undefined)?.assigned_agent;
}

export function appendLog(db: Db, log: NewLog, now: Date): LogEntry {
  const at = isoTime(now);
  const taskAgent = !log.taskId ? undefined : log.taskAgent !== undefined ? log.taskAgent : readTaskAgent(db, log.taskId);
  const context = log.taskId ? { task_id: log.taskId, ...(typeof taskAgent === 'string' ? { task_agent: taskAgent } : {}), ...log.context } : (log.context ?? {});
  const entry: LogEntry = {
    id: uuidv7(now.getTime()),
    agentName: log.agentName ?? executorAgentName,
    logLevel: log.level,
    eventType: log.eventType,
    message: log.message,
    // Through JSON, as a reader of the row would get it (an Error would otherwise travel as itself).
    errorDetails: log.errorDetails === undefined ? null : (JSON.parse(JSON.stringify(log.errorDetails)) as unknown),
    context,
    taskId: log.taskId ?? null,
    createdAt: at,
  };
  // The entry is built from what is written (the id is made here), not read back and re-parsed.
  stmt(
    db,
    `INSERT INTO agent_logs (id, agent_name, log_level, event_type, message, error_details, context, task_id, timestamp, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.id,
    entry.agentName,
    entry.logLevel,
    entry.eventType,
    entry.message,
    log.errorDetails === undefined ? null : JSON.stringify(log.errorDetails),
    JSON.stringify(context),
    entry.taskId,
    at,
    at,
  );
  return entry;
}

export interface LogQuery {
  level?: LogLevel[];
  agent?: string;
  /** Words that must all appear in the message (case-insensitive). */
  search?: string;
  eventType?: string;
  taskId?: string;
  before?: string;
  limit: number;
}

/** Newest first. */
export function listLogs(db: Db, query: LogQuery): LogEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.level?.length) {
    where.push(`log_level IN (${query.level.map(() => '?').join(',')})`);
    params.push(...query.level);
  }
  if (query.agent) {
    // The executor writes on behalf of the task's agent: "Email Agent" finds those lines too.
    where.push('(agent_name = ? OR EXISTS (SELECT 1 FROM squad_tasks t WHERE t.id = agent_logs.task_id AND t.assigned_agent = ?))');
    params.push(query.agent, query.agent);
  }
  for (const word of query.search?.split(/\s+/).filter(Boolean) ?? []) {
    where.push(`message LIKE ? ESCAPE '\\'`);
    params.push(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const equals: [string, string | undefined][] = [
    ['event_type = ?', query.eventType],
    ['task_id = ?', query.taskId],
    ['created_at < ?', query.before],
  ];
  for (const [condition, value] of equals) {
    if (!value) continue;
    where.push(condition);
    params.push(value);
  }
  const sqlText = `SELECT id, agent_name, log_level, event_type, message, error_details, context, task_id, created_at,
      (SELECT assigned_agent FROM squad_tasks t WHERE t.id = agent_logs.task_id) AS task_agent FROM agent_logs
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
  return (db.prepare(sqlText).all(...params, query.limit) as LogRow[]).map(rowToLog);
}
