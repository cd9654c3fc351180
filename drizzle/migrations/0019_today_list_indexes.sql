-- Today with a long history (issue 14): every Today list in its own order, and exact totals
-- without a subquery per task. With 100,000 tasks the lists sorted every row of their status in a
-- temporary b-tree, and "dry-run problems" ran the latest-ledger-row subquery for every task.
--
-- The verdict of the task's latest ledger row when it is a finished dry run (would_run, would_fail,
-- would_be_held, not_connected), else NULL: written by the dry run's completion in the same UPDATE
-- (executor/dry-run.ts), cleared by a live claim (executor/claim.ts), kept by a re-queue (the
-- latest row does not change). Local only: the sync's outbox triggers do not list it.
ALTER TABLE `squad_tasks` ADD `dry_run_verdict` text;
--> statement-breakpoint
-- The backfill must not bump updated_at (the lists sort by it): the touch trigger is recreated after.
DROP TRIGGER IF EXISTS `squad_tasks_touch_updated_at`;
--> statement-breakpoint
-- The same rule the lists applied per task: latest row by attempt, then id; a result that is not
-- JSON gives no verdict (the list query used to fail on it).
UPDATE `squad_tasks` SET `dry_run_verdict` = (
  SELECT CASE WHEN e.`dry_run` = 1 AND e.`state` = 'succeeded' AND json_valid(e.`result`)
    THEN coalesce(e.`result` ->> '$.verdict', CASE WHEN e.`result` ->> '$.wouldFail' IS NOT NULL THEN 'would_fail' ELSE 'would_run' END) END
  FROM `task_executions` e WHERE e.`task_id` = `squad_tasks`.`id` ORDER BY e.`attempt` DESC, e.`id` DESC LIMIT 1)
WHERE `id` IN (SELECT `task_id` FROM `task_executions` WHERE `dry_run` = 1 AND `state` = 'succeeded');
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_touch_updated_at` AFTER UPDATE ON `squad_tasks`
FOR EACH ROW WHEN NEW.updated_at = OLD.updated_at
BEGIN
  UPDATE `squad_tasks` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
-- Tasks whose last dry run found a problem, in the queue's default order: the "dry-run problems"
-- count and list. A task whose dry run would run is not in it (a dry run writes nothing more).
-- Status and verdict last: counts by status (Today's "what ran" total) and by verdict read no table row.
-- The condition is three comparisons, not IN (...): an IN list builds a lookup table each time it
-- is evaluated, and every status change evaluates it twice (about 2 µs per update, measured).
CREATE INDEX IF NOT EXISTS `idx_tasks_dry_run_problem` ON `squad_tasks` ((CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END), `created_at`, `id`, `status`, `dry_run_verdict`)
  WHERE dry_run_verdict = 'would_fail' OR dry_run_verdict = 'would_be_held' OR dry_run_verdict = 'not_connected';
--> statement-breakpoint
-- Any status by recency (Today's "what ran", "failed", the queue's status filter sorted by update
-- time; stats' failed-in-24 h counts and series). Replaces the failed-only partial index of 0018.
DROP INDEX IF EXISTS `idx_tasks_failed_recent`;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `idx_tasks_status_updated` ON `squad_tasks` (`status`, `updated_at`);
--> statement-breakpoint
-- The queue's agent filter in its default order. Replaces (assigned_agent, status), which every
-- status change rewrote; this one changes only with the agent, priority or creation time.
DROP INDEX IF EXISTS `idx_tasks_agent`;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `idx_tasks_agent_priority_order` ON `squad_tasks` (`assigned_agent`, (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END), `created_at`, `id`);
--> statement-breakpoint
-- "Ran without a rule" (auto-executed by the unmatched-task setting, nobody approved it), by
-- recency; the id lets its count test "has a ledger row" without reading the task's row.
CREATE INDEX IF NOT EXISTS `idx_tasks_ran_without_rule` ON `squad_tasks` (`updated_at`, `id`)
  WHERE policy_decision = 'auto_execute' AND policy_rule_id IS NULL AND approved_at IS NULL;
--> statement-breakpoint
-- Waiting for Kenny's decision, in the inbox's order. Replaces (requires_approval, approved_at),
-- which also held every rejected task (requires_approval = 1, never approved): 20,000 in the bench.
DROP INDEX IF EXISTS `idx_tasks_approval_queue`;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `idx_tasks_awaiting` ON `squad_tasks` ((CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END), `created_at`, `id`)
  WHERE status = 'new' AND requires_approval = 1 AND approved_at IS NULL AND rejected_at IS NULL;
