-- Issue 15: trust that grows, the duplicate guard, feedback to the agents.
-- squad_messages keeps the cloud's name and columns (cloud-contract.md: the agents' activity feed);
-- the desktop writes owner feedback there and sync pushes it like agent_logs.
CREATE TABLE `squad_messages` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`from_agent` text NOT NULL,
	`to_agent` text,
	`message` text NOT NULL,
	`task_id` text,
	`data` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_squad_messages_task` ON `squad_messages` (`task_id`, `created_at`);
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_message_insert` AFTER INSERT ON `squad_messages`
FOR EACH ROW WHEN (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `payload`)
  VALUES ('message', NEW.`id`, 'insert', json_object('id', NEW.`id`, 'from_agent', NEW.`from_agent`, 'to_agent', NEW.`to_agent`, 'message', NEW.`message`, 'task_id', NEW.`task_id`, 'data', NEW.`data`, 'created_at', NEW.`created_at`));
END;
--> statement-breakpoint
-- Local: what the duplicate guard compares, one row per task, written once when the task is first
-- decided (or first prepared to run). Compared over a bounded window by (channel, created_at).
CREATE TABLE `task_fingerprints` (
	`task_id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	`duplicate_of` text,
	`duplicate_reason` text,
	`cleared_by` text,
	`cleared_at` text
);
--> statement-breakpoint
CREATE INDEX `idx_task_fingerprints_window` ON `task_fingerprints` (`channel`, `created_at`);
--> statement-breakpoint
CREATE INDEX `idx_task_fingerprints_duplicate_of` ON `task_fingerprints` (`duplicate_of`) WHERE `duplicate_of` IS NOT NULL;
--> statement-breakpoint
-- Local: trust suggestions Kenny dismissed (by kind), so they are not offered again.
CREATE TABLE `trust_dismissals` (
	`kind_key` text PRIMARY KEY NOT NULL,
	`agent` text NOT NULL,
	`conditions` text NOT NULL,
	`dismissed_by` text NOT NULL,
	`dismissed_at` text NOT NULL
);
--> statement-breakpoint
-- Kenny's decisions in time order, for the trust suggestions (no full scan of squad_tasks).
CREATE INDEX `idx_tasks_decided` ON `squad_tasks` (coalesce(`rejected_at`, `approved_at`)) WHERE `approved_at` IS NOT NULL OR `rejected_at` IS NOT NULL;
