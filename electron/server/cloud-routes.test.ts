import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName, type MethodOutput } from '../../shared/contract';
import { send, startTestServer, type TestServer } from './test-kit';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

async function call<M extends MethodName>(method: M, input: unknown) {
  const res = await send(t.port, { method: 'POST', path: `/api/rpc/${method}`, headers: { ...t.bearer, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  expect(res.status, res.text).toBe(200);
  return contract[method].output.parse(res.json().value) as MethodOutput<M>;
}

async function createAwaiting(title: string) {
  const task = await call('tasks:create', { title, assignedAgent: 'Social Media Agent', requiresApproval: true, metadata: { platform: 'x', content: title } });
  const inbox = await call('approvals:list', {});
  expect(inbox.items.map((item) => item.task.id)).toContain(task.id);
  return task;
}

const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
  send(t.port, {
    method: 'POST',
    path,
    headers: { ...t.bearer, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('GET|POST /api/cron/tasks/execute', () => {
  it('requires the bearer token', async () => {
    const res = await send(t.port, { path: '/api/cron/tasks/execute' });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ success: false });
    const wrong = await send(t.port, { path: '/api/cron/tasks/execute', headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('runs one cycle and answers in the cloud shape, by GET and by POST', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await send(t.port, { method, path: '/api/cron/tasks/execute', headers: t.bearer });
      expect(res.status).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['duration_ms', 'executed', 'failed', 'rate_limit', 'skipped', 'success']);
      expect(body).toMatchObject({ success: expect.any(Boolean), executed: expect.any(Number), failed: expect.any(Number), skipped: expect.any(Number), duration_ms: expect.any(Number) });
      expect(Object.keys(body.rate_limit).sort()).toEqual(['remaining', 'resetAt']);
      expect(body.rate_limit.remaining).toBeGreaterThan(0);
    }
    const put = await send(t.port, { method: 'PUT', path: '/api/cron/tasks/execute', headers: t.bearer });
    expect(put.status).toBe(405);
  });

  it('executes an approved-by-policy task in dry run during that cycle', async () => {
    await call('settings:update', { autoExecution: true });
    try {
      const task = await call('tasks:create', { title: 'Lower the Denon bids by 5 %', assignedAgent: 'Google Ads Agent', metadata: { action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -5 } });
      const res = await send(t.port, { method: 'POST', path: '/api/cron/tasks/execute', headers: t.bearer });
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ success: true, executed: 1, failed: 0 });
      const detail = await call('tasks:get', { id: task.id });
      expect(detail.task.status).toBe('completed');
      expect(detail.executions.map((e) => e.dryRun)).toEqual([true]);
    } finally {
      await call('settings:update', { autoExecution: false });
    }
  });

  it('answers 429 in the cloud shape once the executor daily limit is spent', async () => {
    const view = await call('settings:get', {});
    await call('settings:update', { dailyLimits: { ...view.settings.dailyLimits, task_executor: 0 } });
    try {
      const res = await send(t.port, { method: 'POST', path: '/api/cron/tasks/execute', headers: t.bearer });
      expect(res.status).toBe(429);
      expect(res.json()).toMatchObject({ success: false, error: 'Rate limit exceeded', remaining: 0 });
      expect(res.json()).toHaveProperty('resetAt');
    } finally {
      await call('settings:update', { dailyLimits: view.settings.dailyLimits });
    }
  });
});

describe('POST /api/tasks/{id}/approve', () => {
  it('approves a waiting task and answers {success, message, task_id}', async () => {
    const task = await createAwaiting('Publish the Denon promo post');
    const res = await post(`/api/tasks/${task.id}/approve`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ success: true, message: 'Task approved', task_id: task.id });
    const detail = await call('tasks:get', { id: task.id });
    expect(detail.task.approvedAt).not.toBeNull();
    expect(detail.decisions.map((d) => d.kind)).toContain('approved');
  });

  it('refuses a second approval with 409 and an unknown id with 404', async () => {
    const task = await createAwaiting('Send the newsletter');
    expect((await post(`/api/tasks/${task.id}/approve`, { approved_by: 'cron-script' })).status).toBe(200);
    const again = await post(`/api/tasks/${task.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ success: false, task_id: task.id });
    const missing = await post('/api/tasks/00000000-0000-0000-0000-000000000000/approve');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ success: false, error: expect.stringContaining('not found') });
  });

  it('requires the bearer token and a JSON body when a body is sent', async () => {
    const task = await createAwaiting('Raise the bid by 5 %');
    const anonymous = await send(t.port, { method: 'POST', path: `/api/tasks/${task.id}/approve` });
    expect(anonymous.status).toBe(401);
    const text = await send(t.port, { method: 'POST', path: `/api/tasks/${task.id}/approve`, headers: { ...t.bearer, 'Content-Type': 'text/plain' }, body: 'approve it' });
    expect(text.status).toBe(415);
    const get = await send(t.port, { path: `/api/tasks/${task.id}/approve`, headers: t.bearer });
    expect(get.status).toBe(405);
    expect((await call('tasks:get', { id: task.id })).task.approvedAt).toBeNull();
  });
});

describe('POST /api/tasks/{id}/reject', () => {
  it('rejects with a reason and answers {success, message, task_id, reason}', async () => {
    const task = await createAwaiting('Refund order 1042');
    const res = await post(`/api/tasks/${task.id}/reject`, { reason: 'Customer already refunded' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ success: true, message: 'Task rejected', task_id: task.id, reason: 'Customer already refunded' });
    const detail = await call('tasks:get', { id: task.id });
    expect(detail.task.status).toBe('rejected');
    expect(detail.task.rejectionReason).toBe('Customer already refunded');
  });

  it('needs a reason (400), refuses a decided task (409) and an unknown id (404)', async () => {
    const task = await createAwaiting('Move 40 products to Speakers');
    const noReason = await post(`/api/tasks/${task.id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.json().error).toContain('reason');
    const blank = await post(`/api/tasks/${task.id}/reject`, { reason: '   ' });
    expect(blank.status).toBe(400);
    expect((await post(`/api/tasks/${task.id}/reject`, { reason: 'Wrong category' })).status).toBe(200);
    const again = await post(`/api/tasks/${task.id}/reject`, { reason: 'Twice' });
    expect(again.status).toBe(409);
    const approveRejected = await post(`/api/tasks/${task.id}/approve`);
    expect(approveRejected.status).toBe(409);
    const missing = await post('/api/tasks/no-such-task/reject', { reason: 'x' });
    expect(missing.status).toBe(404);
  });
});
