-- Today's figures with a long history (issue 14): "failed in the last 24 h / 7 days" and the hourly
-- series visited every failed task (20,000 of 100,000 in the bench) three times per stats:get, about
-- 200 ms; "outcome unknown" visited them again for the status counts; "rejected" scanned the
-- decisions index. Small partial indexes: failed tasks by the time they failed, the few flagged
-- tasks, rejected tasks by the time they were rejected. Tasks that complete touch none of them.
CREATE INDEX IF NOT EXISTS `idx_tasks_failed_recent` ON `squad_tasks` (`updated_at`) WHERE status = 'failed';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `idx_tasks_outcome_unknown` ON `squad_tasks` (`status`) WHERE outcome_unknown = 1;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `idx_tasks_rejected` ON `squad_tasks` (`rejected_at`) WHERE rejected_at IS NOT NULL;
