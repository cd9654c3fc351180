/**
 * The desktop window without Electron (no binary here): Chromium with file access opens the built
 * file:// page, as the window's loadFile does, and a `window.missionControl` bridge forwards each
 * call to a real `serve`, as the preload forwards to IPC. Console errors and page errors are kept.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { repoRoot, type ServeHandle } from './serve';

export interface BridgeWindow {
  browser: Browser;
  page: Page;
  /** Page errors and console errors, in order. */
  problems: string[];
  /** The bridge's calls, by method. */
  invoked: string[];
  /** Opens the built dashboard at `hash` (e.g. '#/queues'). */
  open: (hash: string) => Promise<void>;
}

export async function openBridgeWindow(server: ServeHandle): Promise<BridgeWindow> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
  const page = await browser.newPage();
  const problems: string[] = [];
  const invoked: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
  await page.exposeFunction('mcInvoke', async (method: string, input: unknown) => {
    invoked.push(method);
    const response = await fetch(`${server.url}api/rpc/${method}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
    return response.json();
  });
  await page.addInitScript('window.missionControl = { invoke: (method, input) => window.mcInvoke(method, input), on: () => () => undefined }');
  const open = async (hash: string) => void (await page.goto(`${pathToFileURL(join(repoRoot, 'out/renderer/index.html')).href}${hash}`));
  return { browser, page, problems, invoked, open };
}
