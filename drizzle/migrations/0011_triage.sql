-- Issue 14 (triage): snooze, the customer's address in the queue search, and approval alerts that
-- clear themselves when their task is decided, whoever decides it (dashboard, CLI, sync, SQL).
ALTER TABLE `squad_tasks` ADD `snoozed_until` text;
--> statement-breakpoint
-- The search index gains a `contact` column: the addresses in the task's metadata (to, cc,
-- customer_email, email, from_email) and those of the email_logs row it points to. Contentless
-- with contentless_delete, so a row's old text is not needed to drop it from the index.
DROP TRIGGER IF EXISTS `squad_tasks_fts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `squad_tasks_fts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `squad_tasks_fts_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `squad_tasks_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `squad_tasks_fts` USING fts5(
  title, description, assigned_agent, contact,
  content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `squad_tasks_fts`(rowid, title, description, assigned_agent, contact)
SELECT t.rowid, t.title, coalesce(t.description, ''), t.assigned_agent,
  CASE WHEN json_valid(t.metadata) THEN concat_ws(' ', json_extract(t.metadata, '$.to'), json_extract(t.metadata, '$.cc'), json_extract(t.metadata, '$.customer_email'), json_extract(t.metadata, '$.email'), json_extract(t.metadata, '$.from_email'),
    (SELECT concat_ws(' ', e.from_email, e.to_email) FROM `email_logs` e WHERE e.id = json_extract(t.metadata, '$.email_id'))) ELSE '' END
FROM `squad_tasks` t;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_fts_insert` AFTER INSERT ON `squad_tasks` BEGIN
  INSERT INTO `squad_tasks_fts`(rowid, title, description, assigned_agent, contact)
  VALUES (NEW.rowid, NEW.title, coalesce(NEW.description, ''), NEW.assigned_agent,
    CASE WHEN json_valid(NEW.metadata) THEN concat_ws(' ', json_extract(NEW.metadata, '$.to'), json_extract(NEW.metadata, '$.cc'), json_extract(NEW.metadata, '$.customer_email'), json_extract(NEW.metadata, '$.email'), json_extract(NEW.metadata, '$.from_email'),
      (SELECT concat_ws(' ', e.from_email, e.to_email) FROM `email_logs` e WHERE e.id = json_extract(NEW.metadata, '$.email_id'))) ELSE '' END);
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_fts_delete` AFTER DELETE ON `squad_tasks` BEGIN
  DELETE FROM `squad_tasks_fts` WHERE rowid = OLD.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_fts_update` AFTER UPDATE OF title, description, assigned_agent, metadata ON `squad_tasks` BEGIN
  DELETE FROM `squad_tasks_fts` WHERE rowid = OLD.rowid;
  INSERT INTO `squad_tasks_fts`(rowid, title, description, assigned_agent, contact)
  VALUES (NEW.rowid, NEW.title, coalesce(NEW.description, ''), NEW.assigned_agent,
    CASE WHEN json_valid(NEW.metadata) THEN concat_ws(' ', json_extract(NEW.metadata, '$.to'), json_extract(NEW.metadata, '$.cc'), json_extract(NEW.metadata, '$.customer_email'), json_extract(NEW.metadata, '$.email'), json_extract(NEW.metadata, '$.from_email'),
      (SELECT concat_ws(' ', e.from_email, e.to_email) FROM `email_logs` e WHERE e.id = json_extract(NEW.metadata, '$.email_id'))) ELSE '' END);
END;
--> statement-breakpoint
-- Open approval alerts by task: the trigger below finds a task's alert without scanning.
CREATE INDEX `idx_alerts_open_approval` ON `alerts` (json_extract(`metadata`, '$.task_id')) WHERE `type` = 'approval_needed' AND `acknowledged_at` IS NULL;
--> statement-breakpoint
-- A task leaves "waiting for a decision" (approved, rejected, cancelled, marked done, failed):
-- its approval_needed alert is resolved, with how in metadata.resolved. Only tasks held for approval
-- have one (requires_approval = 1): tasks that run by themselves skip the lookup.
CREATE TRIGGER `alerts_resolve_on_decision` AFTER UPDATE OF status, approved_at, rejected_at ON `squad_tasks`
FOR EACH ROW WHEN OLD.requires_approval = 1 AND OLD.status = 'new' AND OLD.approved_at IS NULL AND OLD.rejected_at IS NULL
  AND NOT (NEW.status = 'new' AND NEW.approved_at IS NULL AND NEW.rejected_at IS NULL)
BEGIN
  UPDATE `alerts` SET
    `acknowledged_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
    `acknowledged_by` = coalesce(NEW.approved_by, NEW.rejected_by, 'task decided'),
    `metadata` = json_set(`metadata`, '$.resolved', CASE WHEN NEW.approved_at IS NOT NULL THEN 'approved' WHEN NEW.status = 'rejected' THEN 'rejected' ELSE NEW.status END)
  WHERE `type` = 'approval_needed' AND `acknowledged_at` IS NULL AND json_extract(`metadata`, '$.task_id') = NEW.id;
END;
