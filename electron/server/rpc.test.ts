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

async function rpc(method: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await send(t.port, {
    method: 'POST',
    path: `/api/rpc/${method}`,
    headers: { ...t.bearer, 'Content-Type': 'application/json', ...headers },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return { status: res.status, body: res.json() };
}

/** Calls a method and checks the answer against the contract's output schema. */
async function call<M extends MethodName>(method: M, input: unknown) {
  const res = await rpc(method, input);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.ok).toBe(true);
  return contract[method].output.parse(res.body.value) as MethodOutput<M>;
}

describe('POST /api/rpc/<method>', () => {
  it('answers every no-argument read with a value matching the contract', async () => {
    const reads = ['status:get', 'settings:get', 'rules:list', 'logs:list', 'alerts:list', 'limits:usage', 'channels:list', 'approvals:list', 'tasks:list'] as const;
    for (const method of reads) await call(method, {});
  });

  it('answers stats:get (the Today chart) with a value matching the contract', async () => {
    const stats = await call('stats:get', {});
    expect(stats.hourly).toHaveLength(24);
    expect(stats.daily).toHaveLength(7);
  });

  it('creates a task and finds it by list, search and id (URL-encoded colon accepted)', async () => {
    const task = await call('tasks:create', { title: 'Reply to the Sonos order question', assignedAgent: 'Jarvis', priority: 'high' });
    expect(task.title).toBe('Reply to the Sonos order question');
    const list = await call('tasks:list', { search: 'Sonos' });
    expect(list.items.map((item) => item.id)).toContain(task.id);
    const res = await send(t.port, { method: 'POST', path: '/api/rpc/tasks%3Aget', headers: { ...t.bearer, 'Content-Type': 'application/json' }, body: JSON.stringify({ id: task.id }) });
    expect(res.status).toBe(200);
    expect(contract['tasks:get'].output.parse(res.json().value).task.id).toBe(task.id);
  });

  it('rejects invalid input with 400 and a message naming the field', async () => {
    const empty = await rpc('tasks:create', { title: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_input');
    expect(empty.body.error.message).toContain('title');
    const priority = await rpc('tasks:create', { title: 'x', priority: 'whenever' });
    expect(priority.status).toBe(400);
    expect(priority.body.error.message).toMatch(/^priority: /);
    const extra = await rpc('status:get', { surprise: 1 });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain('surprise');
    const limit = await rpc('tasks:list', { limit: 100_000 });
    expect(limit.status).toBe(400);
    expect(limit.body.error.message).toMatch(/^limit: /);
    const reason = await rpc('approvals:reject', { id: 'abc', reason: '  ' });
    expect(reason.status).toBe(400);
    expect(reason.body.error.message).toBe('reason: a reason is required');
  });

  it('answers 404 for unknown methods and unknown tasks', async () => {
    const unknown = await rpc('tasks:explode', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const proto = await rpc('__proto__', {});
    expect(proto.status).toBe(404);
    const missing = await rpc('tasks:get', { id: 'no-such-task' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers 409 when approving a task that is not awaiting a decision', async () => {
    const task = await call('tasks:create', { title: 'Nothing to approve', assignedAgent: 'Jarvis', requiresApproval: false });
    const res = await rpc('approvals:approve', { id: task.id });
    if (task.requiresApproval && task.approvedAt === null) throw new Error('expected a task that does not await approval');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('requires a JSON body of at most 1 MiB and POST', async () => {
    const text = await rpc('status:get', '{}', { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    const form = await rpc('status:get', 'a=1', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const broken = await rpc('status:get', '{"unterminated"');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain('not valid JSON');
    const huge = await rpc('tasks:create', JSON.stringify({ title: 'big', description: 'x'.repeat(1024 * 1024) }));
    expect(huge.status).toBe(413);
    const get = await send(t.port, { path: '/api/rpc/status:get', headers: t.bearer });
    expect(get.status).toBe(405);
    expect(get.json().ok).toBe(false);
  });

  it('answers unknown /api paths with a JSON 404', async () => {
    const res = await send(t.port, { path: '/api/nothing', headers: t.bearer });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
