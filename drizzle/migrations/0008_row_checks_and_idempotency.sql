-- Issue 16: other writers (any SQLite client, sync) cannot store type-confused task values.
-- SQLite cannot add CHECK constraints to an existing table, so BEFORE triggers refuse new writes,
-- each naming its column. Per-column UPDATE OF triggers: a row that got in before this migration
-- can still be moved on (failed, requeued) without first repairing every column.
CREATE TRIGGER `squad_tasks_check_insert` BEFORE INSERT ON `squad_tasks` BEGIN
  SELECT RAISE(ABORT, 'squad_tasks.title must be text') WHERE typeof(NEW.title) <> 'text';
  SELECT RAISE(ABORT, 'squad_tasks.requires_approval must be 0 or 1') WHERE typeof(NEW.requires_approval) <> 'integer' OR NEW.requires_approval NOT IN (0, 1);
  SELECT RAISE(ABORT, 'squad_tasks.mentions_kenny must be 0, 1 or NULL') WHERE NEW.mentions_kenny IS NOT NULL AND (typeof(NEW.mentions_kenny) <> 'integer' OR NEW.mentions_kenny NOT IN (0, 1));
  SELECT RAISE(ABORT, 'squad_tasks.outcome_unknown must be 0 or 1') WHERE typeof(NEW.outcome_unknown) <> 'integer' OR NEW.outcome_unknown NOT IN (0, 1);
  SELECT RAISE(ABORT, 'squad_tasks.execution_attempts must be a whole number from 0 to 1000000') WHERE typeof(NEW.execution_attempts) <> 'integer' OR NEW.execution_attempts NOT BETWEEN 0 AND 1000000;
  SELECT RAISE(ABORT, 'squad_tasks.not_before must be an ISO-8601 time or NULL') WHERE NEW.not_before IS NOT NULL AND (typeof(NEW.not_before) <> 'text' OR julianday(NEW.not_before) IS NULL);
  SELECT RAISE(ABORT, 'squad_tasks.lease_expires_at must be an ISO-8601 time or NULL') WHERE NEW.lease_expires_at IS NOT NULL AND (typeof(NEW.lease_expires_at) <> 'text' OR julianday(NEW.lease_expires_at) IS NULL);
  SELECT RAISE(ABORT, 'squad_tasks.created_at must be an ISO-8601 time') WHERE typeof(NEW.created_at) <> 'text' OR julianday(NEW.created_at) IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_check_title` BEFORE UPDATE OF `title` ON `squad_tasks` WHEN typeof(NEW.title) <> 'text' BEGIN
  SELECT RAISE(ABORT, 'squad_tasks.title must be text');
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_check_requires_approval` BEFORE UPDATE OF `requires_approval` ON `squad_tasks` WHEN typeof(NEW.requires_approval) <> 'integer' OR NEW.requires_approval NOT IN (0, 1) BEGIN
  SELECT RAISE(ABORT, 'squad_tasks.requires_approval must be 0 or 1');
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_check_outcome_unknown` BEFORE UPDATE OF `outcome_unknown` ON `squad_tasks` WHEN typeof(NEW.outcome_unknown) <> 'integer' OR NEW.outcome_unknown NOT IN (0, 1) BEGIN
  SELECT RAISE(ABORT, 'squad_tasks.outcome_unknown must be 0 or 1');
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_check_execution_attempts` BEFORE UPDATE OF `execution_attempts` ON `squad_tasks` WHEN typeof(NEW.execution_attempts) <> 'integer' OR NEW.execution_attempts NOT BETWEEN 0 AND 1000000 BEGIN
  SELECT RAISE(ABORT, 'squad_tasks.execution_attempts must be a whole number from 0 to 1000000');
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_check_not_before` BEFORE UPDATE OF `not_before` ON `squad_tasks` WHEN NEW.not_before IS NOT NULL AND (typeof(NEW.not_before) <> 'text' OR julianday(NEW.not_before) IS NULL) BEGIN
  SELECT RAISE(ABORT, 'squad_tasks.not_before must be an ISO-8601 time or NULL');
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_check_lease_expires_at` BEFORE UPDATE OF `lease_expires_at` ON `squad_tasks` WHEN NEW.lease_expires_at IS NOT NULL AND (typeof(NEW.lease_expires_at) <> 'text' OR julianday(NEW.lease_expires_at) IS NULL) BEGIN
  SELECT RAISE(ABORT, 'squad_tasks.lease_expires_at must be an ISO-8601 time or NULL');
END;
--> statement-breakpoint
-- tasks:create idempotency keys (Stripe-style): the key, a hash of the request's fields, the task.
CREATE TABLE `task_idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`task_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
