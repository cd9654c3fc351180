import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl, rendererDirFromMain } from './sender-check';

const rendererDir = join('/opt', 'Mission Control', 'resources', 'app.asar', 'out', 'renderer');

describe('isAppUrl', () => {
  it('trusts files under the built renderer, with hash routes', () => {
    expect(isAppUrl(pathToFileURL(join(rendererDir, 'index.html')).href, { rendererDir })).toBe(true);
    expect(isAppUrl(`${pathToFileURL(join(rendererDir, 'index.html')).href}#/task/abc`, { rendererDir })).toBe(true);
  });

  it('refuses files outside it, including look-alike siblings and traversal', () => {
    expect(isAppUrl(pathToFileURL(`${rendererDir}-evil/index.html`).href, { rendererDir })).toBe(false);
    expect(isAppUrl('file:///opt/Mission%20Control/resources/app.asar/out/renderer/../main/index.js', { rendererDir })).toBe(false);
    expect(isAppUrl(pathToFileURL(rendererDir).href, { rendererDir })).toBe(false);
    expect(isAppUrl('file://attacker/share/out/renderer/index.html', { rendererDir })).toBe(false);
  });

  it('trusts the dev server origin only when one is configured', () => {
    const devServerUrl = 'http://localhost:5173';
    expect(isAppUrl('http://localhost:5173/#/approvals', { rendererDir, devServerUrl })).toBe(true);
    expect(isAppUrl('http://localhost:5174/', { rendererDir, devServerUrl })).toBe(false);
    expect(isAppUrl('http://localhost:5173/', { rendererDir })).toBe(false);
    expect(isAppUrl('https://localhost:5173/', { rendererDir, devServerUrl })).toBe(false);
  });

  it('refuses garbage', () => {
    for (const url of ['', 'not a url', 'javascript:alert(1)', 'data:text/html,hi', 'about:blank', null, undefined]) {
      expect(isAppUrl(url, { rendererDir, devServerUrl: 'http://localhost:5173' })).toBe(false);
    }
  });

  it('finds out/renderer next to out/main', () => {
    expect(rendererDirFromMain(pathToFileURL('/app/out/main/index.js').href)).toBe(join('/app', 'out', 'renderer'));
  });
});
