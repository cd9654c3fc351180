/**
 * Test support: engines on real SQLite files in temp folders, a controllable clock, and channel
 * handlers whose behaviour each test scripts (succeed, fail with a class, hang).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { LimitKey } from '../../../shared/domain';
import type { ChannelError } from '../channels/errors';
import type { ChannelHandler, ExecutionContext, ExecutionOutcome, ReconcileResult, TaskInput } from '../channels/types';
import { createEngine, type Engine, type EngineOptions } from '../index';

export function tempDir(prefix = 'mc-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export class TestClock {
  constructor(public current = new Date('2026-11-24T08:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface ScriptedCall {
  taskId: string;
  attempt: number;
  idempotencyKey: string;
  payload: TaskInput;
}

/** A handler for `agent` that records every call and does what `behaviour` says. */
export function scriptedHandler(options: {
  agent?: string;
  id?: string;
  limitKeys?: LimitKey[];
  behaviour?: (call: ScriptedCall, index: number) => Promise<ExecutionOutcome> | ExecutionOutcome;
  reconcile?: (idempotencyKey: string) => Promise<ReconcileResult>;
  notBefore?: (payload: TaskInput) => Date | null;
}): ChannelHandler<TaskInput> & { calls: ScriptedCall[] } {
  const calls: ScriptedCall[] = [];
  const handler: ChannelHandler<TaskInput> & { calls: ScriptedCall[] } = {
    id: options.id ?? 'scripted',
    name: 'Scripted',
    agent: options.agent ?? 'Email Agent',
    calls,
    payloadSchema: z.custom<TaskInput>((value) => typeof value === 'object' && value !== null),
    limitKeys: () => options.limitKeys ?? ['email_send'],
    notBefore: options.notBefore,
    preview: (task) => ({ channel: options.id ?? 'scripted', summary: `Do "${task.title}"`, detail: { kind: 'generic', fields: { title: task.title } } }),
    async execute(payload: TaskInput, context: ExecutionContext) {
      const call = { taskId: context.taskId, attempt: context.attempt, idempotencyKey: context.idempotencyKey, payload };
      calls.push(call);
      return options.behaviour ? options.behaviour(call, calls.length - 1) : { externalId: `ext-${calls.length}`, externalUrl: `https://example.test/${calls.length}`, result: {} };
    },
    reconcile: options.reconcile ? (input) => options.reconcile!(input.idempotencyKey) : undefined,
  };
  return handler;
}

export const failWith = (error: ChannelError) => () => {
  throw error;
};

/** An engine on a fresh database file, live execution (dry-run off, auto on) unless env says otherwise. */
export function testEngine(options: Partial<EngineOptions> & { dir: string; name?: string }): Engine {
  return createEngine({
    dbPath: join(options.dir, options.name ?? 'mission-control.db'),
    env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false', ...options.env },
    handlers: options.handlers,
    now: options.now,
    secrets: options.secrets,
    executorId: options.executorId,
    emailUrgentAlerts: options.emailUrgentAlerts,
    openExternal: options.openExternal,
  });
}

/** The quick-start guide's Test 2/3 INSERT, column for column, as any SQLite client would run it. */
export function insertLikeQuickStart(engine: Engine, title: string, priority: string, requiresApproval: boolean, agent = 'Email Agent'): string {
  engine.db
    .prepare(`INSERT INTO squad_tasks (title, description, status, assigned_agent, priority, requires_approval) VALUES (?, ?, 'new', ?, ?, ?)`)
    .run(title, 'This task tests the task executor', agent, priority, requiresApproval ? 1 : 0);
  return (engine.db.prepare('SELECT id FROM squad_tasks WHERE title = ?').get(title) as { id: string }).id;
}

export function taskRow(engine: Engine, id: string): Record<string, unknown> {
  return engine.db.prepare('SELECT * FROM squad_tasks WHERE id = ?').get(id) as Record<string, unknown>;
}
