-- Sync outbox (electron/engine/sync): every change Supabase should see is queued in the same
-- transaction that makes it, so nothing is lost while offline and the queue drains in order.
-- Only once sync has been enabled (sync_state.outbox_enabled = '1'), and never for rows the
-- sync itself is applying from the remote (sync_state.applying_remote = '1' inside that
-- transaction only). Payloads are the values at the time of the change.
CREATE TRIGGER `sync_outbox_task_insert` AFTER INSERT ON `squad_tasks`
FOR EACH ROW WHEN NEW.`origin` = 'local' AND (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  VALUES ('task', NEW.`id`, 'insert', '[]', json_object('created_at', NEW.`created_at`, 'title', NEW.`title`, 'description', NEW.`description`, 'status', NEW.`status`, 'assigned_agent', NEW.`assigned_agent`, 'priority', NEW.`priority`, 'mentions_kenny', NEW.`mentions_kenny`, 'deliverable_url', NEW.`deliverable_url`, 'execution_attempts', NEW.`execution_attempts`, 'last_execution_attempt', NEW.`last_execution_attempt`, 'execution_error', NEW.`execution_error`, 'requires_approval', NEW.`requires_approval`, 'approved_by', NEW.`approved_by`, 'approved_at', NEW.`approved_at`, 'rejected_by', NEW.`rejected_by`, 'rejected_at', NEW.`rejected_at`, 'rejection_reason', NEW.`rejection_reason`, 'metadata', NEW.`metadata`, 'completed_at', NEW.`completed_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_task_update` AFTER UPDATE ON `squad_tasks`
FOR EACH ROW WHEN (NEW.`title` IS NOT OLD.`title` OR NEW.`description` IS NOT OLD.`description` OR NEW.`status` IS NOT OLD.`status` OR NEW.`assigned_agent` IS NOT OLD.`assigned_agent` OR NEW.`priority` IS NOT OLD.`priority` OR NEW.`mentions_kenny` IS NOT OLD.`mentions_kenny` OR NEW.`deliverable_url` IS NOT OLD.`deliverable_url` OR NEW.`execution_attempts` IS NOT OLD.`execution_attempts` OR NEW.`last_execution_attempt` IS NOT OLD.`last_execution_attempt` OR NEW.`execution_error` IS NOT OLD.`execution_error` OR NEW.`requires_approval` IS NOT OLD.`requires_approval` OR NEW.`approved_by` IS NOT OLD.`approved_by` OR NEW.`approved_at` IS NOT OLD.`approved_at` OR NEW.`rejected_by` IS NOT OLD.`rejected_by` OR NEW.`rejected_at` IS NOT OLD.`rejected_at` OR NEW.`rejection_reason` IS NOT OLD.`rejection_reason` OR NEW.`metadata` IS NOT OLD.`metadata` OR NEW.`completed_at` IS NOT OLD.`completed_at`) AND (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  SELECT 'task', NEW.`id`, 'update', json_group_array(c), json_group_object(c, v) FROM (
    SELECT 'title' AS c, NEW.`title` AS v WHERE NEW.`title` IS NOT OLD.`title`
    UNION ALL SELECT 'description' AS c, NEW.`description` AS v WHERE NEW.`description` IS NOT OLD.`description`
    UNION ALL SELECT 'status' AS c, NEW.`status` AS v WHERE NEW.`status` IS NOT OLD.`status`
    UNION ALL SELECT 'assigned_agent' AS c, NEW.`assigned_agent` AS v WHERE NEW.`assigned_agent` IS NOT OLD.`assigned_agent`
    UNION ALL SELECT 'priority' AS c, NEW.`priority` AS v WHERE NEW.`priority` IS NOT OLD.`priority`
    UNION ALL SELECT 'mentions_kenny' AS c, NEW.`mentions_kenny` AS v WHERE NEW.`mentions_kenny` IS NOT OLD.`mentions_kenny`
    UNION ALL SELECT 'deliverable_url' AS c, NEW.`deliverable_url` AS v WHERE NEW.`deliverable_url` IS NOT OLD.`deliverable_url`
    UNION ALL SELECT 'execution_attempts' AS c, NEW.`execution_attempts` AS v WHERE NEW.`execution_attempts` IS NOT OLD.`execution_attempts`
    UNION ALL SELECT 'last_execution_attempt' AS c, NEW.`last_execution_attempt` AS v WHERE NEW.`last_execution_attempt` IS NOT OLD.`last_execution_attempt`
    UNION ALL SELECT 'execution_error' AS c, NEW.`execution_error` AS v WHERE NEW.`execution_error` IS NOT OLD.`execution_error`
    UNION ALL SELECT 'requires_approval' AS c, NEW.`requires_approval` AS v WHERE NEW.`requires_approval` IS NOT OLD.`requires_approval`
    UNION ALL SELECT 'approved_by' AS c, NEW.`approved_by` AS v WHERE NEW.`approved_by` IS NOT OLD.`approved_by`
    UNION ALL SELECT 'approved_at' AS c, NEW.`approved_at` AS v WHERE NEW.`approved_at` IS NOT OLD.`approved_at`
    UNION ALL SELECT 'rejected_by' AS c, NEW.`rejected_by` AS v WHERE NEW.`rejected_by` IS NOT OLD.`rejected_by`
    UNION ALL SELECT 'rejected_at' AS c, NEW.`rejected_at` AS v WHERE NEW.`rejected_at` IS NOT OLD.`rejected_at`
    UNION ALL SELECT 'rejection_reason' AS c, NEW.`rejection_reason` AS v WHERE NEW.`rejection_reason` IS NOT OLD.`rejection_reason`
    UNION ALL SELECT 'metadata' AS c, NEW.`metadata` AS v WHERE NEW.`metadata` IS NOT OLD.`metadata`
    UNION ALL SELECT 'completed_at' AS c, NEW.`completed_at` AS v WHERE NEW.`completed_at` IS NOT OLD.`completed_at`
  );
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_log_insert` AFTER INSERT ON `agent_logs`
FOR EACH ROW WHEN (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `payload`)
  VALUES ('log', NEW.`id`, 'insert', json_object('id', NEW.`id`, 'agent_name', NEW.`agent_name`, 'log_level', NEW.`log_level`, 'event_type', NEW.`event_type`, 'message', NEW.`message`, 'error_details', NEW.`error_details`, 'context', NEW.`context`, 'workflow_id', NEW.`workflow_id`, 'timestamp', NEW.`timestamp`, 'created_at', NEW.`created_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_alert_insert` AFTER INSERT ON `alerts`
FOR EACH ROW WHEN (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `payload`)
  VALUES ('alert', NEW.`id`, 'insert', json_object('id', NEW.`id`, 'type', NEW.`type`, 'severity', NEW.`severity`, 'title', NEW.`title`, 'message', NEW.`message`, 'metadata', NEW.`metadata`, 'created_at', NEW.`created_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_config_insert` AFTER INSERT ON `agent_configs`
FOR EACH ROW WHEN NEW.`key` = 'global_pause' AND (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `payload`)
  VALUES ('config', NEW.`key`, 'upsert', json_object('key', NEW.`key`, 'value', NEW.`value`, 'updated_at', NEW.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_config_update` AFTER UPDATE ON `agent_configs`
FOR EACH ROW WHEN NEW.`key` = 'global_pause' AND NEW.`value` IS NOT OLD.`value` AND (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `payload`)
  VALUES ('config', NEW.`key`, 'upsert', json_object('key', NEW.`key`, 'value', NEW.`value`, 'updated_at', NEW.`updated_at`));
END;
