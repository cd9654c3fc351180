/**
 * Playwright's `test` with one automatic guard: any page error or console error (a CSP violation,
 * an uncaught exception, a React warning) fails the test. Expected HTTP 4xx answers (a refused
 * edit) log "Failed to load resource", which is not a page defect, so those are ignored.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ allowConsole: RegExp[]; consoleGuard: void }>({
  /** Console errors a spec expects (e.g. the event stream refused while signed out). */
  allowConsole: [[], { option: true }],
  consoleGuard: [
    async ({ page, allowConsole }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        const text = message.text();
        if (message.type() !== 'error' || text.startsWith('Failed to load resource') || allowConsole.some((pattern) => pattern.test(text))) return;
        problems.push(`console: ${text}`);
      });
      await use();
      expect(problems, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
