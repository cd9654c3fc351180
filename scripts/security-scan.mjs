#!/usr/bin/env node
/**
 * Electron security scan with @doyensec/electronegativity, run programmatically and offline.
 * Scans the shell's sources (electron/main, electron/preload), the built bundles (out/main,
 * out/preload) and the renderer's HTML (its CSP) with every check except the one that downloads
 * Electron release notes. Fails (exit 1) on any finding of HIGH severity at FIRM confidence or
 * better. Usage: node scripts/security-scan.mjs [--json]
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));

/** Checks that need the network (Electron's release feed); everything else runs. */
export const offlineExclusions = ['availablesecurityfixesglobalcheck'];

/** What is scanned: source folders and built files, copied into one tree so global checks see them together. */
export const scanInputs = ['electron/main', 'electron/preload', 'renderer/index.html', 'out/main', 'out/preload', 'out/renderer/index.html'];

/** The files a built module imports (static and dynamic, relative specifiers), resolved. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const found = new Set();
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g)) found.add(join(dirname(file), match[1]));
  return found;
}

function graphFrom(entries) {
  const seen = new Set();
  const queue = entries.filter((entry) => existsSync(entry));
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  return seen;
}

/**
 * out/main also holds the server render (ssr.js and the chunks only it imports): the renderer's
 * React app compiled for Node, loaded by `serve` by path when it renders a page
 * (electron/server/page-render.ts), never by the Electron shell's entry. It is renderer code, which
 * this scan does not cover (out/renderer's scripts are not scanned either), and electronegativity's
 * parser does not know class private fields, which React Query's classes use.
 */
export function serverRenderOnly(outMain) {
  const shell = graphFrom([join(outMain, 'index.js'), join(outMain, 'cli.js')]);
  return new Set([...graphFrom([join(outMain, 'ssr.js')])].filter((file) => !shell.has(file)));
}

function stage(base) {
  const staging = mkdtempSync(join(tmpdir(), 'mc-electronegativity-'));
  const scanned = [];
  const skipped = serverRenderOnly(join(base, 'out', 'main'));
  for (const input of scanInputs) {
    const from = join(base, input);
    if (!existsSync(from)) continue;
    cpSync(from, join(staging, input), { recursive: true, filter: (src) => !/\.test(-util)?\.ts$|\.test\.ts$|test-util\.ts$/.test(src) && !skipped.has(src) });
    scanned.push(input);
  }
  // The loader reads the Electron version from package.json's devDependencies.
  const pkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: pkg.name, devDependencies: { electron: pkg.devDependencies.electron } }));
  return { staging, scanned };
}

/** Runs the scan; returns every finding and the blocking ones (HIGH at FIRM or CERTAIN). */
export async function securityScan(base = root, { customScan = [] } = {}) {
  const i18n = require('i18n');
  // What electronegativity's own i18n() does, minus its download of translations.
  i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: join(pkgDir, 'dist', 'locales'), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: globalThis });
  i18n.setLocale('en-US');
  const { LoaderDirectory } = require(join(pkgDir, 'dist', 'loader'));
  const { Parser } = require(join(pkgDir, 'dist', 'parser'));
  const { Finder, GlobalChecks, severity, confidence } = require(join(pkgDir, 'dist', 'finder'));

  const { staging, scanned } = stage(base);
  try {
    const loader = new LoaderDirectory();
    await loader.load(staging);
    const electronVersion = loader.electronVersion;
    const parser = new Parser(false, true);
    const custom = customScan.map((c) => c.toLowerCase());
    const globalChecker = new GlobalChecks(custom, offlineExclusions, false);
    const finder = await new Finder(custom.length ? custom.filter((c) => !c.includes('globalcheck')).concat(globalChecker.dependencies) : [], [], false);
    let issues = [];
    const errors = [];
    for (const file of loader.list_files) {
      try {
        const [type, data, content, warnings] = parser.parse(file, loader.load_buffer(file));
        if (data === null) continue;
        for (const warning of warnings ?? []) errors.push({ file, message: warning.message, tolerable: true });
        issues.push(...(await finder.find(file, data, type, content, null, electronVersion)));
      } catch (error) {
        errors.push({ file, message: error.message, tolerable: false });
      }
    }
    issues = (await globalChecker.getResults(issues, undefined)).filter((i) => !i.visibility || (!i.visibility.inlineDisabled && !i.visibility.globalCheckDisabled));
    const findings = issues.map((i) => ({
      id: i.id,
      file: i.file.startsWith(staging) ? i.file.slice(staging.length + 1) : i.file,
      line: i.location?.line ?? 0,
      severity: i.severity.name,
      confidence: i.confidence.name,
      manualReview: Boolean(i.manualReview),
      description: i.description,
    }));
    const blocking = findings.filter((f) => severity[f.severity].value >= severity.HIGH.value && confidence[f.confidence].value >= confidence.FIRM.value);
    return {
      electronVersion,
      scanned,
      files: loader.list_files.size ?? [...loader.list_files].length,
      checks: finder._enabled_checks.length + globalChecker._enabled_checks.length,
      findings,
      blocking,
      parseErrors: errors.filter((e) => !e.tolerable).map((e) => ({ file: e.file.replace(`${staging}/`, ''), message: e.message })),
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await securityScan();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`electronegativity: ${result.checks} checks on ${result.files} files (${result.scanned.join(', ')}), Electron ${result.electronVersion}`);
    for (const f of result.findings) console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id} ${f.file}:${f.line}`);
    for (const e of result.parseErrors) console.log(`PARSE ERROR ${e.file}: ${e.message}`);
  }
  if (result.blocking.length || result.parseErrors.length) {
    console.error(`FAILED: ${result.blocking.length} HIGH finding(s) at FIRM+ confidence, ${result.parseErrors.length} parse error(s)`);
    process.exit(1);
  }
}
