import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPaths } from './app-paths';

describe('appPaths', () => {
  const main = pathToFileURL(join('/opt/mc/resources/app.asar', 'out', 'main', 'index.js')).href;
  it('finds the CommonJS preload and the renderer beside the main bundle', () => {
    expect(appPaths(main, {}, true)).toEqual({
      preloadPath: join('/opt/mc/resources/app.asar', 'out', 'preload', 'index.cjs'),
      rendererIndex: join('/opt/mc/resources/app.asar', 'out', 'renderer', 'index.html'),
      origin: { rendererDir: join('/opt/mc/resources/app.asar', 'out', 'renderer'), devServerUrl: null },
    });
  });
  it('trusts the dev server only when not packaged', () => {
    expect(appPaths(main, { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false).origin.devServerUrl).toBe('http://localhost:5173');
    expect(appPaths(main, { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true).origin.devServerUrl).toBeNull();
  });
});
