#!/usr/bin/env node
// Loads the built CLI (npm run build produces out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('mission-control: not built yet. Run `npm run build` first (it writes out/main/cli.js).\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
