// Live media checks against a real HTTP server serving image headers (PNG IHDR, JPEG SOF0),
// through the Meta handler's loadPreview.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/types';
import { createMetaHandler } from '../meta/meta-handler';
import type { TaskInput } from '../types';
import { imageSize } from './image-header';

function png(width: number, height: number): Buffer {
  const head = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(head, 0);
  head.writeUInt32BE(13, 8);
  head.write('IHDR', 12, 'latin1');
  head.writeUInt32BE(width, 16);
  head.writeUInt32BE(height, 20);
  return head;
}

function jpeg(width: number, height: number, padding = 0): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.alloc(19);
  sof.writeUInt16BE(0xffc0, 0);
  sof.writeUInt16BE(17, 2);
  sof.writeUInt8(8, 4);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(padding)]);
}

const files: Record<string, { type: string; body: Buffer }> = {
  '/square.jpg': { type: 'image/jpeg', body: jpeg(1080, 1080) },
  '/tall.jpg': { type: 'image/jpeg', body: jpeg(1000, 2000) },
  '/logo.png': { type: 'image/png', body: png(1080, 1080) },
  '/huge.jpg': { type: 'image/jpeg', body: jpeg(1080, 1080, 9 * 1_048_576) },
};
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(206, { 'content-type': file.type, 'content-range': `bytes 0-${Math.min(file.body.length, 65_536) - 1}/${file.body.length}` }).end(file.body.subarray(0, 65_536));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const task = (metadata: Record<string, unknown>): TaskInput => ({ id: 't', title: 'Post', description: null, assignedAgent: 'Social Media Agent', priority: 'medium', metadata });

describe('media checks before approval', () => {
  it('reads PNG and JPEG sizes from their headers', () => {
    expect(imageSize(png(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageSize(jpeg(1080, 1350))).toEqual({ width: 1080, height: 1350 });
    expect(imageSize(Buffer.from('GIF89a'))).toBeNull();
  });

  it('Instagram: JPEG only, up to 8 MB, aspect 4:5 to 1.91:1; unreachable is a warning', async () => {
    const meta = createMetaHandler({ env: {}, secrets: new MemorySecretStore(), allowLocalMedia: true });
    const preview = await meta.loadPreview!(task({ platform: 'instagram', content: 'Looks', media_urls: [`${base}/square.jpg`, `${base}/tall.jpg`, `${base}/logo.png`, `${base}/huge.jpg`, `${base}/gone.jpg`] }));
    expect(preview.problems).toEqual([
      { field: 'metadata.media_urls.1', message: `Instagram takes aspect ratios from 4:5 to 1.91:1; ${base}/tall.jpg is 1000×2000` },
      { field: 'metadata.media_urls.2', message: `Instagram takes JPEG images only; ${base}/logo.png is image/png` },
      { field: 'metadata.media_urls.3', message: `Instagram takes images up to 8 MB; ${base}/huge.jpg is 9 MB` },
    ]);
    expect(preview.warnings).toEqual([expect.stringMatching(/Could not check .*gone\.jpg \(HTTP 404\)/)]);
  });

  it('X: local files are checked (X uploads them); local-network URLs are not fetched before approval', async () => {
    const { createXHandler } = await import('../x/x-handler');
    const dir = mkdtempSync(join(tmpdir(), 'mc-probe-'));
    try {
      const big = join(dir, 'big.png');
      writeFileSync(big, Buffer.concat([png(2000, 1000), Buffer.alloc(6 * 1_048_576)]));
      const x = createXHandler({ env: {}, secrets: new MemorySecretStore() });
      const preview = await x.loadPreview!(task({ platform: 'x', content: 'Stock', media_urls: [pathToFileURL(big).toString(), 'http://192.168.1.20/photos/stock.jpg'] }));
      expect(preview.problems).toEqual([{ field: 'metadata.media_urls.0', message: `X takes images up to 5 MB; ${pathToFileURL(big).toString()} is 6 MB` }]);
      expect(preview.warnings).toEqual([expect.stringContaining('Could not check http://192.168.1.20/photos/stock.jpg (192.168.1.20 is on a private or local network: previews only fetch public addresses)')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
