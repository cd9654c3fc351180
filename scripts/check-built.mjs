#!/usr/bin/env node
/**
 * Checks the electron-vite output the way Electron will load it:
 *  1. every bundle under out/main and out/preload parses as the module type it is (a duplicate
 *     top-level name in a shared chunk is a SyntaxError only at load time);
 *  2. out/main/index.js and out/preload/index.cjs typecheck (checkJs) against electron's own
 *     electron.d.ts, so a wrong Electron API call in the built code fails the build.
 * Usage: node scripts/check-built.mjs  (after `npm run build`). Exit 1 on any problem.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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

/** @returns {{ entries: string[], syntaxErrors: string[], typeErrors: string[] }} */
export function checkBuilt(root = defaultRoot) {
  const entries = [join(root, 'out', 'main', 'index.js'), join(root, 'out', 'preload', 'index.cjs')];
  const missing = entries.filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`Not built: ${missing.map((f) => relative(root, f)).join(', ')} (run npm run build)`);

  const syntaxErrors = [];
  for (const file of [...listFiles(join(root, 'out', 'main')), ...listFiles(join(root, 'out', 'preload'))]) {
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
  const typeErrors = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${relative(root, d.file.fileName)}(${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : 'tsc';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  if (!electronTypes) typeErrors.push("electron's electron.d.ts was not part of the program: the check proved nothing");
  return { entries: entries.map((f) => relative(root, f)), syntaxErrors, typeErrors };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { entries, syntaxErrors, typeErrors } = checkBuilt();
  for (const line of [...syntaxErrors, ...typeErrors]) console.error(line);
  if (syntaxErrors.length || typeErrors.length) process.exit(1);
  console.log(`built output OK: ${entries.join(', ')} parse and typecheck against electron.d.ts`);
}
