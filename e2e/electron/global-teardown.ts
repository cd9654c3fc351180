/** Puts the Node build of better-sqlite3 back so `npm test` works right after. */
import { electronUnavailableReason } from './electron-env';

// eslint-disable-next-line no-restricted-syntax -- Playwright loads a default export
export default async function globalTeardown(): Promise<void> {
  if (electronUnavailableReason()) return;
  // @ts-expect-error plain ESM script without type declarations
  const { ensureNode } = await import('../../scripts/native-module.mjs');
  ensureNode();
}
