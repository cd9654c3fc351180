/**
 * TEST SUPPORT ONLY. Marketing Agent tasks, an execution context that records what the handler
 * recorded with the intent, and a Brevo handler pointed at the fake server.
 */
import type { ExecutionContext, TaskInput } from '../../types';
import { MemorySecretStore } from '../../../secrets/types';
import type { GmailAccount } from '../../gmail/gmail-account';
import { createBrevoHandler, type BrevoHandler } from '../brevo-handler';
import type { FakeBrevoServer } from './fake-brevo-server';

export function marketingTask(metadata: Record<string, unknown>, extra: Partial<TaskInput> = {}): TaskInput {
  return { id: 'task-nl-1', title: 'May newsletter', description: null, assignedAgent: 'Marketing Agent', priority: 'medium', metadata, ...extra };
}

export interface RecordingContext extends ExecutionContext {
  progress: Record<string, unknown>;
  /** How many sendNow calls the fake had seen each time progress was recorded. */
  sendNowCountsAtProgress: number[];
}

export function recordingContext(fake: FakeBrevoServer | null, taskId = 'task-nl-1', attempt = 1, now = new Date('2026-11-29T08:00:00.000Z')): RecordingContext {
  const context: RecordingContext = {
    idempotencyKey: `${taskId}:${attempt}`,
    attempt,
    taskId,
    signal: new AbortController().signal,
    now: () => now,
    progress: {},
    sendNowCountsAtProgress: [],
    recordProgress(patch) {
      Object.assign(context.progress, patch);
      context.sendNowCountsAtProgress.push(fake?.count('campaigns.sendNow') ?? 0);
    },
  };
  return context;
}

export function brevoEnv(fake: FakeBrevoServer, extra: Record<string, string> = {}): Record<string, string> {
  return { BREVO_API_KEY: fake.apiKey, BREVO_API_BASE_URL: fake.apiBaseUrl, BREVO_SENDER_EMAIL: 'news@audico.example', BREVO_SENDER_NAME: 'Audico', BREVO_LIST_ID: '7', ...extra };
}

export function brevoHandlerFor(fake: FakeBrevoServer, options: { env?: Record<string, string>; gmail?: GmailAccount | null } = {}): BrevoHandler {
  return createBrevoHandler({ env: options.env ?? brevoEnv(fake), secrets: new MemorySecretStore(), gmail: options.gmail ?? null });
}
