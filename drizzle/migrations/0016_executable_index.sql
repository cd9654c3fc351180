-- The executor's queue (issue 17). idx_tasks_queue held every new task, waiting-for-approval ones
-- included, and with the batch size bound as a parameter the planner preferred the agent index and
-- sorted all new tasks on every claim. This partial index holds exactly the tasks that may run
-- (decided, approved when needed, not rejected or flagged) in run order; the executor's query
-- names it. It replaces idx_tasks_queue, so a status change still touches one queue index.
DROP INDEX IF EXISTS `idx_tasks_queue`;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `idx_tasks_executable` ON `squad_tasks` ((CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END), `created_at`)
  WHERE status = 'new' AND policy_decision IS NOT NULL AND rejected_at IS NULL AND outcome_unknown = 0 AND (requires_approval = 0 OR approved_at IS NOT NULL);
