import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, eventSchemas } from '../../shared/contract';
import { startServer } from './create-server';
import { formatEvent } from './sse';
import { openEventStream, send, startTestServer, testToken, type TestServer } from './test-kit';
import { silentLogger } from './types';

let t: TestServer;
let cookie: string;
beforeAll(async () => {
  t = await startTestServer({ heartbeatMs: 25 });
  const auth = await send(t.port, { path: `/auth?token=${testToken}` });
  cookie = String(auth.headers['set-cookie']?.[0]).split(';')[0] ?? '';
});
afterAll(async () => {
  await t.close();
});

async function rpc(method: keyof typeof contract, input: unknown) {
  const res = await send(t.port, { method: 'POST', path: `/api/rpc/${method}`, headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  expect(res.status, res.text).toBe(200);
  return res.json().value;
}

describe('GET /api/events', () => {
  it('requires the session', async () => {
    const res = await send(t.port, { path: '/api/events' });
    expect(res.status).toBe(401);
  });

  it('starts with status:changed, then forwards a task:changed caused by another request to every tab', async () => {
    const first = await openEventStream(t.port, { Cookie: cookie });
    const second = await openEventStream(t.port, { Authorization: `Bearer ${testToken}` });
    try {
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(first.headers['cache-control']).toBe('no-store');
      const status = await first.waitFor((e) => e.event === 'status:changed');
      expect(eventSchemas['status:changed'].safeParse(JSON.parse(status.data ?? 'null')).success).toBe(true);

      const task = await rpc('tasks:create', { title: 'Approve me live', assignedAgent: 'Social Media Agent', requiresApproval: true, metadata: { platform: 'x', content: 'Approve me live' } });
      const isApproved = (e: { event: string | null; data: string | null }) =>
        e.event === 'task:changed' && JSON.parse(e.data ?? '{}').id === task.id;
      const approvedInFirst = first.waitFor(isApproved);
      const approvedInSecond = second.waitFor(isApproved);
      const approve = await send(t.port, { method: 'POST', path: `/api/tasks/${task.id}/approve`, headers: { Authorization: `Bearer ${testToken}` } });
      expect(approve.status).toBe(200);

      const [a, b] = await Promise.all([approvedInFirst, approvedInSecond]);
      const payload = eventSchemas['task:changed'].parse(JSON.parse(a.data ?? 'null'));
      expect(payload.id).toBe(task.id);
      expect(b.data).toBe(a.data);
    } finally {
      first.close();
      second.close();
    }
  });

  it('sends heartbeat comments to keep the stream open', async () => {
    const stream = await openEventStream(t.port, { Cookie: cookie });
    try {
      const beat = await stream.waitFor((e) => e.comment?.startsWith('heartbeat') ?? false);
      expect(beat.event).toBeNull();
    } finally {
      stream.close();
    }
  });

  it('ends open streams when the server closes, so shutdown does not hang', async () => {
    const server = await startServer({ engine: t.engine, token: testToken, port: 0, staticDir: null, logger: silentLogger });
    const stream = await openEventStream(server.port, { Authorization: `Bearer ${testToken}` });
    await stream.waitFor((e) => e.event === 'status:changed');
    await server.close();
    await stream.ended;
    stream.close();
  });

  it('refuses other methods on the stream', async () => {
    const res = await send(t.port, { method: 'POST', path: '/api/events', headers: { Cookie: cookie } });
    expect(res.status).toBe(405);
  });
});

describe('formatEvent', () => {
  it('keeps multi-line payloads on one data line', () => {
    expect(formatEvent('log:appended', { message: 'line 1\nline 2' }, 7)).toBe('id: 7\nevent: log:appended\ndata: {"message":"line 1\\nline 2"}\n\n');
  });
});
