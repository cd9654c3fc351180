/**
 * What `npm start` and `npm test` do first on any checkout, so a fresh clone needs no prior step:
 *  - install dependencies (`npm ci`) when node_modules is absent or older than package-lock.json;
 *  - build (`electron-vite build`) when any source is newer than the build;
 *  - (tests) find the system packages the suites drive (Chromium, PostgreSQL 15, MariaDB):
 *    install them when we can (root on Debian, as CI is), else say exactly what to install and stop.
 * The decisions are pure functions (setup.test.ts); the rest only runs them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (message) => console.log(`[setup] ${message}`);

/**
 * Why `npm ci` must run, or null. Times are mtimes in ms (null: missing). A lockfile newer than
 * node_modules only counts when its content differs from what is installed (`lockMismatch`): a
 * fresh `git checkout` touches the file without changing a dependency.
 */
export function installReason({ nodeModules, installedLock, packageLock, lockMismatch = 'unknown' }) {
  if (nodeModules === null) return 'node_modules is missing';
  const installed = installedLock ?? nodeModules;
  if (packageLock !== null && installed < packageLock && lockMismatch !== null) {
    return `package-lock.json is newer than node_modules${lockMismatch === 'unknown' ? '' : ` (${lockMismatch})`}`;
  }
  return null;
}

/**
 * The first package whose locked version is not the installed one (npm's hidden lockfile
 * node_modules/.package-lock.json lists what is installed), or null when all match. Optional
 * packages for other platforms are never installed, so their absence is no difference.
 */
export function lockMismatch(lock, installed) {
  if (!installed?.packages) return 'nothing recorded as installed';
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '') continue;
    const have = installed.packages[path];
    if (!have) {
      if (entry.optional || entry.dev === undefined && entry.peer) continue;
      return `${path.replace(/^node_modules\//, '')} is not installed`;
    }
    if (have.version !== entry.version) return `${path.replace(/^node_modules\//, '')} ${have.version} installed, ${entry.version} locked`;
  }
  return null;
}

/** Why the build must run, or null: an output is missing, or a source is newer than the oldest output. */
export function buildReason({ newestSource, outputs }) {
  const missing = outputs.find((output) => output.mtime === null);
  if (missing) return `${missing.path} is missing`;
  const oldest = Math.min(...outputs.map((output) => output.mtime));
  if (newestSource !== null && newestSource.mtime > oldest) return `${newestSource.path} changed since the last build`;
  return null;
}

/** System packages the test suites need: Debian package, the file that proves it, and who needs it. */
export const systemPackages = [
  { pkg: 'chromium', file: '/usr/bin/chromium', why: 'the dashboard e2e tests drive /usr/bin/chromium' },
  { pkg: 'postgresql-15', file: '/usr/lib/postgresql/15/bin/initdb', why: 'the Supabase sync tests start their own PostgreSQL 15 cluster' },
  { pkg: 'mariadb-server', file: '/usr/sbin/mariadbd', why: 'the OpenCart tests start their own MariaDB server' },
  { pkg: 'openssl', file: '/usr/bin/openssl', why: 'the sync TLS test makes a self-signed certificate' },
  { pkg: 'util-linux', file: '/usr/sbin/runuser', why: 'database servers refuse to run as root; tests drop privileges with runuser' },
];

/**
 * What to do about missing system packages: nothing, install them (root on Debian), or stop with
 * the exact command to run. Never a silent skip.
 */
export function systemPlan({ missing, isRoot, isDebian, platform }) {
  if (missing.length === 0) return { action: 'none' };
  const names = missing.map((item) => item.pkg);
  if (platform === 'linux' && isDebian && isRoot) return { action: 'install', names };
  const why = missing.map((item) => `  ${item.pkg}: ${item.why}`).join('\n');
  const how = platform === 'linux' && isDebian
    ? `Run: sudo apt-get install -y --no-install-recommends ${names.join(' ')}`
    : `Install with your package manager: ${names.join(', ')} (on Debian/Ubuntu: apt-get install ${names.join(' ')}); the tests expect ${missing.map((item) => item.file).join(', ')}`;
  return { action: 'explain', message: `These system packages are missing and the tests need them:\n${why}\n${how}\nThen run npm test again.` };
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : null);

/** Newest file under the given folders/files (node_modules and out are never sources). */
export function newestFile(paths) {
  let newest = null;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && !entry.startsWith('.')) visit(join(path, entry));
    } else if (!/\.test\.tsx?$/.test(path) && (newest === null || stat.mtimeMs > newest.mtime)) newest = { path, mtime: stat.mtimeMs };
  };
  paths.forEach(visit);
  return newest;
}

function run(command, args, env = process.env) {
  log(`${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`[setup] ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm ci` when needed. The Electron binary is fetched later, by npm start, only if possible. */
export function ensureInstalled() {
  const readJson = (path) => {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return null;
    }
  };
  const lock = readJson(join(root, 'package-lock.json'));
  const installed = readJson(join(root, 'node_modules', '.package-lock.json'));
  const reason = installReason({
    nodeModules: mtime(join(root, 'node_modules')),
    installedLock: mtime(join(root, 'node_modules', '.package-lock.json')),
    packageLock: mtime(join(root, 'package-lock.json')),
    lockMismatch: lock ? lockMismatch(lock, installed) : 'unknown',
  });
  if (!reason) return;
  log(`Installing dependencies (${reason})`);
  run(npm, ['ci', '--no-audit', '--no-fund'], { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
}

export const buildSources = ['electron', 'renderer', 'shared', 'drizzle', 'electron.vite.config.ts', 'package.json', 'tsconfig.node.json', 'tsconfig.web.json'];
export const buildOutputs = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** `electron-vite build` when a source is newer than the build (or it is missing). */
export function ensureBuilt() {
  const reason = buildReason({
    newestSource: newestFile(buildSources.map((path) => join(root, path))),
    outputs: buildOutputs.map((path) => ({ path, mtime: mtime(join(root, path)) })),
  });
  if (!reason) return;
  log(`Building (${reason})`);
  run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
}

/** Installs or explains missing system packages; exits 1 when they cannot be had. */
export function ensureSystemPackages() {
  const missing = systemPackages.filter((item) => !existsSync(item.file));
  const plan = systemPlan({
    missing,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    isDebian: existsSync('/etc/debian_version'),
    platform: process.platform,
  });
  if (plan.action === 'none') return;
  if (plan.action === 'install') {
    log(`Installing system packages: ${plan.names.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], env);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...plan.names], env);
    return;
  }
  console.error(`[setup] ${plan.message}`);
  process.exit(1);
}
