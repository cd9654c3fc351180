import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executorStatusSchema } from '../../shared/contract';
import { sessionCookieName } from './auth';
import { send, startTestServer, testToken, type TestServer } from './test-kit';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const json = { 'Content-Type': 'application/json' };
const statusCall = (headers: Record<string, string>) => send(t.port, { method: 'POST', path: '/api/rpc/status:get', headers: { ...json, ...headers }, body: '{}' });

async function signIn(): Promise<string> {
  const res = await send(t.port, { path: `/auth?token=${encodeURIComponent(testToken)}` });
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  return cookie;
}

describe('API authentication', () => {
  it('refuses a request without credentials with 401 in the contract shape', async () => {
    const res = await statusCall({});
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses a wrong bearer token and a wrong cookie', async () => {
    expect((await statusCall({ Authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await statusCall({ Authorization: `Bearer ${testToken}x` })).status).toBe(401);
    expect((await statusCall({ Cookie: `${sessionCookieName}=${testToken}` })).status).toBe(401);
    expect((await statusCall({ Cookie: `${sessionCookieName}=` })).status).toBe(401);
  });

  it('accepts the bearer token', async () => {
    const res = await statusCall({ Authorization: `Bearer ${testToken}` });
    expect(res.status).toBe(200);
    expect(res.json().ok).toBe(true);
    expect(executorStatusSchema.safeParse(res.json().value).success).toBe(true);
  });

  it('exchanges the token at /auth for an HttpOnly SameSite=Strict cookie that is not the token', async () => {
    const res = await send(t.port, { path: `/auth?token=${encodeURIComponent(testToken)}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/today');
    const setCookie = res.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^${sessionCookieName}=[A-Za-z0-9_-]+;`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain(testToken);
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await statusCall({ Cookie: `other=1; ${cookie}` })).status).toBe(200);
  });

  it('signs in from the pasted-token form (POST /auth) and rejects a wrong token there', async () => {
    const good = await send(t.port, { method: 'POST', path: '/auth', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(testToken)}` });
    expect(good.status).toBe(303);
    expect(good.headers['set-cookie']?.[0]).toContain(`${sessionCookieName}=`);
    const bad = await send(t.port, { method: 'POST', path: '/auth', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'token=guess' });
    expect(bad.status).toBe(401);
    expect(bad.headers['set-cookie']).toBeUndefined();
    expect(bad.text).toContain('not valid');
  });

  it('shows the token page at /auth with its own strict CSP', async () => {
    const res = await send(t.port, { path: '/auth' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<form method="post" action="/auth">');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'nonce-[^']+'; form-action 'self'/);
  });

  it('serves the dashboard page without the cookie (it shows its sign-in screen) but not the API', async () => {
    const page = await send(t.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    const events = await send(t.port, { path: '/api/events' });
    expect(events.status).toBe(401);
    expect(events.json().error.code).toBe('unauthorized');
  });

  it('keeps the cloud routes bearer-only: the cookie alone does not run a cycle', async () => {
    const res = await send(t.port, { method: 'POST', path: '/api/cron/tasks/execute', headers: { Cookie: await signIn() } });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ success: false });
  });
});

describe('DNS rebinding defence', () => {
  it('refuses a foreign Host even with a valid token', async () => {
    for (const host of ['evil.example', `evil.example:${t.port}`, `127.0.0.1:${t.port + 1}`, `localhost.evil.example:${t.port}`]) {
      const res = await statusCall({ Authorization: `Bearer ${testToken}`, Host: host });
      expect(res.status, host).toBe(403);
      expect(res.json().error.code).toBe('unauthorized');
    }
    const page = await send(t.port, { path: '/auth', headers: { Host: `evil.example:${t.port}` } });
    expect(page.status).toBe(403);
  });

  it('accepts the loopback names with the bound port', async () => {
    for (const host of [`127.0.0.1:${t.port}`, `localhost:${t.port}`, `[::1]:${t.port}`]) {
      expect((await statusCall({ Authorization: `Bearer ${testToken}`, Host: host })).status, host).toBe(200);
    }
  });

  it('refuses a cross-origin request even with the cookie, and accepts its own origin', async () => {
    const cookie = await signIn();
    const foreign = await statusCall({ Cookie: cookie, Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await statusCall({ Cookie: cookie, Origin: `http://127.0.0.1:${t.port}` });
    expect(own.status).toBe(200);
    const login = await send(t.port, { method: 'POST', path: '/auth', headers: { Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${testToken}` });
    expect(login.status).toBe(403);
  });
});
