-- Like the cloud's update_squad_tasks_updated_at trigger: any UPDATE that does not set
-- updated_at itself (a person in a SQLite client, say) still bumps it.
CREATE TRIGGER `squad_tasks_touch_updated_at` AFTER UPDATE ON `squad_tasks`
FOR EACH ROW WHEN NEW.updated_at = OLD.updated_at
BEGIN
  UPDATE `squad_tasks` SET `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
-- Full-text search over tasks (title, description, agent) for the queue view; external content,
-- so the text is stored once. Kept in step by triggers that fire only when searched columns change.
CREATE VIRTUAL TABLE `squad_tasks_fts` USING fts5(
  title, description, assigned_agent,
  content='squad_tasks', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_fts_insert` AFTER INSERT ON `squad_tasks` BEGIN
  INSERT INTO `squad_tasks_fts`(rowid, title, description, assigned_agent)
  VALUES (NEW.rowid, NEW.title, coalesce(NEW.description, ''), NEW.assigned_agent);
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_fts_delete` AFTER DELETE ON `squad_tasks` BEGIN
  INSERT INTO `squad_tasks_fts`(`squad_tasks_fts`, rowid, title, description, assigned_agent)
  VALUES ('delete', OLD.rowid, OLD.title, coalesce(OLD.description, ''), OLD.assigned_agent);
END;
--> statement-breakpoint
CREATE TRIGGER `squad_tasks_fts_update` AFTER UPDATE OF title, description, assigned_agent ON `squad_tasks` BEGIN
  INSERT INTO `squad_tasks_fts`(`squad_tasks_fts`, rowid, title, description, assigned_agent)
  VALUES ('delete', OLD.rowid, OLD.title, coalesce(OLD.description, ''), OLD.assigned_agent);
  INSERT INTO `squad_tasks_fts`(rowid, title, description, assigned_agent)
  VALUES (NEW.rowid, NEW.title, coalesce(NEW.description, ''), NEW.assigned_agent);
END;
--> statement-breakpoint
INSERT INTO `agent_configs` (`key`, `value`) VALUES ('global_pause', 'false') ON CONFLICT (`key`) DO NOTHING;
