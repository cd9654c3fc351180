/** axe-core on the open page in light and dark: no serious or critical violation. */
import type { Page } from '@playwright/test';
import { expect } from './test';

/** `include`: a CSS selector to check only part of the page (a long page takes axe minutes on this machine). */
export async function expectAccessible(page: Page, where: string, include?: string): Promise<void> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const builder = new AxeBuilder({ page });
    const result = await (include ? builder.include(include) : builder).analyze();
    const bad = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(bad.map((violation) => `${where} (${scheme}): ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Screenshots at 1280x800 and 1024x640, light and dark (e2e/artifacts/<name>-<size>-<scheme>.png). */
export async function shootSizes(page: Page, name: string, shoot: (page: Page, name: string, schemes: ('light' | 'dark')[]) => Promise<void>): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [1024, 640],
  ] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `${name}-${width}x${height}`, ['light', 'dark']);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
