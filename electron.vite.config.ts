import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// One build for three targets (electron-vite): the Electron main process plus the headless CLI
// (both plain Node bundles sharing the engine), the sandboxed preload bridge, and the React
// renderer that both the desktop window and `mission-control serve` load.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
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
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default: 1.2 MB of entry script to parse
      // before the first paint. The manifest (out/renderer/.vite/manifest.json) is what
      // bench/bundle-size.ts reads to report the entry chunk and the total.
      minify: true,
      manifest: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        output: {
          // Few, cacheable chunks (serve speaks HTTP/1.1: six requests at a time per origin):
          // React and TanStack Query (change less often than our code), the contract (zod and
          // shared/), and the app's helpers used by more than one view. Each view (view-modules.ts)
          // and the charts (completion-chart) keep a chunk of their own, fetched when first needed.
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](react-query|query-core))[\\/]/, priority: 3 },
              { name: 'contract', test: /node_modules[\\/]zod[\\/]|[\\/]shared[\\/]/, priority: 2 },
              { name: 'common', test: /renderer[\\/]src[\\/](components|hooks|client)[\\/]/, minShareCount: 2, priority: 1 },
            ],
          },
        },
      },
    },
  },
});
