/**
 * A small provider for connection tests: `GET /v1/me` answers who the bearer key belongs to
 * (200 {name}) or refuses it (401 {message}); `POST /v1/refresh` rotates a single-use refresh
 * token, as X does. Keys can be revoked and the server taken down to test each state.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class KeyApiServer {
  readonly keys = new Map<string, string>();
  /** Single-use refresh tokens -> the access key they give. */
  readonly refreshTokens = new Set<string>();
  meCalls = 0;
  refreshCalls = 0;
  down = false;
  private counter = 0;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<KeyApiServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new KeyApiServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (request, response) => {
      const reply = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (fake.down) return reply(503, { message: 'Service Unavailable' });
      const url = new URL(request.url ?? '/', fake.baseUrl);
      if (url.pathname === '/v1/me') {
        fake.meCalls++;
        const key = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
        const name = fake.keys.get(key);
        return name ? reply(200, { name }) : reply(401, { message: 'Key not found or revoked' });
      }
      if (url.pathname === '/v1/refresh' && request.method === 'POST') {
        fake.refreshCalls++;
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          // Answer slowly, so two refreshes at once would both arrive before the first answer.
          setTimeout(() => {
            if (!fake.refreshTokens.delete(body)) return reply(400, { message: 'invalid_request: refresh token already used' });
            const next = `refresh-${++fake.counter}`;
            fake.refreshTokens.add(next);
            const access = `access-${fake.counter}`;
            fake.keys.set(access, 'Rotating Account');
            reply(200, { access_token: access, refresh_token: next });
          }, 50);
        });
        return;
      }
      reply(404, { message: 'not found' });
    });
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
