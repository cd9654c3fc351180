/** Electron main entry (out/main/index.js, ESM): see desktop-app.ts. */
import { runDesktopApp } from './desktop-app';

runDesktopApp(import.meta.url);
