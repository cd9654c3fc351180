/** Puts better-sqlite3's Electron build in place before the specs (only when they can run). */
import { electronUnavailableReason } from './electron-env';

// eslint-disable-next-line no-restricted-syntax -- Playwright loads a default export
export default async function globalSetup(): Promise<void> {
  const reason = electronUnavailableReason();
  if (reason) {
    console.log(`[electron e2e] every spec will be SKIPPED: ${reason}`);
    return;
  }
  // @ts-expect-error plain ESM script without type declarations
  const { ensureElectron } = await import('../../scripts/native-module.mjs');
  ensureElectron();
}
