/**
 * The typed registry's contract: one handler per channel (gmail, x, meta, brevo, opencart,
 * google-ads), each declaring which agent's tasks it takes, how to parse them, what it would do
 * (preview) and how to do it (execute). The executor owns claims, ledger, retries and limits.
 */
import type { z } from 'zod';
import type { LimitKey, Task } from '../../../shared/domain';
import type { ExecutionPreview } from '../../../shared/preview';
import type { ChannelConnection } from './connection/types';

/**
 * The cloud agents' content tables a task can point to (metadata email_id, post_id, draft_id,
 * influencer_id), synced into local tables of the same names and columns.
 */
export const contentTables = ['email_logs', 'social_posts', 'newsletter_drafts', 'influencer_opportunities', 'outreach_tracking'] as const;
export type ContentTable = (typeof contentTables)[number];

/**
 * The rows a task references, resolved by the executor from the local content tables before the
 * payload is parsed. A key present with null: the task points to a row that does not exist
 * (the payload schema fails naming the id). A key absent: the task references no such row.
 * Columns keep the cloud's names; jsonb columns arrive parsed.
 */
export type ReferencedContent = Partial<Record<ContentTable, Record<string, unknown> | null>>;

/** What a handler gets to work with: the task's content, never executor bookkeeping. */
export type TaskInput = Pick<Task, 'id' | 'title' | 'description' | 'assignedAgent' | 'priority' | 'metadata'> & {
  /** Referenced content rows (see ReferencedContent). Absent when nothing is referenced. */
  content?: ReferencedContent;
};

/**
 * A change to a content row that the executor applies in the transaction that completes the task,
 * so sync's outbox pushes it to the cloud exactly as the cloud executor wrote it (email_logs
 * 'sent' with {gmail_message_id, sent_via, sent_at}; social_posts 'published' with post_url…).
 */
export type ContentWriteBack =
  | { op: 'update'; table: ContentTable; id: string; set: Record<string, unknown>; mergeMetadata?: Record<string, unknown> }
  | { op: 'insert'; table: ContentTable; row: Record<string, unknown> };

export interface ExecutionContext {
  /** Stable per task attempt; pass it to providers that accept idempotency keys. */
  readonly idempotencyKey: string;
  readonly attempt: number;
  readonly taskId: string;
  /** Aborted when the executor stops; handlers pass it to their HTTP calls. */
  readonly signal: AbortSignal;
  readonly now: () => Date;
  /**
   * Durably records what the call learned before its side effect (a Brevo campaign id before
   * sendNow, an Instagram container id before media_publish): committed when this returns, handed
   * to reconcile() after a crash. Merged into what was recorded before.
   */
  recordProgress(patch: Record<string, unknown>): void;
}

export interface ExecutionOutcome {
  externalId: string | null;
  externalUrl: string | null;
  /** Anything worth keeping with the execution (provider response, message ids). */
  result: Record<string, unknown>;
  /** Content rows to update with the result (applied with the outcome; pushed by sync). */
  writeBack?: ContentWriteBack[];
}

export type ReconcileResult =
  | { status: 'succeeded'; outcome: ExecutionOutcome; evidence: string }
  | { status: 'not_sent'; evidence: string }
  | { status: 'unknown'; evidence: string };

export interface ReconcileInput {
  task: TaskInput;
  idempotencyKey: string;
  attempt: number;
  requestPreview: unknown;
  /** What execute recorded with recordProgress before the crash ({} when nothing). */
  progress: Record<string, unknown>;
}

export interface ChannelHandler<P = unknown> {
  /** Channel id: gmail, x, meta, brevo, opencart, google-ads. */
  readonly id: string;
  /** Human name for the dashboard ("Gmail"). */
  readonly name: string;
  /** The agent whose tasks this handler executes (cloud name, e.g. "Email Agent"). */
  readonly agent: string;
  /** Whether this handler takes this task (e.g. meta takes facebook/instagram posts). Default: all of the agent's. */
  accepts?(task: TaskInput): boolean;
  /** Parses the task into the handler's payload; a failure names the field and fails the task permanently. */
  readonly payloadSchema: z.ZodType<P, TaskInput>;
  /**
   * A task of this channel whose payload does not parse fails when the policy first sees it, even
   * if it would wait for approval (Google Ads: a change without its ids can never run, whatever
   * Kenny decides). Default: such a task waits and fails when it runs.
   */
  readonly validateBeforeApproval?: boolean;
  /** Daily limits this payload spends (task_executor is always added by the executor). */
  limitKeys(payload: P): LimitKey[];
  /** The earliest time this payload may run (e.g. email scheduled_for). */
  notBefore?(payload: P): Date | null;
  /** Exactly what execute would send or change. Pure; also the dry-run result. */
  preview(payload: P): ExecutionPreview;
  /**
   * A looser payload schema for the preview only: a task that fails payloadSchema but parses here
   * is previewed as it stands with its `problems` (a post over X's limit keeps its text, with the
   * error beside it). Never used to run anything. Default: none (the error replaces the preview).
   */
  readonly previewSchema?: z.ZodType<P, TaskInput>;
  /**
   * The exact request when the content lives at the provider (a Gmail draft): fetched for the
   * approvals inbox and the task detail. Default: preview().
   */
  loadPreview?(task: TaskInput): Promise<ExecutionPreview>;
  /**
   * How the channel's account is connected (descriptor, status, connect, check, disconnect).
   * Every real channel has one; unavailableReason/status default to it.
   */
  readonly connection?: ChannelConnection;
  /**
   * Whether the channel can act now; null when it can. A reason holds the task (no attempt spent).
   * Gets the task (with its referenced content) when asked about one: outreach waits for Gmail or
   * Brevo, newsletters need Brevo. Default: from `connection` (connection/channel-state.ts):
   * needs_reconnect holds, not_connected fails the live attempt with the connection's sentence
   * before the provider is called.
   */
  unavailableReason?(payload?: P): string | null | Promise<string | null>;
  /**
   * unavailableReason(payload) is the whole answer: the connection's own state is not consulted
   * (Brevo's outreach goes out through Gmail while Brevo itself is not connected). Default: false.
   */
  readonly decidesAvailability?: boolean;
  /** Older form of the connection state; `connection.status()` wins. Default: "not connected" (no client yet). */
  status?(): Promise<{ connected: boolean; detail: string }>;
  /**
   * A dry run that asks the provider without changing anything (Google Ads: the same mutate with
   * validateOnly), so "would succeed" is the provider's answer. Absent: the dry run records
   * preview() and asks nobody. Never throws for a refusal: it answers `wouldFail`.
   */
  dryRun?(payload: P, context: DryRunContext): Promise<DryRunResult>;
  /** Performs the side effect. Throws ChannelError (see errors.ts) with the right class. */
  execute(payload: P, context: ExecutionContext): Promise<ExecutionOutcome>;
  /**
   * Undoes a completed task's side effect (OpenCart: restore the snapshot; Google Ads: set the
   * previous value back; X/Facebook: delete the post), only where nobody changed it since.
   * Absent: the channel cannot undo (the task page says so).
   */
  rollback?(input: RollbackInput, context: { signal: AbortSignal; now: () => Date }): Promise<RollbackResult>;
  /** Until when after completion rollback is offered (X/Facebook undo window); default: no limit. */
  rollbackWindowMs?: number;
  /** After a crash between intent and outcome: find out whether the side effect happened. */
  reconcile?(input: ReconcileInput, context: ExecutionContext): Promise<ReconcileResult>;
}

/** What a rollback (or undo of a published post) did: restored parts, and parts left alone because someone changed them since. */
export interface RollbackResult {
  /** One line for the task's trail and the toast ("Restored meta_title of 3 products"). */
  message: string;
  restored: string[];
  /** Left alone, each with why ("product 42 meta_title: changed since by someone else"). */
  leftAlone: { what: string; why: string }[];
}

export interface RollbackInput {
  task: TaskInput;
  /** The succeeded execution being undone. */
  execution: { idempotencyKey: string; externalId: string | null; externalUrl: string | null; result: unknown; progress: Record<string, unknown> };
}

export interface DryRunContext {
  taskId: string;
  signal: AbortSignal;
  now: () => Date;
}

export interface DryRunResult {
  /** What would be sent (read live where the handler can). */
  preview: ExecutionPreview;
  /** Why it would fail (the provider's refusal, a cap), or null. */
  wouldFail: string | null;
  /** Who said so, in one line ("Google validated this exact change (validateOnly)", "Not checked: not connected"). */
  verdict: string;
}

/** Erases the payload type for storage in the registry. */
export type AnyChannelHandler = ChannelHandler<any>;
