/**
 * A long history for the Today lists (bench/today-queries.ts and the task-list tests): the ledger
 * rows, policy columns and waiting tasks real databases have, added to finished tasks seeded by
 * e2e/support/seed.ts (or any database with finished tasks).
 */
import Database from 'better-sqlite3';

/** The agents of the seeded tasks, which channels run. */
export const seededAgents = ['Email Agent', 'Social Media Agent', 'Marketing Agent', 'SEO Agent', 'Google Ads Agent'];

/**
 * After seedTasks: a ledger row per finished task (completed: live success, or for one in six a
 * dry run with a verdict, a third of those a problem; failed: a live failure, some after a first
 * failed attempt), the policy columns (one in ten auto-executed tasks ran without a rule), and
 * 500 new tasks, 400 of them waiting for a decision.
 */
export function seedLedger(dbPath: string): { executions: number } {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const tasks = db.prepare(`SELECT rowid AS n, id, status, created_at FROM squad_tasks WHERE status IN ('completed', 'failed', 'rejected')`).all() as { n: number; id: string; status: string; created_at: string }[];
  const execution = db.prepare(
    `INSERT INTO task_executions (task_id, attempt, idempotency_key, channel, dry_run, state, result, error_class, error_message, executor_id, started_at, finished_at)
     VALUES (?, ?, ? || ':' || ?, 'gmail', ?, ?, ?, ?, ?, 'bench', ?, ?)`,
  );
  const policy = db.prepare(
    `UPDATE squad_tasks SET policy_decision = ?, policy_rule_id = ?, requires_approval = ?, approved_at = ?, rejected_at = ?, last_execution_attempt = ?, execution_attempts = ?, updated_at = ? WHERE id = ?`,
  );
  // From migration 0019 on, the task carries its latest dry run's verdict (what the executor writes).
  const hasVerdictColumn = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info('squad_tasks') WHERE name = 'dry_run_verdict'`).get() as { n: number }).n > 0;
  const setVerdict = hasVerdictColumn ? db.prepare(`UPDATE squad_tasks SET dry_run_verdict = ?, updated_at = ? WHERE id = ?`) : null;
  const verdicts = ['would_run', 'would_run', 'would_fail', 'would_run', 'would_be_held', 'not_connected'];
  let executions = 0;
  db.transaction(() => {
    for (const task of tasks) {
      const finished = new Date(new Date(task.created_at).getTime() + 60_000).toISOString();
      const approval = task.n % 3 === 0;
      const withoutRule = !approval && task.n % 10 === 1;
      if (task.status === 'rejected') {
        policy.run('require_approval', 'builtin-x', 1, null, finished, null, 0, finished, task.id);
        continue;
      }
      let attempt = 1;
      if (task.status === 'failed' && task.n % 4 === 0) {
        execution.run(task.id, attempt, task.id, attempt, 0, 'failed', null, 'retryable', 'Timed out', task.created_at, task.created_at);
        attempt++;
        executions++;
      }
      if (task.status === 'failed') execution.run(task.id, attempt, task.id, attempt, 0, 'failed', null, 'permanent', 'Address refused', finished, finished);
      else if (task.n % 6 === 0) {
        const verdict = verdicts[Math.floor(task.n / 6) % verdicts.length]!;
        const reason = verdict === 'would_run' ? null : `bench ${verdict}`;
        execution.run(task.id, attempt, task.id, attempt, 1, 'succeeded', JSON.stringify({ dryRun: true, verdict, reason, ...(verdict === 'would_fail' ? { wouldFail: reason } : {}) }), null, null, finished, finished);
        setVerdict?.run(verdict, finished, task.id);
      } else execution.run(task.id, attempt, task.id, attempt, 0, 'succeeded', JSON.stringify({ id: `msg-${task.n}` }), null, null, finished, finished);
      executions++;
      policy.run(
        approval ? 'require_approval' : 'auto_execute',
        withoutRule ? null : 'builtin-x',
        approval ? 1 : 0,
        approval ? finished : null,
        null,
        finished,
        attempt,
        finished,
        task.id,
      );
    }
    // Waiting for a decision and queued: the inbox and the queue are never empty in real use.
    const waiting = db.prepare(
      `INSERT INTO squad_tasks (id, title, status, assigned_agent, priority, requires_approval, policy_decision, policy_rule_id, metadata) VALUES (?, ?, 'new', ?, ?, ?, ?, 'builtin-x', '{}')`,
    );
    for (let i = 0; i < 500; i++) {
      const awaiting = i % 5 !== 0;
      waiting.run(`wait-${i}`, `Waiting task #${i}`, seededAgents[i % seededAgents.length], ['urgent', 'high', 'medium', 'low'][i % 4], awaiting ? 1 : 0, awaiting ? 'require_approval' : 'auto_execute');
    }
  })();
  db.close();
  return { executions };
}
