-- What a channel learned mid-call and must not lose in a crash (a Brevo campaign id before
-- sendNow, an Instagram container id before media_publish). JSON object, merged by recordProgress.
ALTER TABLE `task_executions` ADD `progress` text DEFAULT '{}' NOT NULL;
