/**
 * What the engine costs at rest: `mission-control serve` (engine + HTTP server, the same engine
 * and scheduler the desktop app runs in its main process) on an empty database, idle, measured
 * from /proc/<pid>/stat (CPU ticks) and /proc/<pid>/status (RSS) over a window (default 60 s,
 * BENCH_IDLE_SECONDS to change). Linux only; elsewhere it says so.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface IdleCostResult {
  seconds: number;
  /** CPU ticks (user + system) spent in the window; one tick = 1/CLK_TCK s (10 ms on Linux). */
  ticks: number;
  cpuPercent: number;
  rssMb: number;
}

const clockTicksPerSecond = 100;

function cpuTicks(pid: number): number {
  // Fields after the command name (which may contain spaces): utime is the 12th, stime the 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

export async function measureServeIdle(cliPath: string, seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60)): Promise<IdleCostResult | string> {
  if (!existsSync('/proc/self/stat')) return 'not measured: needs Linux /proc';
  if (!existsSync(cliPath)) return `not measured: ${cliPath} missing (npm run build)`;
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-idle-'));
  // As a service starts it (docs/server.md): not under npm, so without npm's launcher watch.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
  const child = spawn(process.execPath, [cliPath, 'serve', '--db', join(dir, 'idle.db'), '--port', '0'], {
    env: { ...env, MISSION_CONTROL_HOME: dir, CRON_SECRET: 'bench-idle-secret-0123456789', SUPABASE_DB_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/https?:\/\/127\.0\.0\.1:\d+/.test(output)) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready: ${output.slice(0, 500)}`)));
    });
    // Let start-up work settle before the window opens: migrations, the first cycle, JIT, and V8's
    // memory reducer, which compacts the heap once, about 30 s after start (one burst of ~0.15 s).
    await new Promise((resolve) => setTimeout(resolve, 40_000));
    const before = cpuTicks(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const ticks = cpuTicks(child.pid!) - before;
    return { seconds, ticks, cpuPercent: Math.round((ticks / clockTicksPerSecond / seconds) * 100 * 1000) / 1000, rssMb: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The longest stretch the event loop was blocked while `work` ran: a setImmediate chain records
 * the gap between its turns. In the desktop app the engine shares Electron's main process, so this
 * is how long the tray and windows could freeze.
 */
export async function longestBlockDuring(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  return Math.round(longest * 100) / 100;
}
