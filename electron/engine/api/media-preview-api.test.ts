// previews:media through the engine's API (real SQLite, real handlers, a real image server):
// only a task's own media by index, images as data: URLs, refusals said plainly, cached.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultHandlers } from '../channels/default-handlers';
import { makePng } from '../channels/social/test-support/png';
import type { Engine } from '../index';
import { MemorySecretStore } from '../secrets/types';
import { tempDir, testEngine } from '../test-support/engine-fixture';

const png = makePng(120, 120, (x) => [x * 2, 90, 160]);
let server: Server;
let base: string;
let hits = 0;
beforeAll(async () => {
  server = createServer((request, response) => {
    hits++;
    if (request.url === '/era300.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    response.writeHead(200, { 'content-type': 'text/html' }).end('<p>not an image</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let dir: ReturnType<typeof tempDir>;
let engine: Engine;
afterEach(async () => {
  await engine?.close();
  dir.cleanup();
});

function start(env: Record<string, string> = {}): Engine {
  dir = tempDir();
  const secrets = new MemorySecretStore();
  engine = testEngine({ dir: dir.path, env, secrets, handlers: defaultHandlers({ env, secrets }) });
  return engine;
}

const post = (metadata: Record<string, unknown>) => engine.api['tasks:create']({ title: 'Post', assignedAgent: 'Social Media Agent', requiresApproval: true, metadata });

describe('previews:media', () => {
  it('answers the task\'s image as a data: URL, cached; refusals name the reason', async () => {
    start({ MISSION_CONTROL_TEST_LOOPBACK_MEDIA: '1' });
    const task = await post({ platform: 'facebook', content: 'Era 300', media_urls: [`${base}/era300.png`, `${base}/page.html`] });
    const first = await engine.api['previews:media']({ taskId: task.id, index: 0 });
    expect(first).toMatchObject({ url: `${base}/era300.png`, type: 'image/png', bytes: png.length, width: 120, height: 120, refused: null });
    expect(Buffer.from(first.dataUrl!.replace('data:image/png;base64,', ''), 'base64').equals(png)).toBe(true);
    const before = hits;
    await engine.api['previews:media']({ taskId: task.id, index: 0 });
    expect(hits).toBe(before); // cached
    expect(await engine.api['previews:media']({ taskId: task.id, index: 1 })).toMatchObject({ dataUrl: null, refused: 'Not shown: it is text/html, not a JPEG, PNG, GIF or WEBP image' });
    // Instagram fetches URLs itself: a local file is said plainly, and nothing is read from it.
    const local = await post({ platform: 'instagram', content: 'Stock', media_urls: ['file:///srv/photos/stock.jpg'] });
    expect(await engine.api['previews:media']({ taskId: local.id, index: 0 })).toMatchObject({ dataUrl: null, refused: 'Not shown: it is a file on this computer, which the platform cannot fetch' });
    const item = (await engine.api['approvals:list']({})).items.find((candidate) => candidate.task.id === local.id);
    expect(item!.preview!.problems).toEqual([{ field: 'metadata.media_urls.0', message: expect.stringContaining('file:///srv/photos/stock.jpg is a file on this computer: Meta fetches media itself') }]);
    await expect(engine.api['approvals:approve']({ id: local.id, by: 'Kenny' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('fetches nothing on this computer without the test switch, and only media the task has', async () => {
    start();
    const task = await post({ platform: 'x', content: 'Era 300', media_urls: [`${base}/era300.png`] });
    const before = hits;
    expect(await engine.api['previews:media']({ taskId: task.id, index: 0 })).toMatchObject({ dataUrl: null, refused: 'Not shown: 127.0.0.1 is this computer: previews only fetch public addresses' });
    expect(hits).toBe(before);
    await expect(engine.api['previews:media']({ taskId: task.id, index: 1 })).rejects.toMatchObject({ code: 'not_found', message: '"Post" has 1 media; there is no media 2' });
    await expect(engine.api['previews:media']({ taskId: 'nope', index: 0 })).rejects.toMatchObject({ code: 'not_found' });
    const mail = await engine.api['tasks:create']({ title: 'Mail', assignedAgent: 'Email Agent', metadata: { to: 'thandi@example.com', subject: 'Your order', body_text: 'It ships today.' } });
    await expect(engine.api['previews:media']({ taskId: mail.id, index: 0 })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('is not a social post') });
    await expect(engine.api['previews:media']({ taskId: task.id, index: 0, url: 'http://example.com/a.png' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
