import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillTemplate, scriptJson, themeFromCookie, type ServerRenderModule } from './page-render';
import { send, startTestServer, testToken, type TestServer } from './test-kit';
import type { ServerLogger } from './types';

/** The payload block's JSON, as the browser's JSON.parse reads it. */
function payloadOf(html: string): { path: string; theme: string; unset: string[]; answers: { method: string; input: unknown; value: any }[] } | null {
  const match = /<script type="application\/json" id="mc-ssr">([\s\S]*?)<\/script>/.exec(html);
  return match ? JSON.parse(match[1]!) : null;
}

const hostile = 'Quote </script><script>alert(1)</script> & <!-- "R45 000"';

describe('server-rendered pages (the real app, a real engine)', () => {
  let t: TestServer;
  let cookie: string;
  const warnings: string[] = [];
  const logger: ServerLogger = { info() {}, warn: (message) => warnings.push(message), error: (message) => warnings.push(message) };
  beforeAll(async () => {
    t = await startTestServer({ serverRender: true, logger });
    for (let i = 0; i < 30; i++) await t.engine.api['tasks:create']({ title: i === 0 ? hostile : `Seeded task ${String(i).padStart(2, '0')}`, assignedAgent: 'Email Agent', priority: i === 0 ? 'urgent' : 'medium' });
    const auth = await send(t.port, { path: `/auth?token=${testToken}` });
    cookie = String(auth.headers['set-cookie']?.[0]).split(';')[0] ?? '';
  });
  afterAll(async () => {
    await t.close();
  });

  it('renders the queue rows into #root and embeds the answers, escaped, for a signed-in request', async () => {
    const res = await send(t.port, { path: '/queues', headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(warnings).toEqual([]);
    expect(res.headers['cache-control']).toBe('no-store');
    // The payload follows the markup, at the end of <body>.
    const root = /<div id="root">([\s\S]*)<\/div>\s*<script type="application\/json" id="mc-ssr">/.exec(res.text)?.[1] ?? '';
    const rows = root.match(/data-task-id="/g) ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(root).toContain('Seeded task 01');
    expect(root).toContain('30 tasks');
    expect(root).toContain('aria-current="page"');
    // React escapes the title in the markup; the JSON block holds it with < > & escaped.
    expect(root).toContain('Quote &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!-- &quot;R45 000&quot;');
    const block = /id="mc-ssr">([\s\S]*?)<\/script>/.exec(res.text)?.[1] ?? '';
    expect(block).not.toMatch(/[<>]/);
    const payload = payloadOf(res.text)!;
    expect(payload.path).toBe('/queues');
    expect(payload.unset).toEqual(['mc-queue-view', 'mc-queue-scroll']);
    expect(payload.answers.map((answer) => answer.method)).toEqual(['status:get', 'sync:status', 'tasks:list']);
    const list = payload.answers[2]!.value as { total: number; items: { title: string }[] };
    expect(list.total).toBe(30);
    expect(list.items[0]!.title).toBe(hostile);
    // 30 rows fit a first screen's share (ssr/embed.ts): the answer is carried whole.
    expect(list.items).toHaveLength(30);
    expect(payload.answers[2]).not.toHaveProperty('partial');
    // Only the page carries the markup: links are path routes, not hashes.
    expect(root).toMatch(/href="\/task\/[^"]+"/);
    expect(root).not.toContain('href="#/');
    expect(warnings).toEqual([]);
  });

  it('sends an unauthenticated request the plain page: no data at all', async () => {
    const res = await send(t.port, { path: '/queues' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root"></div>');
    expect(res.text).not.toContain('mc-ssr');
    expect(res.text).not.toContain('Seeded task');
    expect(res.headers['cache-control']).toBe('no-cache');
    const forged = await send(t.port, { path: '/queues', headers: { Cookie: 'mc_session=not-the-session' } });
    expect(forged.text).not.toContain('Seeded task');
  });

  it('writes the theme cookie onto <html> before any script runs', async () => {
    const dark = await send(t.port, { path: '/queues', headers: { Cookie: `${cookie}; mc_theme=dark` } });
    expect(dark.text).toMatch(/<html[^>]* data-theme="dark"/);
    expect(payloadOf(dark.text)?.theme).toBe('dark');
    const plain = await send(t.port, { path: '/queues', headers: { Cookie: `${cookie}; mc_theme=purple` } });
    expect(plain.text).not.toContain('data-theme');
  });

  it('renders a task page and Today the same way, Today at `/` too; not views whose calls are unknown', async () => {
    const { items } = await t.engine.api['tasks:list']({ search: 'Seeded task 07', limit: 1 });
    const task = await send(t.port, { path: `/task/${encodeURIComponent(items[0]!.id)}`, headers: { Cookie: cookie } });
    expect(payloadOf(task.text)?.answers.map((answer) => answer.method)).toContain('tasks:get');
    expect(task.text).toContain('Seeded task 07');
    // Today: its counts, cards and lists from the answers; the chart (its own lazy chunk) loading.
    const today = await send(t.port, { path: '/today', headers: { Cookie: cookie } });
    expect(new Set(payloadOf(today.text)?.answers.map((answer) => answer.method))).toEqual(new Set(['status:get', 'sync:status', 'tasks:list', 'channels:list', 'suggestions:list', 'digest:get', 'limits:usage']));
    expect(today.text).toMatch(/data-testid="count-awaiting">\d+</);
    expect(today.text).toContain('Waiting for you');
    expect(today.text).not.toContain('Loading executor status');
    expect(today.text).not.toContain('hash-link.js');
    // `/` is Today, with the blocking script that hides it for an old `/#/…` link (its view is in
    // the fragment the server never sees), before anything of the page is painted.
    const home = await send(t.port, { path: '/', headers: { Cookie: cookie } });
    expect(payloadOf(home.text)?.path).toBe('/');
    expect(home.text).toMatch(/data-testid="count-awaiting">\d+</);
    expect(home.text.indexOf('<script src="/hash-link.js"></script>')).toBeLessThan(home.text.indexOf('</head>'));
    expect(home.text.indexOf('<script src="/hash-link.js"></script>')).toBeGreaterThan(0);
    // Not a view whose calls are unknown.
    const plain = await send(t.port, { path: '/calendar', headers: { Cookie: cookie } });
    expect(plain.text).toContain('<div id="root"></div>');
    expect(plain.text).not.toContain('mc-ssr');
  });

  it('sends the plain page and logs why when a first call fails (a task that does not exist)', async () => {
    warnings.length = 0;
    const res = await send(t.port, { path: '/task/no-such-task', headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root"></div>');
    expect(warnings.join('\n')).toMatch(/page render of \/task\/no-such-task failed/);
  });
});

describe('render failures fall back to the plain page', () => {
  it('a render that throws, and a module that cannot load, each give a 200 plain page and a logged reason', async () => {
    const warnings: string[] = [];
    const logger: ServerLogger = { info() {}, warn: (message) => warnings.push(message), error: (message) => warnings.push(message) };
    let mode: 'throw' | 'missing' = 'throw';
    const broken: ServerRenderModule = {
      planFor: () => ({ calls: [{ method: 'status:get', input: {} }], unset: [] }),
      renderPage: () => Promise.reject(new Error('the view threw while rendering')),
    };
    const t = await startTestServer({ serverRender: true, logger, loadRenderModule: () => (mode === 'throw' ? Promise.resolve(broken) : Promise.reject(new Error('ssr.js missing'))) });
    try {
      const auth = await send(t.port, { path: `/auth?token=${testToken}` });
      const cookie = String(auth.headers['set-cookie']?.[0]).split(';')[0] ?? '';
      const thrown = await send(t.port, { path: '/queues', headers: { Cookie: cookie } });
      expect(thrown.status).toBe(200);
      expect(thrown.text).toContain('<div id="root"></div>');
      expect(thrown.text).not.toContain('mc-ssr');
      mode = 'missing';
      const missing = await send(t.port, { path: '/queues', headers: { Cookie: cookie } });
      expect(missing.status).toBe(200);
      expect(missing.text).toContain('<div id="root"></div>');
      expect(warnings.join('\n')).toContain('the view threw while rendering');
      expect(warnings.join('\n')).toContain('ssr.js missing');
    } finally {
      await t.close();
    }
  });
});

describe('page-render helpers', () => {
  it('escapes everything that could end or change a script block', () => {
    const text = scriptJson({ a: '</script><!--x-->&\u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ a: '</script><!--x-->&\u2028' });
  });

  it('leaves no script of the app in a rendered page: boot.ts starts the entry and its chunks after the first frame', () => {
    const template = '<html lang="en">\n  <head>\n    <script type="module" crossorigin data-mc-boot src="./assets/boot-1.js"></script>\n    <script type="module" crossorigin src="./assets/index-2.js"></script>\n    <link rel="modulepreload" crossorigin href="./assets/react-3.js">\n    <link rel="modulepreload" crossorigin href="./assets/contract-4.js">\n    <link rel="stylesheet" crossorigin href="./assets/index-5.css">\n  </head>\n  <body>\n    <div id="root"></div>\n  </body>\n</html>';
    const page = fillTemplate(template, 'x', '{}', 'system')!;
    expect(page).toBe('<html lang="en" data-mc-ssr>\n  <head>\n    <script type="module" crossorigin data-mc-boot src="./assets/boot-1.js"></script>\n    <link rel="stylesheet" crossorigin href="./assets/index-5.css">\n  </head>\n  <body>\n    <div id="root">x</div>\n  <script type="application/json" id="mc-ssr">{}</script><script type="application/json" id="mc-entry">{"entry":"./assets/index-2.js","preload":["./assets/react-3.js","./assets/contract-4.js"]}</script></body>\n</html>');
  });

  it('fills the root, puts the payload after the markup and the theme on <html>; refuses a page without an empty root', () => {
    const page = fillTemplate('<html lang="en"><head><meta charset="utf-8"><script type="module" data-mc-boot src="/boot.js"></script></head><body><div id="root"></div></body></html>', '<p>$& rows</p>', '{}', 'light');
    expect(page).toBe('<html lang="en" data-theme="light" data-mc-ssr><head><meta charset="utf-8"><script type="module" data-mc-boot src="/boot.js"></script></head><body><div id="root"><p>$& rows</p></div><script type="application/json" id="mc-ssr">{}</script></body></html>');
    expect(fillTemplate('<div id="root"></div><p>after</p>', 'x', '{}', 'dark')).toBe('<div id="root">x</div><script type="application/json" id="mc-ssr">{}</script><p>after</p>');
    expect(fillTemplate('<html><body><div id="app"></div></body></html>', 'x', '{}', 'system')).toBeNull();
    // A blocking script at the end of <head>, before anything of <body> (the page at `/`).
    expect(fillTemplate('<html><head><title>t</title></head><body><div id="root"></div></body></html>', 'x', '{}', 'system', { headScript: '/hash-link.js' })).toBe(
      '<html data-mc-ssr><head><title>t</title><script src="/hash-link.js"></script></head><body><div id="root">x</div><script type="application/json" id="mc-ssr">{}</script></body></html>',
    );
  });

  it('reads only light or dark from the theme cookie', () => {
    expect(themeFromCookie('mc_theme=dark; mc_session=x')).toBe('dark');
    expect(themeFromCookie('mc_theme=light')).toBe('light');
    expect(themeFromCookie('mc_theme="><script>')).toBe('system');
    expect(themeFromCookie(undefined)).toBe('system');
  });
});
