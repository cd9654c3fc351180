-- The ledger's idempotency key is always `task_id:attempt` (store/executions.ts computes both in one
-- INSERT), so a unique index on (task_id, attempt) guards the key as well. The separate unique index
-- on the key text cost every attempt a write to a random page of its own.
DROP INDEX IF EXISTS `idx_executions_idempotency`;--> statement-breakpoint
DROP INDEX IF EXISTS `idx_executions_task`;--> statement-breakpoint
CREATE UNIQUE INDEX `idx_executions_task` ON `task_executions` (`task_id`,`attempt`);
