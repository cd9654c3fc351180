/**
 * Test harness for sync tests: real engines (createEngine) on temporary SQLite files, each synced
 * to the same test Postgres, dry run with auto execution on unless a test says otherwise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../../index';
import { startSync, type SyncHandle, type SyncOptions } from '../sync-service';

export interface SyncedEngine {
  engine: Engine;
  sync: SyncHandle;
  dbPath: string;
  /** Stops sync and closes the engine (the database file stays for a restart). */
  close(): Promise<void>;
}

export class Harness {
  private readonly root = mkdtempSync(join(tmpdir(), 'mc-sync-engines-'));
  private readonly open = new Set<SyncedEngine>();

  constructor(private readonly url: () => string) {}

  path(name: string): string {
    return join(this.root, `${name}.sqlite`);
  }

  start(name: string, options: { engine?: EngineOptions; sync?: Partial<SyncOptions> } = {}): SyncedEngine {
    const dbPath = this.path(name);
    const engine = createEngine({
      dbPath,
      env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'true' },
      ...options.engine,
    });
    const sync = startSync(engine, { url: this.url(), autoStart: false, ...options.sync });
    const entry: SyncedEngine = {
      engine,
      sync,
      dbPath,
      close: async () => {
        this.open.delete(entry);
        await sync.stop();
        await engine.close();
      },
    };
    this.open.add(entry);
    return entry;
  }

  async cleanup(): Promise<void> {
    for (const entry of [...this.open]) await entry.close().catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Executions recorded in an engine's local ledger, per task id. */
export function executionsByTask(engine: Engine): Map<string, number> {
  const rows = engine.db.prepare('SELECT task_id, count(*) AS n FROM task_executions GROUP BY task_id').all() as { task_id: string; n: number }[];
  return new Map(rows.map((r) => [r.task_id, r.n]));
}
