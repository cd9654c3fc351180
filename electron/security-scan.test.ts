/**
 * CI gate: electronegativity finds no HIGH issue at FIRM confidence or better in the desktop
 * shell (sources, built bundles, renderer CSP). The canary proves the same scan fails on a
 * deliberately unsafe window, so a green result means something.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { securityScan, serverRenderOnly } from '../scripts/security-scan.mjs';

interface Finding { id: string; file: string; line: number; severity: string; confidence: string }
interface ScanResult { scanned: string[]; findings: Finding[]; blocking: Finding[]; parseErrors: unknown[]; checks: number; electronVersion: string }
const scan = securityScan as (base?: string) => Promise<ScanResult>;

describe('electronegativity', () => {
  it('finds no HIGH issue at FIRM+ confidence in the shell', async () => {
    const result = await scan();
    expect(result.scanned).toEqual(expect.arrayContaining(['electron/main', 'electron/preload', 'renderer/index.html']));
    expect(result.checks).toBeGreaterThan(30);
    expect(result.electronVersion).toMatch(/^\d+\./);
    expect(result.parseErrors).toEqual([]);
    expect(result.blocking.map((f) => `${f.id} ${f.file}:${f.line}`)).toEqual([]);
  });

  it("leaves out only the server render's own files (renderer code for serve), never a file the shell loads", () => {
    const out = mkdtempSync(join(tmpdir(), 'mc-scan-out-'));
    mkdirSync(join(out, 'chunks'));
    writeFileSync(join(out, 'index.js'), 'import { a } from "./chunks/shared.js";\nconst late = () => import("./chunks/lazy.js");\n');
    writeFileSync(join(out, 'cli.js'), 'import "./chunks/cli-only.js";\n');
    writeFileSync(join(out, 'ssr.js'), 'import { a } from "./chunks/shared.js";\nimport { v } from "./chunks/view.js";\n');
    for (const chunk of ['shared', 'lazy', 'cli-only']) writeFileSync(join(out, 'chunks', `${chunk}.js`), 'export const a = 1;\n');
    writeFileSync(join(out, 'chunks', 'view.js'), 'import { a } from "./shared.js";\nimport("./view-lazy.js");\nexport const v = a;\n');
    writeFileSync(join(out, 'chunks', 'view-lazy.js'), 'export {};\n');
    const skipped = [...(serverRenderOnly(out) as Set<string>)].map((file) => file.slice(out.length + 1)).sort();
    expect(skipped).toEqual(['chunks/view-lazy.js', 'chunks/view.js', 'ssr.js']);
  });

  it('canary: the same scan blocks an unsafe window', async () => {
    const base = mkdtempSync(join(tmpdir(), 'mc-scan-canary-'));
    mkdirSync(join(base, 'electron', 'main'), { recursive: true });
    writeFileSync(join(base, 'package.json'), JSON.stringify({ name: 'canary', devDependencies: { electron: '^41.0.0' } }));
    writeFileSync(
      join(base, 'electron', 'main', 'bad.ts'),
      "import { BrowserWindow } from 'electron';\nexport const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const result = await scan(base);
    expect(result.blocking.map((f) => f.id)).toContain('CONTEXT_ISOLATION_JS_CHECK');
  });
});
