/** Screenshots of the main views, saved as test artifacts in e2e/artifacts/ (git-ignored). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from './serve';

export const artifactsDir = join(repoRoot, 'e2e/artifacts');

/** Saves a full-page screenshot in both colour schemes (prefers-color-scheme) or just one. */
export async function shoot(page: Page, name: string, schemes: ('light' | 'dark')[] = ['light']): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: join(artifactsDir, `${name}-${scheme}.png`), fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
