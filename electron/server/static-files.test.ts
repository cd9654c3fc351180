import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './create-server';
import { dashboardCsp, findStaticDir, stylesheetPreloads, withBaseHref } from './static-files';
import { send, startTestServer, testToken, type TestServer } from './test-kit';
import { silentLogger } from './types';

let t: TestServer;
let cookie: string;
beforeAll(async () => {
  t = await startTestServer();
  const auth = await send(t.port, { path: `/auth?token=${testToken}` });
  cookie = String(auth.headers['set-cookie']?.[0]).split(';')[0] ?? '';
});
afterAll(async () => {
  await t.close();
});

const get = (path: string, method = 'GET') => send(t.port, { method, path, headers: { Cookie: cookie } });

describe('static dashboard', () => {
  it('serves index.html with the strict CSP and a base href for deep links', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(dashboardCsp);
    expect(dashboardCsp).toContain("script-src 'self'");
    expect(dashboardCsp).toContain("style-src 'self';"); // no 'unsafe-inline': e-mail previews style through the CSSOM
    expect(dashboardCsp).not.toMatch(/script-src[^;]*unsafe/);
    expect(dashboardCsp).toContain("connect-src 'self'");
    expect(dashboardCsp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<head><base href="/">');
    // The stylesheet starts loading with the response, before the parser reaches its link.
    expect(res.headers.link).toBe('</assets/app-1a2b.css>; rel=preload; as=style; crossorigin');
    expect((await get('/queues')).headers.link).toBe('</assets/app-1a2b.css>; rel=preload; as=style; crossorigin');
  });

  it('sends the opener policy unless Kenny started the navigation himself (Sec-Fetch-Site: none)', async () => {
    const coop = async (path: string, site?: string) => {
      const res = await send(t.port, { path, headers: { Cookie: cookie, ...(site ? { 'Sec-Fetch-Site': site } : {}) } });
      return res.headers['cross-origin-opener-policy'] ?? null;
    };
    // Opened by another site (or a sibling port of 127.0.0.1), from our own page, by a browser
    // that says nothing: the policy, on pages, the sign-in page, API answers and refusals alike.
    for (const path of ['/queues', '/auth', '/api/rpc/nope', '/assets/missing.js']) {
      expect(await coop(path, 'cross-site')).toBe('same-origin');
      expect(await coop(path, 'same-site')).toBe('same-origin');
      expect(await coop(path, 'same-origin')).toBe('same-origin');
      expect(await coop(path)).toBe('same-origin');
      expect(await coop(path, 'none')).toBeNull();
    }
    // A cache must not serve one answer for the other.
    expect((await get('/queues')).headers.vary).toBe('Cookie, Sec-Fetch-Site');
  });

  it('serves assets with their MIME types and long caching', async () => {
    const js = await get('/assets/app-1a2b.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.text).toContain('dashboard');
    expect((await get('/assets/app-1a2b.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    const head = await get('/assets/app-1a2b.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('sends a hashed asset gzipped from memory to clients that take gzip, as is to the others', async () => {
    const big = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: `task-${i}`, title: 'Reply to the customer' })))};\n`;
    writeFileSync(join(t.dir, 'renderer', 'assets', 'big-9f8e.js'), big);
    const fetchRaw = (encoding: string | null) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: t.port, path: '/assets/big-9f8e.js', headers: encoding === null ? {} : { 'Accept-Encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    // The first answer reads the file; the gzip copy is made in the background.
    expect((await fetchRaw('gzip, deflate, br')).body.toString()).toBe(big);
    await expect.poll(async () => (await fetchRaw('gzip, deflate, br')).headers['content-encoding']).toBe('gzip');
    const zipped = await fetchRaw('gzip, deflate, br');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(zipped.headers['cache-control']).toContain('immutable');
    expect(zipped.body.length).toBeLessThan(big.length / 4);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(gunzipSync(zipped.body).toString()).toBe(big);
    for (const refused of [null, 'identity', 'gzip;q=0, br']) {
      const plain = await fetchRaw(refused);
      expect(plain.headers['content-encoding'], String(refused)).toBeUndefined();
      expect(plain.body.toString(), String(refused)).toBe(big);
    }
    // Served from memory: gone from disk, the same hashed name still answers with its content.
    rmSync(join(t.dir, 'renderer', 'assets', 'big-9f8e.js'));
    expect((await fetchRaw(null)).body.toString()).toBe(big);
  });

  it('falls back to index.html for app routes but 404s missing files', async () => {
    const deep = await get('/queues/task/abc');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<div id="root">');
    expect((await get('/assets/missing-9z.js')).status).toBe(404);
  });

  it('never serves files outside the root or dotfiles', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/.env']) {
      const res = await get(path);
      expect(res.text, path).not.toContain('outside the root');
      expect([200, 404], path).toContain(res.status);
      if (res.status === 200) expect(res.text, path).toContain('<div id="root">');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it('says the dashboard is not built when there is no build', async () => {
    const server = await startServer({ engine: t.engine, token: testToken, port: 0, staticDir: null, logger: silentLogger });
    try {
      const res = await send(server.port, { path: '/', headers: { Authorization: `Bearer ${testToken}` } });
      expect(res.status).toBe(503);
      expect(res.text).toContain('npm run build');
    } finally {
      await server.close();
    }
  });
});

describe('findStaticDir', () => {
  it('finds out/renderer from the bundled CLI and from the sources, never the renderer sources', () => {
    const repo = mkdtempSync(join(tmpdir(), 'mc-static-'));
    try {
      mkdirSync(join(repo, 'renderer'), { recursive: true });
      writeFileSync(join(repo, 'renderer', 'index.html'), 'source');
      mkdirSync(join(repo, 'electron', 'cli', 'commands'), { recursive: true });
      mkdirSync(join(repo, 'out', 'main'), { recursive: true });
      expect(findStaticDir(join(repo, 'electron', 'cli', 'commands'))).toBeNull();
      mkdirSync(join(repo, 'out', 'renderer'), { recursive: true });
      writeFileSync(join(repo, 'out', 'renderer', 'index.html'), 'built');
      expect(findStaticDir(join(repo, 'out', 'main'))).toBe(join(repo, 'out', 'renderer'));
      expect(findStaticDir(join(repo, 'electron', 'cli', 'commands'))).toBe(join(repo, 'out', 'renderer'));
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('announces only the head\'s own stylesheets under /assets, with their CORS mode', () => {
    const head = (links: string) => `<html><head>${links}</head><body><link rel="stylesheet" href="./assets/late.css"></body></html>`;
    expect(stylesheetPreloads(head('<link rel="stylesheet" crossorigin href="./assets/index-6J7g.css"><link rel="stylesheet" href="/assets/schedule-Dc.css">'))).toBe(
      '</assets/index-6J7g.css>; rel=preload; as=style; crossorigin, </assets/schedule-Dc.css>; rel=preload; as=style',
    );
    expect(stylesheetPreloads(head('<link rel="modulepreload" href="./assets/react.js"><link rel="icon" href="./assets/x.css">'))).toBeNull();
    // Anything that could break out of the header or point elsewhere is left out.
    expect(stylesheetPreloads(head('<link rel="stylesheet" href="https://cdn.example/a.css"><link rel="stylesheet" href="./assets/a>b.css"><link rel="stylesheet" href="./assets/a.css;x">'))).toBeNull();
    expect(stylesheetPreloads('<link rel="stylesheet" href="./assets/a.css">')).toBeNull();
  });

  it('adds a base href only when the page has none', () => {
    expect(withBaseHref('<html><head><title>x</title></head></html>')).toBe('<html><head><base href="/"><title>x</title></head></html>');
    expect(withBaseHref('<head><base href="/app/"></head>')).toBe('<head><base href="/app/"></head>');
    const ownPolicy = `<head><meta http-equiv="Content-Security-Policy" content="base-uri 'none'"></head>`;
    expect(withBaseHref(ownPolicy)).toBe(ownPolicy);
  });
});
