/**
 * The comparator: plainjob, a lean better-sqlite3 job queue (a devDependency used only here), on
 * the same machine, same SQLite build and same pragmas (WAL, synchronous=NORMAL), processing
 * jobs whose handler returns at once. What it does per job (claim update, done update) is the
 * floor any queue on this engine pays; our pipeline does more (policy, limits, ledger, logs).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { better, defineQueue, defineWorker, JobStatus } from 'plainjob';

const silent = { error() {}, warn() {}, info() {}, debug() {} };

/** Jobs per second for `count` jobs added up front, processed by one worker. */
export async function plainjobJobsPerSecond(dir: string, count: number, run: number): Promise<number> {
  const database = new Database(join(dir, `plainjob-${run}.db`));
  const queue = defineQueue({ connection: better(database), logger: silent, maintenanceInterval: 3_600_000 });
  queue.addMany('bench', Array.from({ length: count }, (_, i) => ({ i })));
  let done = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = defineWorker(
    'bench',
    () => {
      done += 1;
    },
    { queue, logger: silent, pollIntervall: 1, onCompleted: () => void (done >= count && finish()) },
  );
  const started = performance.now();
  void worker.start();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  const processed = queue.countJobs({ type: 'bench', status: JobStatus.Done });
  queue.close();
  if (processed !== count) throw new Error(`plainjob processed ${processed} of ${count}`);
  return count / seconds;
}
