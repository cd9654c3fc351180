/**
 * The electron-vite output parses and typechecks against electron's own electron.d.ts
 * (scripts/check-built.mjs). Needs `npm run build` first (CI's `npm run check` builds before
 * testing); without out/ the test is reported as skipped, never passed.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { checkBuilt } from '../../scripts/check-built.mjs';

type CheckResult = { entries: string[]; syntaxErrors: string[]; typeErrors: string[]; undeclared: string[] };
const check = checkBuilt as (root: string) => CheckResult;

const root = join(__dirname, '..', '..');
const built = existsSync(join(root, 'out', 'main', 'index.js')) && existsSync(join(root, 'out', 'preload', 'index.cjs'));

describe('built main and preload', () => {
  const title = 'parse, typecheck against electron.d.ts and import only production dependencies';
  it.skipIf(!built)(built ? title : `${title} (SKIPPED: out/ missing; run npm run build first)`, () => {
    const result = check(root);
    expect(result.entries).toEqual(['out/main/index.js', 'out/preload/index.cjs']);
    expect(result.syntaxErrors).toEqual([]);
    expect(result.typeErrors).toEqual([]);
    expect(result.undeclared).toEqual([]);
  }, 120_000);

  it('canary: a duplicate top-level name and a devDependency import are caught', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mc-built-canary-'));
    mkdirSync(join(scratch, 'out', 'main', 'chunks'), { recursive: true });
    mkdirSync(join(scratch, 'out', 'preload'), { recursive: true });
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ dependencies: { zod: '*' }, devDependencies: { vitest: '*' } }));
    writeFileSync(join(scratch, 'out', 'main', 'index.js'), "import { z } from 'zod';\nimport { app } from 'electron';\nexport const x = [z, app];\n");
    writeFileSync(join(scratch, 'out', 'main', 'chunks', 'engine.js'), "const require = 1;\nvar require = 2;\nexport const t = () => import('vitest');\n");
    writeFileSync(join(scratch, 'out', 'preload', 'index.cjs'), "require('electron');\n");
    const result = check(scratch);
    expect(result.syntaxErrors).toEqual([expect.stringMatching(/^out\/main\/chunks\/engine\.js: SyntaxError: Identifier 'require' has already been declared/)]);
    expect(result.undeclared).toEqual(['vitest']);
  }, 120_000);
});
