/**
 * Writes what happens (agent_logs, alerts, decision trail) and announces it (events) only after the
 * surrounding transaction commits, so listeners never hear about a change that was rolled back.
 */
import type { EventName, EventPayload } from '../../../shared/contract';
import type { Task } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { noteCommit } from '../db/wal-checkpointer';
import type { EngineEvents } from '../events';
import { insertAlert, type NewAlert } from '../store/alerts';
import { addDecision, type DecisionKind } from '../store/decisions';
import { appendLog, type NewLog } from '../store/logs';

type Pending = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export class Activity {
  private pending: Pending[] = [];
  private depth = 0;

  constructor(
    readonly db: Db,
    private readonly events: EngineEvents,
    readonly now: () => Date,
  ) {}

  /** Runs `work` in one IMMEDIATE transaction (takes the write lock up front), then announces. */
  transaction<T>(work: () => T): T {
    this.depth++;
    try {
      const result = this.depth === 1 ? this.db.transaction(work).immediate() : work();
      if (this.depth === 1) {
        noteCommit(this.db);
        this.flush();
      }
      return result;
    } catch (error) {
      if (this.depth === 1) this.pending = [];
      throw error;
    } finally {
      this.depth--;
    }
  }

  log(log: NewLog): void {
    const entry = appendLog(this.db, log, this.now());
    this.queue({ event: 'log:appended', payload: entry });
  }

  alert(alert: NewAlert): void {
    const row = insertAlert(this.db, alert, this.now());
    this.queue({ event: 'alert:raised', payload: row });
  }

  decision(taskId: string, kind: DecisionKind, actor: string, reason?: string | null, details?: Record<string, unknown>): void {
    addDecision(this.db, { taskId, kind, actor, reason, details }, this.now());
  }

  taskChanged(task: Pick<Task, 'id' | 'status'>): void {
    this.queue({ event: 'task:changed', payload: { id: task.id, status: task.status } });
  }

  emitNow<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.events.emit(event, payload);
  }

  private queue(item: Pending): void {
    this.pending.push(item);
    if (this.depth === 0) this.flush();
  }

  private flush(): void {
    const items = this.pending;
    this.pending = [];
    for (const item of items) this.events.emit(item.event, item.payload as never);
  }
}
