-- The duplicate guard compares a new task only with earlier tasks of the same subject (the same
-- recipient, platform, product change or ad group change: every comparison starts with it), but it
-- read the latest 200 fingerprints of the channel and compared them in code: about a millisecond
-- per runnable task, most of a dry run of Google Ads changes (issue 17). Keyed by subject, it
-- reads only the candidates. Same number of indexes on the table.
DROP INDEX IF EXISTS `idx_task_fingerprints_window`;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `idx_task_fingerprints_subject` ON `task_fingerprints` (`channel`, `subject`, `created_at`);
