#!/usr/bin/env node
/**
 * Checks the electron-vite output the way Electron will load it:
 *  1. every bundle under out/main and out/preload parses as the module type it is (a duplicate
 *     top-level name in a shared chunk is a SyntaxError only at load time);
 *  2. out/main/index.js and out/preload/index.cjs (the shell's own code; shared chunks are checked
 *     as TypeScript by `tsc -b`) typecheck (checkJs) against electron's own
 *     electron.d.ts, so a wrong Electron API call in the built code fails the build;
 *  3. every package the bundles import at run time is a production dependency (electron-builder
 *     ships only `dependencies`; a devDependency import would crash the installed app).
 * Usage: node scripts/check-built.mjs  (after `npm run build`). Exit 1 on any problem.
 */
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const defaultRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return /\.(c|m)?js$/.test(entry.name) ? [path] : [];
  });
}

/** Bare specifiers the bundles load at run time (static imports, require, dynamic import). */
export function runtimeImports(files) {
  const found = new Set();
  const pattern = /(?:^import[^;'"]*from\s*|^import\s*|\brequire\(\s*|\bimport\(\s*)["']([^"'./][^"']*)["']/gm;
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) found.add(match[1]);
  }
  return [...found].sort();
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @returns {{ entries: string[], syntaxErrors: string[], typeErrors: string[], undeclared: string[] }} */
export function checkBuilt(root = defaultRoot) {
  const entries = [join(root, 'out', 'main', 'index.js'), join(root, 'out', 'preload', 'index.cjs')];
  const missing = entries.filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`Not built: ${missing.map((f) => relative(root, f)).join(', ')} (run npm run build)`);

  const syntaxErrors = [];
  const bundles = [...listFiles(join(root, 'out', 'main')), ...listFiles(join(root, 'out', 'preload'))];
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const shipped = new Set([...Object.keys(pkg.dependencies ?? {}), 'electron']);
  const builtins = new Set(builtinModules);
  const undeclared = runtimeImports(bundles).filter((spec) => !spec.startsWith('node:') && !builtins.has(spec) && !shipped.has(packageName(spec)));
  for (const file of bundles) {
    const result = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    if (result.status !== 0) syntaxErrors.push(`${relative(root, file)}: ${(result.stderr.match(/SyntaxError[^\n]*/) ?? [result.stderr.trim()])[0]}`);
  }

  const program = ts.createProgram(entries, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts'],
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: false,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
  });
  const electronTypes = program.getSourceFiles().some((file) => file.fileName.endsWith('node_modules/electron/electron.d.ts'));
  // Only the entries: the shared engine chunk is the lead's TypeScript with its types erased,
  // where checkJs reports widened literals that `tsc -b` on the sources does not.
  const slash = (path) => path.replace(/\\/g, '/');
  const entrySet = new Set(entries.map(slash));
  const typeErrors = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || entrySet.has(slash(d.file.fileName))).map((d) => {
    const where = d.file ? `${relative(root, d.file.fileName)}(${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : 'tsc';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  if (!electronTypes) typeErrors.push("electron's electron.d.ts was not part of the program: the check proved nothing");
  return { entries: entries.map((f) => relative(root, f)), syntaxErrors, typeErrors, undeclared };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { entries, syntaxErrors, typeErrors, undeclared } = checkBuilt();
  for (const line of [...syntaxErrors, ...typeErrors]) console.error(line);
  for (const spec of undeclared) console.error(`imported at run time but not in package.json dependencies: ${spec}`);
  if (syntaxErrors.length || typeErrors.length || undeclared.length) process.exit(1);
  console.log(`built output OK: ${entries.join(', ')} parse and typecheck against electron.d.ts; runtime imports are production dependencies`);
}
