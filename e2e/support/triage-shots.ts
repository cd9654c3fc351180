/**
 * Screenshots at both sizes the dashboard is laid out for (1280x800, 1024x640), light and dark,
 * and an axe-core check in both themes that also runs label-content-name-mismatch (an
 * "experimental" rule axe leaves off by default: the theme toggle's name must contain its text).
 */
import type { Page } from '@playwright/test';
import { expect } from './test';
import { shoot } from './shots';

export const sizes = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;

/** Saves `<name>-<width>-<scheme>.png` for both sizes and schemes; restores the viewport. */
export async function shootSizes(page: Page, name: string, options: { scrollTo?: string } = {}): Promise<void> {
  const before = page.viewportSize();
  for (const size of sizes) {
    await page.setViewportSize(size);
    if (options.scrollTo) await page.locator(options.scrollTo).first().scrollIntoViewIfNeeded();
    await shoot(page, `${name}-${size.width}`, ['light', 'dark']);
  }
  if (before) await page.setViewportSize(before);
}

/** No serious or critical violation in either theme. */
export async function checkAxe(page: Page, where: string): Promise<void> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const result = await new AxeBuilder({ page })
      .options({ iframes: false, rules: { 'label-content-name-mismatch': { enabled: true } } })
      .exclude('iframe')
      .analyze();
    const bad = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical' || violation.id === 'label-content-name-mismatch');
    expect(bad.map((violation) => `${where} (${scheme}): ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
