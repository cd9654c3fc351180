/**
 * The electron-vite output parses and typechecks against electron's own electron.d.ts
 * (scripts/check-built.mjs). Needs `npm run build` first (CI's `npm run check` builds before
 * testing); without out/ the test is reported as skipped, never passed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { checkBuilt } from '../../scripts/check-built.mjs';

const root = join(__dirname, '..', '..');
const built = existsSync(join(root, 'out', 'main', 'index.js')) && existsSync(join(root, 'out', 'preload', 'index.cjs'));

describe('built main and preload', () => {
  it.skipIf(!built)('parse and typecheck against electron.d.ts (skipped: out/ missing, run npm run build)', () => {
    const result = (checkBuilt as (root: string) => { entries: string[]; syntaxErrors: string[]; typeErrors: string[] })(root);
    expect(result.entries).toEqual(['out/main/index.js', 'out/preload/index.cjs']);
    expect(result.syntaxErrors).toEqual([]);
    expect(result.typeErrors).toEqual([]);
  }, 120_000);
});
