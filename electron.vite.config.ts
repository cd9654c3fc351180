import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin, Rollup } from 'vite';

const bootSource = resolve(__dirname, 'renderer/src/boot/boot.ts');

/**
 * Lists renderer/src/boot/boot.ts in index.html as its own module script before the app's entry
 * (CSP forbids inline scripts), plus a JSON block mapping each view to the files its chunk needs
 * beyond the entry's, which boot preloads for the route being opened. Fails the build when the
 * boot chunk imports anything: it must run without waiting for another file.
 * Deferred, not `async`: module scripts without `async` run in document order once the page is
 * parsed, so boot always runs before the entry (an async boot that arrived late ran after it, and
 * its calls started after the app's). `data-mc-boot` marks it for electron/server/page-render.ts.
 */
function bootScript(): Plugin {
  return {
    name: 'mc-boot-script',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const entryTag = /<script type="module"[^>]*src="[^"]*(main\.tsx|index-[^"]+\.js)"[^>]*><\/script>/;
        if (!entryTag.test(html)) throw new Error('mc-boot-script: the entry <script> is missing from index.html');
        if (!context.bundle) return html.replace(entryTag, (tag) => `<script type="module" data-mc-boot src="/src/boot/boot.ts"></script>\n    ${tag}`);
        const chunks = Object.values(context.bundle).filter((item): item is Rollup.OutputChunk => item.type === 'chunk');
        const boot = chunks.find((chunk) => chunk.facadeModuleId === bootSource);
        const entry = chunks.find((chunk) => chunk.isEntry && chunk.facadeModuleId?.endsWith('index.html'));
        if (!boot || !entry) throw new Error('mc-boot-script: the boot or the entry chunk is missing');
        if (boot.imports.length > 0 || boot.dynamicImports.length > 0) {
          throw new Error(`mc-boot-script: ${boot.fileName} imports ${[...boot.imports, ...boot.dynamicImports].join(', ')}; it must be self-contained`);
        }
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const closure = (file: string, seen = new Set<string>()): Set<string> => {
          if (seen.has(file)) return seen;
          seen.add(file);
          for (const child of byFile.get(file)?.imports ?? []) closure(child, seen);
          return seen;
        };
        const loaded = closure(entry.fileName);
        const views: Record<string, string[]> = {};
        for (const chunk of chunks) {
          const view = /[\\/]src[\\/]views[\\/]([^\\/]+-view)\.tsx$/.exec(chunk.facadeModuleId ?? '')?.[1];
          if (view && chunk.isDynamicEntry) views[view] = [...closure(chunk.fileName)].filter((file) => !loaded.has(file)).map((file) => `./${file}`);
        }
        const json = JSON.stringify(views).replace(/</g, '\\u003c');
        return html.replace(entryTag, (tag) => `<script type="application/json" id="mc-view-chunks">${json}</script>\n    <script type="module" crossorigin data-mc-boot src="./${boot.fileName}"></script>\n    ${tag}`);
      },
    },
  };
}

// One build for three targets (electron-vite): the Electron main process plus the headless CLI
// (both plain Node bundles sharing the engine), the sandboxed preload bridge, and the React
// renderer that both the desktop window and `mission-control serve` load.
export default defineConfig({
  main: {
    // The server render (ssr): the renderer's React app built for Node, its own entry so the CLI
    // and the desktop process load it only when `serve` renders a page (electron/server/page-render.ts).
    esbuild: { jsx: 'automatic' },
    // React's production build in the render (its development build checks and warns on every
    // render, 2-3x slower); nothing else in the main process reads NODE_ENV.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          ssr: resolve(__dirname, 'renderer/src/ssr/server-entry.tsx'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // Sandboxed preload scripts must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), bootScript()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default: 1.2 MB of entry script to parse
      // before the first paint. The manifest (out/renderer/.vite/manifest.json) is what
      // bench/bundle-size.ts reads to report the entry chunk and the total.
      minify: true,
      manifest: true,
      rollupOptions: {
        // boot: the page's first, import-free script (bootScript above lists it in index.html).
        input: { index: resolve(__dirname, 'renderer/index.html'), boot: bootSource },
        output: {
          // Few, cacheable chunks (serve speaks HTTP/1.1: six requests at a time per origin):
          // React and TanStack Query (change less often than our code), the contract (zod and
          // shared/), and the app's helpers used by more than one view. Each view (view-modules.ts)
          // and the charts (completion-chart) keep a chunk of their own, fetched when first needed.
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](react-query|query-core))[\\/]/, priority: 3 },
              // Not shared/social-count.ts: it brings twitter-text and its core-js polyfills (130 KB,
              // replacing the global RegExp at load), needed only by the post editor (lazy).
              { name: 'contract', test: /node_modules[\\/]zod[\\/]|[\\/]shared[\\/](?!social-count\.)/, priority: 2 },
              // Not the task editors (opened from a dialog, lazily): they would drag twitter-text in.
              { name: 'common', test: /renderer[\\/]src[\\/](components|hooks|client)[\\/](?!editors[\\/]|edit-approve-dialog\.)/, minShareCount: 2, priority: 1 },
            ],
          },
        },
      },
    },
  },
});
