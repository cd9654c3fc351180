CREATE TABLE `agent_configs` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_configs_key_unique` ON `agent_configs` (`key`);--> statement-breakpoint
CREATE TABLE `agent_logs` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`agent_name` text NOT NULL,
	`log_level` text DEFAULT 'info' NOT NULL,
	`event_type` text,
	`message` text NOT NULL,
	`error_details` text,
	`context` text DEFAULT '{}' NOT NULL,
	`workflow_id` text,
	`timestamp` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`task_id` text,
	CONSTRAINT "agent_logs_level_check" CHECK("agent_logs"."log_level" IN ('info', 'warning', 'error', 'critical'))
);
--> statement-breakpoint
CREATE INDEX `idx_agent_logs_created` ON `agent_logs` (`created_at`);--> statement-breakpoint
CREATE INDEX `idx_agent_logs_task` ON `agent_logs` (`task_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`message` text NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`acknowledged_at` text,
	`acknowledged_by` text,
	`delivery_status` text,
	`delivery_error` text,
	CONSTRAINT "alerts_severity_check" CHECK("alerts"."severity" IN ('low', 'medium', 'high', 'urgent'))
);
--> statement-breakpoint
CREATE INDEX `idx_alerts_created` ON `alerts` (`created_at`);--> statement-breakpoint
CREATE TABLE `approval_rules` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`position` integer DEFAULT 100 NOT NULL,
	`name` text NOT NULL,
	`agent` text,
	`conditions` text DEFAULT '[]' NOT NULL,
	`effect` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`builtin` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "approval_rules_effect_check" CHECK("approval_rules"."effect" IN ('require_approval', 'auto_execute')),
	CONSTRAINT "approval_rules_conditions_json" CHECK(json_valid("approval_rules"."conditions") AND json_type("approval_rules"."conditions") = 'array')
);
--> statement-breakpoint
CREATE TABLE `rate_limit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`limit_key` text NOT NULL,
	`task_id` text,
	`execution_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_rate_limit_events_key` ON `rate_limit_events` (`limit_key`,`created_at`);--> statement-breakpoint
CREATE TABLE `squad_tasks` (
	`id` text PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '',
	`status` text DEFAULT 'new' NOT NULL,
	`assigned_agent` text DEFAULT 'Jarvis' NOT NULL,
	`priority` text DEFAULT 'medium' NOT NULL,
	`mentions_kenny` integer DEFAULT false,
	`deliverable_url` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`execution_attempts` integer DEFAULT 0 NOT NULL,
	`last_execution_attempt` text,
	`execution_error` text,
	`requires_approval` integer DEFAULT false NOT NULL,
	`approved_by` text,
	`approved_at` text,
	`rejected_by` text,
	`rejected_at` text,
	`rejection_reason` text,
	`metadata` text DEFAULT '{}' NOT NULL,
	`completed_at` text,
	`lease_owner` text,
	`lease_expires_at` text,
	`not_before` text,
	`hold_reason` text,
	`policy_decision` text,
	`policy_reason` text,
	`policy_rule_id` text,
	`outcome_unknown` integer DEFAULT false NOT NULL,
	`origin` text DEFAULT 'local' NOT NULL,
	CONSTRAINT "squad_tasks_status_check" CHECK("squad_tasks"."status" IN ('new', 'in_progress', 'completed', 'failed', 'rejected')),
	CONSTRAINT "squad_tasks_priority_check" CHECK("squad_tasks"."priority" IN ('low', 'medium', 'high', 'urgent')),
	CONSTRAINT "squad_tasks_metadata_json" CHECK(json_valid("squad_tasks"."metadata") AND json_type("squad_tasks"."metadata") = 'object'),
	CONSTRAINT "squad_tasks_policy_decision_check" CHECK("squad_tasks"."policy_decision" IS NULL OR "squad_tasks"."policy_decision" IN ('auto_execute', 'require_approval'))
);
--> statement-breakpoint
CREATE INDEX `idx_tasks_queue` ON `squad_tasks` (`status`,(CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END),`created_at`) WHERE status = 'new';--> statement-breakpoint
CREATE INDEX `idx_tasks_approval_queue` ON `squad_tasks` (`requires_approval`,`approved_at`) WHERE requires_approval = 1 AND approved_at IS NULL;--> statement-breakpoint
CREATE INDEX `idx_tasks_lease` ON `squad_tasks` (`lease_expires_at`) WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX `idx_tasks_created` ON `squad_tasks` (`created_at`);--> statement-breakpoint
CREATE INDEX `idx_tasks_updated` ON `squad_tasks` (`updated_at`);--> statement-breakpoint
CREATE INDEX `idx_tasks_agent` ON `squad_tasks` (`assigned_agent`,`status`);--> statement-breakpoint
CREATE TABLE `task_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`reason` text,
	`details` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idx_task_decisions_task` ON `task_decisions` (`task_id`,`id`);--> statement-breakpoint
CREATE TABLE `task_executions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`channel` text NOT NULL,
	`dry_run` integer DEFAULT false NOT NULL,
	`state` text DEFAULT 'intent' NOT NULL,
	`request_preview` text DEFAULT '{}' NOT NULL,
	`external_id` text,
	`external_url` text,
	`result` text,
	`error_class` text,
	`error_message` text,
	`executor_id` text NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`finished_at` text,
	CONSTRAINT "task_executions_state_check" CHECK("task_executions"."state" IN ('intent', 'succeeded', 'failed', 'unknown'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idx_executions_idempotency` ON `task_executions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `idx_executions_task` ON `task_executions` (`task_id`,`attempt`);--> statement-breakpoint
CREATE INDEX `idx_executions_open` ON `task_executions` (`state`) WHERE state = 'intent';