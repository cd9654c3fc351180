/**
 * Test support for the server's tests: a raw node:http client (so Host/Origin can be forged),
 * an event-stream reader that awaits events instead of sleeping, and a real engine on a temporary
 * SQLite file behind a server on an OS-chosen port. Not imported by production code.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../engine';
import { MemorySecretStore } from '../engine/secrets/types';
import { startServer, type RunningServer } from './create-server';
import type { ServerRenderModule } from './page-render';
import { silentLogger, type ServerLogger } from './types';

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: () => any;
}

export interface TestRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function send(port: number, options: TestRequest): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface StreamEvent {
  event: string | null;
  data: string | null;
  comment: string | null;
}

export interface EventStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Resolves with the first event (already received or future) matching `predicate`. */
  waitFor(predicate: (event: StreamEvent) => boolean): Promise<StreamEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

function parseBlock(block: string): StreamEvent {
  const event: StreamEvent = { event: null, data: null, comment: null };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim();
    else if (line.startsWith('event: ')) event.event = line.slice(7);
    else if (line.startsWith('data: ')) event.data = (event.data === null ? '' : `${event.data}\n`) + line.slice(6);
  }
  return event;
}

export function openEventStream(port: number, headers: Record<string, string>): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/events', headers }, (res) => {
      const seen: StreamEvent[] = [];
      const waiters: Array<{ predicate: (event: StreamEvent) => boolean; resolve: (event: StreamEvent) => void }> = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const event = parseBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          seen.push(event);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(event)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(event);
            }
          }
          end = buffer.indexOf('\n\n');
        }
      });
      res.on('error', () => {});
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      resolve({
        ended,
        status: res.statusCode ?? 0,
        headers: res.headers,
        waitFor: (predicate) =>
          new Promise((done) => {
            const found = seen.find(predicate);
            if (found) done(found);
            else waiters.push({ predicate, resolve: done });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A minimal built dashboard: index.html, a hashed asset, an icon. */
export function writeFakeDashboard(dir: string): string {
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><script type="module" src="./assets/app-1a2b.js"></script><link rel="stylesheet" crossorigin href="./assets/app-1a2b.css"></head><body><div id="root"></div></body></html>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log("dashboard");');
  writeFileSync(join(root, 'assets', 'app-1a2b.css'), 'body{margin:0}');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  return root;
}

export const testToken = 'test-token-0123456789abcdef';

export interface TestServer {
  engine: ReturnType<typeof createEngine>;
  server: RunningServer;
  port: number;
  dir: string;
  bearer: Record<string, string>;
  close(): Promise<void>;
}

/** A real engine (temporary SQLite file, dry run) behind a real server on 127.0.0.1:0. */
/** `serverRender`: render page routes ahead (page-render.ts); default false, so the static tests see the plain page. */
export async function startTestServer(options: { logger?: ServerLogger; heartbeatMs?: number; serverRender?: boolean; loadRenderModule?: () => Promise<ServerRenderModule> } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-server-'));
  const engine = createEngine({ dbPath: join(dir, 'mission-control.db'), env: { AGENT_DRY_RUN: 'true' }, secrets: new MemorySecretStore() });
  const server = await startServer({
    engine,
    token: testToken,
    port: 0,
    staticDir: writeFakeDashboard(dir),
    logger: options.logger ?? silentLogger,
    heartbeatMs: options.heartbeatMs,
    serverRender: options.serverRender ?? false,
    ...(options.loadRenderModule ? { loadRenderModule: options.loadRenderModule } : {}),
  });
  return {
    engine,
    server,
    port: server.port,
    dir,
    bearer: { Authorization: `Bearer ${testToken}` },
    async close() {
      await server.close();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
