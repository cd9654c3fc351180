/**
 * Writes the installer and tray icons into build/ from the same drawing code the app uses at run
 * time (electron/main/icons). Run: `npx tsx scripts/generate-icons.ts` (the PNGs are committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appIconPng, trayIconPng } from '../electron/main/icons/draw-icons';
import { trayIconNames } from '../electron/main/tray-model';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
mkdirSync(join(buildDir, 'icons'), { recursive: true });
mkdirSync(join(buildDir, 'tray'), { recursive: true });

writeFileSync(join(buildDir, 'icon.png'), appIconPng(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), appIconPng(size));
for (const name of trayIconNames) {
  writeFileSync(join(buildDir, 'tray', `tray-${name}.png`), trayIconPng(name, 16));
  writeFileSync(join(buildDir, 'tray', `tray-${name}@2x.png`), trayIconPng(name, 32));
}
console.log(`icons written to ${buildDir}`);
