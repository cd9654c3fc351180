/** The headless server's public surface: start it, load its token, find the dashboard build. */
export { startServer, type RunningServer, type ServerOptions } from './create-server';
export { isLoopbackHost } from './host-policy';
export { findStaticDir } from './static-files';
export { loadOrCreateToken, tokenFileName, type ServerToken } from './token';
export { consoleLogger, silentLogger, type ServerEngine, type ServerLogger } from './types';
