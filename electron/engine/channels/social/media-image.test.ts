// The preview's image fetch against a real HTTP server: what it shows, and everything it refuses
// (not an image, an image label on HTML, too large declared or streamed, not http(s), this
// computer and private networks, redirects into them, local files where the platform fetches).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRefusal } from './media-fetch';
import { fetchPreviewImage } from './media-image';
import { makePng } from './test-support/png';

const png = makePng(64, 48);
const requests: string[] = [];
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mc-media-'));
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    switch (request.url) {
      case '/ok.png':
        return void response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
      case '/page.html':
        return void response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Router admin</h1>');
      case '/lying.png':
        return void response.writeHead(200, { 'content-type': 'image/png' }).end('<script>alert(1)</script>');
      case '/drawing.svg':
        return void response.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>');
      case '/declared-big.jpg':
        return void response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 11 * 1_048_576 }).end();
      case '/streamed-big.png': {
        response.writeHead(200, { 'content-type': 'image/png' });
        const block = Buffer.alloc(1_048_576);
        png.copy(block);
        for (let index = 0; index < 12; index++) response.write(block);
        return void response.end();
      }
      case '/moved':
        return void response.writeHead(302, { location: '/ok.png' }).end();
      case '/to-router':
        return void response.writeHead(302, { location: 'http://192.168.1.1/admin.png' }).end();
      default:
        return void response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const loopback = { allowLoopback: true };

describe('the preview image fetch', () => {
  it('answers a real image with its sniffed type and size, following a redirect', async () => {
    const image = await fetchPreviewImage(`${base}/ok.png`, loopback);
    expect(image).toMatchObject({ type: 'image/png', width: 64, height: 48 });
    expect(image.bytes.equals(png)).toBe(true);
    expect((await fetchPreviewImage(`${base}/moved`, loopback)).type).toBe('image/png');
  });

  it('refuses what is not a JPEG, PNG, GIF or WEBP, whatever the label says', async () => {
    await expect(fetchPreviewImage(`${base}/page.html`, loopback)).rejects.toThrow('it is text/html, not a JPEG, PNG, GIF or WEBP image');
    await expect(fetchPreviewImage(`${base}/lying.png`, loopback)).rejects.toThrow('it is not a JPEG, PNG, GIF or WEBP image');
    await expect(fetchPreviewImage(`${base}/drawing.svg`, loopback)).rejects.toThrow('it is image/svg+xml, not a JPEG, PNG, GIF or WEBP image');
    await expect(fetchPreviewImage(`${base}/gone.png`, loopback)).rejects.toThrow('the server answered HTTP 404');
  });

  it('refuses images over 10 MB, declared or streamed', async () => {
    await expect(fetchPreviewImage(`${base}/declared-big.jpg`, loopback)).rejects.toThrow(/it is 11534336 bytes, over the 10485760-byte \(10 MB\) preview limit/);
    await expect(fetchPreviewImage(`${base}/streamed-big.png`, loopback)).rejects.toThrow(/over the 10485760-byte \(10 MB\) preview limit/);
  });

  it('refuses anything but http(s), and local files unless the platform uploads them (X)', async () => {
    await expect(fetchPreviewImage('ftp://cdn.example.com/a.png')).rejects.toThrow('ftp: is not http(s)');
    await expect(fetchPreviewImage('data:image/png;base64,AAAA')).rejects.toThrow('data: is not http(s)');
    const file = join(dir, 'stock.png');
    writeFileSync(file, png);
    const url = pathToFileURL(file).toString();
    await expect(fetchPreviewImage(url)).rejects.toThrow('it is a file on this computer, which the platform cannot fetch');
    expect(await fetchPreviewImage(url, { allowFiles: true })).toMatchObject({ type: 'image/png', width: 64 });
    writeFileSync(join(dir, 'notes.png'), 'not an image');
    await expect(fetchPreviewImage(pathToFileURL(join(dir, 'notes.png')).toString(), { allowFiles: true })).rejects.toThrow('not a JPEG, PNG, GIF or WEBP image');
  });

  it('never reaches this computer or a private network (addresses, names and redirects)', async () => {
    const before = requests.length;
    await expect(fetchPreviewImage(`${base}/ok.png`)).rejects.toThrow('127.0.0.1 is this computer: previews only fetch public addresses');
    await expect(fetchPreviewImage(`http://localhost:${new URL(base).port}/ok.png`)).rejects.toThrow(/localhost resolves to (127\.0\.0\.1|::1) is this computer/);
    await expect(fetchPreviewImage('http://192.168.1.1/admin.png')).rejects.toThrow('192.168.1.1 is on a private or local network');
    await expect(fetchPreviewImage('http://[::ffff:10.0.0.1]/a.png')).rejects.toThrow('is on a private or local network');
    await expect(fetchPreviewImage('http://169.254.169.254/latest/meta-data')).rejects.toThrow('is on a private or local network');
    expect(requests.length).toBe(before); // none of these reached the server
    await expect(fetchPreviewImage(`${base}/to-router`, loopback)).rejects.toThrow('192.168.1.1 is on a private or local network');
    expect(addressRefusal('8.8.8.8', false)).toBeNull();
    expect(addressRefusal('fd00::1', false)).toMatch(/private/);
    expect(addressRefusal('::1', true)).toBeNull();
  });
});
