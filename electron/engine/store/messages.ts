/**
 * squad_messages: the cloud's activity feed, same columns. The desktop writes one row per piece of
 * feedback from Kenny to an agent (an edit before approving, a rejection); migration 0012's trigger
 * queues it for sync in the same transaction.
 */
import type { Db } from '../db/open-db';
import { parseJsonColumn, stmt } from '../db/statements';
import { uuidv7 } from './ids';

export interface SquadMessage {
  id: string;
  fromAgent: string;
  toAgent: string | null;
  message: string;
  taskId: string | null;
  data: Record<string, unknown> | null;
  createdAt: string;
}

export function insertMessage(db: Db, message: Omit<SquadMessage, 'id' | 'createdAt'> & { id?: string }, now: Date): SquadMessage {
  const row: SquadMessage = { ...message, id: message.id ?? uuidv7(now.getTime()), createdAt: now.toISOString() };
  stmt(db, 'INSERT INTO squad_messages (id, from_agent, to_agent, message, task_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.fromAgent,
    row.toAgent,
    row.message,
    row.taskId,
    row.data === null ? null : JSON.stringify(row.data),
    row.createdAt,
  );
  return row;
}

export function messagesForTask(db: Db, taskId: string): SquadMessage[] {
  const rows = stmt(db, 'SELECT * FROM squad_messages WHERE task_id = ? ORDER BY created_at, id').all(taskId) as { id: string; from_agent: string; to_agent: string | null; message: string; task_id: string | null; data: string | null; created_at: string }[];
  return rows.map((row) => ({ id: row.id, fromAgent: row.from_agent, toAgent: row.to_agent, message: row.message, taskId: row.task_id, data: parseJsonColumn(row.data, null), createdAt: row.created_at }));
}
