/**
 * Issue 16: every bad input refused with a 4xx naming the problem (unknown fields, nesting depth,
 * oversized sign-in bodies, long cloud reasons, lone surrogates, agent size), and tasks:create
 * idempotent by key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startTestServer, testToken, type TestServer } from './test-kit';

let t: TestServer;
const logged: string[] = [];
beforeAll(async () => {
  t = await startTestServer({
    logger: { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m, d) => logged.push(`${m} ${d instanceof Error ? d.stack : String(d)}`) },
  });
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
  return { status: res.status, body: res.json(), headers: res.headers };
}

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
/** JSON text nested `depth` levels, built without recursion (JSON.stringify would overflow). */
const nestedText = (depth: number): string => `${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;

describe('unknown fields (finding 1)', () => {
  it('refuses the cloud column name requires_approval on tasks:create, suggesting requiresApproval', async () => {
    const res = await rpc('tasks:create', { title: 'Post the sale', assignedAgent: 'Social Media Agent', requires_approval: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/unknown field "requires_approval" \(did you mean "requiresApproval"\?\)/);
    const list = await rpc('tasks:list', { search: 'sale' });
    expect(list.body.value.total).toBe(0);
  });

  it('refuses assigned_agent instead of dropping it (the task would go to Jarvis)', async () => {
    const res = await rpc('tasks:create', { title: 'Reply to Lerato', assigned_agent: 'Email Agent' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/"assigned_agent" \(did you mean "assignedAgent"\?\)/);
  });

  it('refuses unknown fields on tasks:list, rules:upsert (and its conditions) and settings:update', async () => {
    expect((await rpc('tasks:list', { statuss: ['new'] })).body.error.message).toMatch(/"statuss" \(did you mean "status"\?\)/);
    const rule = { position: 5, name: 'Hold refunds', agent: 'Email Agent', effect: 'require_approval', enabled: true, conditions: [{ field: 'email_category', op: 'eq', value: 'refund' }] };
    expect((await rpc('rules:upsert', { ...rule, builtin: true })).body.error.message).toMatch(/unknown field "builtin"/);
    const nestedBad = await rpc('rules:upsert', { ...rule, conditions: [{ field: 'email_category', op: 'eq', value: 'refund', operator: 'eq' }] });
    expect(nestedBad.status).toBe(400);
    expect(nestedBad.body.error.message).toMatch(/conditions\.0: unknown field "operator"/);
    expect((await rpc('settings:update', { retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 5000, jitter: true } })).body.error.message).toMatch(/retry: unknown field "jitter"/);
    expect((await rpc('rules:upsert', rule)).status).toBe(200);
  });

  it('refuses an empty or 300 KB agent on rules:upsert', async () => {
    const rule = { position: 6, name: 'x', effect: 'require_approval', enabled: true, conditions: [] };
    expect((await rpc('rules:upsert', { ...rule, agent: '' })).body.error.message).toMatch(/agent/);
    expect((await rpc('rules:upsert', { ...rule, agent: 'A'.repeat(300_000) })).status).toBe(400);
  });
});

describe('nesting depth (finding 6)', () => {
  it('refuses metadata nested 1,001 and 5,000 levels with 400 naming the limit', async () => {
    for (const depth of [1001, 5000, 100_000]) {
      const res = await rpc('tasks:create', `{"title":"deep","metadata":${nestedText(depth)}}`);
      expect(res.status, `depth ${depth}`).toBe(400);
      expect(res.body.error.message).toMatch(/nested too deeply \(at most 64 levels\)/);
    }
    expect(logged.join('\n')).not.toMatch(/RangeError|Maximum call stack/);
  });

  it('accepts ordinary nesting', async () => {
    expect((await rpc('tasks:create', { title: 'shallow', metadata: nested(20) as Record<string, unknown> })).status).toBe(200);
  });
});

describe('POST /auth (finding 5)', () => {
  it('answers 413 to a 20 KB body and never logs the token', async () => {
    const res = await send(t.port, { method: 'POST', path: `/auth?token=${testToken}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${'x'.repeat(20_000)}` });
    expect(res.status).toBe(413);
    expect(logged.join('\n')).not.toContain(testToken);
  });

  it('never writes a URL token to the log when a request fails', async () => {
    await send(t.port, { method: 'POST', path: `/auth?token=${testToken}`, headers: { 'Content-Length': '999999999', Connection: 'close' } }).catch(() => undefined);
    expect(logged.join('\n')).not.toContain(testToken);
  });
});

describe('cloud reject route (finding 11)', () => {
  it('says the reason is too long rather than missing', async () => {
    const task = (await rpc('tasks:create', { title: 'Hold me', assignedAgent: 'Email Agent', requiresApproval: true })).body.value;
    const res = await send(t.port, { method: 'POST', path: `/api/tasks/${task.id}/reject`, headers: { ...t.bearer, 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: 'r'.repeat(5000) }) });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/reason: too long \(at most 1,000 characters\)/);
  });
});

describe('text that cannot be stored', () => {
  it('refuses a lone UTF-16 surrogate in a title (it would be stored as invalid UTF-8)', async () => {
    const res = await rpc('tasks:create', JSON.stringify({ title: 'Broken \ud800 title' }).replace('\\ud800', '\\ud800'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/title: contains a lone UTF-16 surrogate/);
  });
});

describe('tasks:create idempotency (Idempotency-Key)', () => {
  it('returns the same task for the same key and body, 409 for the same key with another body', async () => {
    const body = { title: 'Reply to Thabo', assignedAgent: 'Email Agent' };
    const first = await rpc('tasks:create', body, { 'Idempotency-Key': 'retry-1' });
    const again = await rpc('tasks:create', body, { 'Idempotency-Key': 'retry-1' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.value.id).toBe(first.body.value.id);
    const other = await rpc('tasks:create', { ...body, title: 'Reply to Thabo again' }, { 'Idempotency-Key': 'retry-1' });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/Idempotency key "retry-1" was used .* different/);
    const inBody = await rpc('tasks:create', { ...body, idempotencyKey: 'retry-1' });
    expect(inBody.body.value.id).toBe(first.body.value.id);
    const list = await rpc('tasks:list', { search: 'Thabo' });
    expect(list.body.value.total).toBe(1);
  });

  it('refuses a header and a body key that disagree', async () => {
    const res = await rpc('tasks:create', { title: 'x', idempotencyKey: 'a' }, { 'Idempotency-Key': 'b' });
    expect(res.status).toBe(400);
  });
});
