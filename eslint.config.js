// Lint enforces the process boundaries (../shared/STYLE.md): shared/ is pure, the renderer sees
// only shared/, the engine and its hosts never import electron, and only electron/main and
// electron/preload touch the Electron API (raw ipcRenderer only inside the preload bridge).
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'events', 'stream', 'util', 'worker_threads'];

export default tseslint.config(
  { ignores: ['.tmp/**', 'build/**/*.js', 'out/**', 'dist/**', 'release/**', 'node_modules/**', 'drizzle/migrations/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' }],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.{js,mjs}', '*.config.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Classic scripts the served pages load as they are (page-render.ts's hashLinkScript).
    files: ['renderer/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // Config files are loaded by tools that expect default exports.
    files: ['*.config.ts', '*.config.js', 'electron.vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'shared/ is pure: no Node built-ins.' },
          { group: ['electron', 'electron/*'], message: 'shared/ is pure: no electron.' },
          { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom'], message: 'shared/ imports nothing from the processes.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer runs in a browser: no Node built-ins.' },
          { regex: '^electron(/.*)?$', message: 'The renderer never imports electron; use the preload bridge.' },
          { group: ['**/electron/**', '**/drizzle/**'], message: 'The renderer imports only shared/.' },
        ],
      }],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/server/**/*.ts', 'electron/cli/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^electron(/.*)?$', message: 'The engine, server and CLI are plain Node: never import electron.' },
          { group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], message: 'The engine does not depend on its hosts.' },
        ],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc/**'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' },
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Register IPC only through electron/main/ipc (generated from the contract).' },
      ],
    },
  },
);
