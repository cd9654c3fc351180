/**
 * Dashboard bundle sizes from the build's manifest (out/renderer/.vite/manifest.json, enabled in
 * electron.vite.config.ts): the entry chunk, what the first paint of each view needs (entry, the
 * app root, the view's chunk and everything they import statically), and the total, each raw and
 * gzipped. Run alone after `npx electron-vite build`: `npx tsx bench/bundle-size.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../e2e/support/serve';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface Size {
  files: number;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  /** What index.html loads: the boot script and the app's entry chunk, with its static imports. */
  entry: Size;
  /** Per view: the scripts and styles its first paint needs (entry + root + view, static closures). */
  views: { view: string; size: Size; files: string[] }[];
  /** Every script and style of the dashboard. */
  total: Size;
  /** The largest chunk and whether it is loaded only on demand. */
  largest: { file: string; bytes: number; onDemand: boolean };
}

const rendererDir = join(repoRoot, 'out/renderer');

/** Every file a manifest key needs before it runs: itself, its CSS and its static imports. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const child of chunk.imports ?? []) closure(manifest, child, seen);
  return seen;
}

function measure(files: Iterable<string>): Size {
  let bytes = 0;
  let gzipBytes = 0;
  let count = 0;
  for (const file of files) {
    const body = readFileSync(join(rendererDir, file));
    bytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
    count++;
  }
  return { files: count, bytes, gzipBytes };
}

export function bundleReport(): BundleReport {
  const manifest = JSON.parse(readFileSync(join(rendererDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  // index.html's own entry, plus every other entry (the boot script, listed in it by the build).
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry && key.endsWith('index.html'));
  if (!entryKey) throw new Error('no entry chunk in the manifest: build with `npx electron-vite build`');
  const entryFiles = closure(manifest, entryKey);
  for (const key of Object.keys(manifest)) if (manifest[key]!.isEntry) closure(manifest, key, entryFiles);
  const rootKey = Object.keys(manifest).find((key) => key.endsWith('src/root.tsx'));
  const views = Object.keys(manifest)
    .filter((key) => /src\/views\/[^/]+-view\.tsx$/.test(key))
    .map((key) => {
      const files = new Set(entryFiles);
      if (rootKey) closure(manifest, rootKey, files);
      closure(manifest, key, files);
      return { view: key.replace(/.*\/views\/(.+)-view\.tsx$/, '$1'), size: measure(files), files: [...files] };
    });
  const all = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    all.add(chunk.file);
    for (const css of chunk.css ?? []) all.add(css);
  }
  const staticFirstPaint = new Set(views.flatMap((view) => view.files));
  const largest = [...all].map((file) => ({ file, bytes: readFileSync(join(rendererDir, file)).length })).sort((a, b) => b.bytes - a.bytes)[0]!;
  return { entry: measure(entryFiles), views, total: measure(all), largest: { ...largest, onDemand: !staticFirstPaint.has(largest.file) } };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const size = (value: Size) => `${kb(value.bytes)} (${kb(value.gzipBytes)} gzip, ${value.files} file${value.files === 1 ? '' : 's'})`;

/** Human-readable lines for `npm run bench`, each beside the total as baseline. */
export function formatBundleReport(report: BundleReport): string[] {
  const ratio = (part: number) => (part / report.total.bytes).toFixed(2);
  return [
    `total (every script and style): ${size(report.total)}`,
    `entry (index.html's scripts and styles): ${size(report.entry)}   | ratio to total ${ratio(report.entry.bytes)}`,
    ...report.views.map((view) => `first paint of ${view.view}: ${size(view.size)}   | ratio to total ${ratio(view.size.bytes)}`),
    `largest chunk: ${report.largest.file} ${kb(report.largest.bytes)}${report.largest.onDemand ? ' (loaded on demand)' : ''}`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of formatBundleReport(bundleReport())) console.log(line);
}
