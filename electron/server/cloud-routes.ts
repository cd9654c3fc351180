/**
 * The cloud executor's routes (../shared/cloud-contract.md "Endpoints") with the same JSON shapes,
 * so existing cron jobs and scripts keep working against the desktop. Unlike the cloud every
 * route needs the bearer token, and approve/reject refuse tasks not awaiting a decision (409).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { formatZodIssues, toHttpError } from './errors';
import { HttpError, readJsonBody, refusalHeaders, sendJson } from './http-util';
import type { ServerEngine, ServerLogger } from './types';

export const cronExecutePath = '/api/cron/tasks/execute';
const decisionPath = /^\/api\/tasks\/([^/]+)\/(approve|reject)$/;

const approveBodySchema = z.object({ by: z.string().trim().min(1).max(100).optional(), approved_by: z.string().trim().min(1).max(100).optional() });
const rejectBodySchema = z.object({
  reason: z
    .string({ error: (issue) => (issue.input === undefined ? 'reason is required' : 'reason must be text') })
    .trim()
    .min(1, 'reason is required')
    .max(1000, 'too long (at most 1,000 characters)'),
  by: z.string().trim().min(1).max(100).optional(),
  rejected_by: z.string().trim().min(1).max(100).optional(),
});

export function isCloudRoute(pathname: string): boolean {
  return pathname === cronExecutePath || decisionPath.test(pathname);
}

function sendCloudError(res: ServerResponse, error: HttpError, extra: Record<string, unknown> = {}): void {
  sendJson(res, error.status, { success: false, error: error.message, ...extra }, refusalHeaders(error));
}

/** GET|POST /api/cron/tasks/execute: one cycle now; 429 when the executor's daily limit is spent. */
async function executeCycle(res: ServerResponse, engine: ServerEngine): Promise<void> {
  const usage = await engine.api['limits:usage']({});
  const executor = usage.items.find((item) => item.key === 'task_executor');
  if (executor && executor.used >= executor.limit) {
    sendJson(res, 429, { success: false, error: 'Rate limit exceeded', remaining: 0, resetAt: executor.resetsAt });
    return;
  }
  const summary = await engine.runCycle();
  sendJson(res, 200, {
    success: summary.success,
    executed: summary.executed,
    failed: summary.failed,
    skipped: summary.skipped,
    duration_ms: Math.round(summary.durationMs),
    rate_limit: { remaining: summary.rateLimit.remaining, resetAt: summary.rateLimit.resetAt },
  });
}

async function decide(req: IncomingMessage, res: ServerResponse, engine: ServerEngine, id: string, action: 'approve' | 'reject'): Promise<void> {
  const body = await readJsonBody(req, { requireJsonType: false });
  if (action === 'approve') {
    const parsed = approveBodySchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'invalid_input', formatZodIssues(parsed.error.issues));
    await engine.api['approvals:approve']({ id, by: parsed.data.by ?? parsed.data.approved_by });
    sendJson(res, 200, { success: true, message: 'Task approved', task_id: id });
    return;
  }
  const parsed = rejectBodySchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'invalid_input', formatZodIssues(parsed.error.issues));
  await engine.api['approvals:reject']({ id, by: parsed.data.by ?? parsed.data.rejected_by, reason: parsed.data.reason });
  sendJson(res, 200, { success: true, message: 'Task rejected', task_id: id, reason: parsed.data.reason });
}

/** Handles a path for which isCloudRoute() is true. `authorized`: the bearer token matched. */
export async function handleCloudRoute(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  options: { engine: ServerEngine; logger: ServerLogger; authorized: boolean },
): Promise<void> {
  const match = decisionPath.exec(pathname);
  let id: string | undefined;
  try {
    id = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
  } catch {
    id = undefined;
  }
  const extra = id === undefined ? {} : { task_id: id };
  try {
    if (!options.authorized) {
      req.resume();
      throw new HttpError(401, 'unauthorized', 'Unauthorized: send Authorization: Bearer <token>');
    }
    if (pathname === cronExecutePath) {
      if (req.method !== 'GET' && req.method !== 'POST') throw new HttpError(405, 'invalid_input', 'Use GET or POST');
      req.resume();
      await executeCycle(res, options.engine);
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'invalid_input', 'Use POST');
    if (id === undefined || id.length === 0 || id.length > 100) throw new HttpError(400, 'invalid_input', 'Invalid task id');
    await decide(req, res, options.engine, id, match?.[2] === 'reject' ? 'reject' : 'approve');
  } catch (error) {
    sendCloudError(res, toHttpError(error, options.logger, `${req.method} ${pathname}`), extra);
  }
}
