/**
 * The headless server: one node:http server that routes to the token exchange, the cloud routes,
 * the contract's RPC, the event stream and the dashboard. Every request first passes the
 * Host/Origin check; every /api route needs the token (bearer) or the session cookie.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthenticator } from './auth';
import { handleCloudRoute, isCloudRoute } from './cloud-routes';
import { createHostPolicy, hostForUrl, type HostPolicy } from './host-policy';
import { baseHeaders, HttpError, openerPolicyFor, redactUrl, sendApiError } from './http-util';
import { createPageRenderer, type ServerRenderModule } from './page-render';
import { handleRpc, rpcPrefix } from './rpc';
import { createEventHub } from './sse';
import { createStaticHandler } from './static-files';
import { consoleLogger, type ServerEngine, type ServerLogger } from './types';

export interface ServerOptions {
  engine: ServerEngine;
  /** The bearer token (see token.ts). */
  token: string;
  /** Default: 127.0.0.1. Callers must insist on an explicit flag before passing anything else. */
  host?: string;
  /** Default: 8787; 0 lets the OS choose (read `port` from the result). */
  port?: number;
  /** Built dashboard folder (out/renderer); null serves a "not built" page. */
  staticDir: string | null;
  logger?: ServerLogger;
  /** SSE heartbeat period. Default: 15 s. */
  heartbeatMs?: number;
  /** More names accepted in Host (e.g. a LAN name) besides loopback and the bound host. */
  allowedHosts?: readonly string[];
  /**
   * Render signed-in page routes ahead (page-render.ts). Default: true when `staticDir` is set.
   * `loadRenderModule` replaces how the render module is loaded (tests).
   */
  serverRender?: boolean;
  loadRenderModule?: () => Promise<ServerRenderModule>;
}

export interface RunningServer {
  host: string;
  port: number;
  /** http://host:port/ */
  url: string;
  /** The ready-to-open link that exchanges the token for the session cookie. */
  authUrl: string;
  close(): Promise<void>;
}

function refuse(res: ServerResponse, pathname: string, error: HttpError): void {
  // The unread rest of a refused body must not be taken for the next request on this connection.
  if (error.status === 413) res.setHeader('Connection', 'close');
  if (pathname.startsWith('/api/')) {
    sendApiError(res, error);
    return;
  }
  res.writeHead(error.status, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(error.message);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? consoleLogger;
  const host = options.host ?? '127.0.0.1';
  const auth = createAuthenticator(options.token);
  const hub = createEventHub(options.engine, logger, { heartbeatMs: options.heartbeatMs });
  const pages = options.staticDir !== null && (options.serverRender ?? true)
    ? createPageRenderer({ engine: options.engine, logger, isAuthenticated: (req) => auth.isAuthenticated(req), ...(options.loadRenderModule ? { load: options.loadRenderModule } : {}) })
    : null;
  const serveStatic = createStaticHandler(options.staticDir, pages ? { renderPage: pages.render } : {});
  let policy: HostPolicy | null = null;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const pathname = url.pathname;
    if (policy === null || !policy.hostAllowed(req.headers.host)) {
      req.resume();
      return refuse(res, pathname, new HttpError(403, 'unauthorized', 'Host not allowed (this server answers only to its own address)'));
    }
    if (!policy.originAllowed(req.headers.origin, req.headers.host)) {
      req.resume();
      return refuse(res, pathname, new HttpError(403, 'unauthorized', 'Cross-origin requests are not allowed'));
    }
    if (pathname === '/auth') return auth.handleAuthRoute(req, res, url);
    if (isCloudRoute(pathname)) {
      return handleCloudRoute(req, res, pathname, { engine: options.engine, logger, authorized: auth.hasBearer(req) });
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      if (!auth.isAuthenticated(req)) {
        req.resume();
        return refuse(res, pathname, new HttpError(401, 'unauthorized', 'Not signed in: open the /auth?token=… link printed by `mission-control serve`, or send Authorization: Bearer <token>'));
      }
      if (pathname === '/api/events') {
        if (req.method !== 'GET') return refuse(res, pathname, new HttpError(405, 'invalid_input', 'Use GET for the event stream'));
        return hub.attach(req, res);
      }
      if (pathname.startsWith(rpcPrefix)) return handleRpc(req, res, pathname, options.engine, logger);
      req.resume();
      return refuse(res, pathname, new HttpError(404, 'not_found', `No route ${pathname}`));
    }
    // The dashboard's files are public code; it shows its sign-in screen when /api answers 401.
    return serveStatic(req, res, pathname);
  }

  const server = createHttpServer((req, res) => {
    // Set first, so every answer below carries it (writeHead merges headers set this way).
    for (const [name, value] of Object.entries(openerPolicyFor(req.headers['sec-fetch-site']))) res.setHeader(name, value);
    route(req, res).catch((error: unknown) => {
      const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname;
      // A refusal thrown on purpose (413 from a body reader) keeps its status; the URL is logged
      // without its query so /auth?token=… never reaches the log.
      if (!(error instanceof HttpError)) logger.error(`${req.method} ${redactUrl(req.url)} failed`, error);
      if (res.headersSent) res.destroy();
      else refuse(res, pathname, error instanceof HttpError ? error : new HttpError(500, 'internal', 'Internal error; see the server log'));
    });
  });
  server.headersTimeout = 30_000;
  // Time to receive a request (headers and body), not to answer it: event streams stay open.
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Loaded in the background once listening: start-up does not wait for React and the views.
  pages?.warm();
  policy = createHostPolicy({ host, port, extraNames: options.allowedHosts });
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : hostForUrl(host);
  const url = `http://${urlHost}:${port}/`;

  return {
    host,
    port,
    url,
    authUrl: `${url}auth?token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        hub.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
