/**
 * Playwright's `test` with one automatic guard: any page error or console error (a CSP violation,
 * an uncaught exception, a React warning) fails the test. Expected HTTP 4xx answers (a refused
 * edit) log "Failed to load resource", which is not a page defect, so those are ignored.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ consoleGuard: void }>({
  consoleGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
      });
      await use();
      expect(problems, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
