/**
 * The one additive migration Mission Control Desktop applies to the cloud's Supabase database
 * (../shared/cloud-contract.md). Idempotent: every statement is IF NOT EXISTS / OR REPLACE, the
 * whole runs in one transaction under an advisory lock, so two desktops starting together (or a
 * re-run) are harmless. It adds nothing the cloud's own code reads or breaks:
 * - squad_tasks.mc_lease_owner / mc_lease_expires_at: the compare-and-swap claim with a lease,
 *   so two executors never run the same task;
 * - a statement-level NOTIFY on squad_tasks and agent_configs changes (channel `mc_sync`), so a
 *   listening desktop pulls within a second instead of waiting for its poll;
 * - an index on squad_tasks(updated_at, id) for the pull cursor;
 * - the same statement-level NOTIFY on UPDATE or DELETE of the content tables tasks point to
 *   (email_logs, social_posts, newsletter_drafts, influencer_opportunities), where they exist, so
 *   a changed or deleted row reaches previews at once (inserts are not signalled: a new row
 *   matters only with the task that points to it, which is signalled).
 */
export const remoteMigrationVersion = 1;

/** Channel the NOTIFY trigger signals; the payload is the table name. */
export const notifyChannel = 'mc_sync';

/**
 * Checks before each change, so a re-run takes no table lock at all (the cloud keeps writing while
 * a desktop starts). Safe to run on every connect.
 */
export const remoteMigrationSql = `
SELECT pg_advisory_xact_lock(7146153101);
CREATE OR REPLACE FUNCTION mc_sync_notify() RETURNS trigger AS $fn$
BEGIN
  PERFORM pg_notify('${notifyChannel}', TG_TABLE_NAME);
  RETURN NULL;
END;
$fn$ LANGUAGE plpgsql;
DO $mc$
DECLARE
  content_table text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'squad_tasks'::regclass AND attname = 'mc_lease_owner' AND NOT attisdropped) THEN
    ALTER TABLE squad_tasks ADD COLUMN mc_lease_owner text;
    COMMENT ON COLUMN squad_tasks.mc_lease_owner IS 'Mission Control Desktop: executor holding the claim';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'squad_tasks'::regclass AND attname = 'mc_lease_expires_at' AND NOT attisdropped) THEN
    ALTER TABLE squad_tasks ADD COLUMN mc_lease_expires_at timestamptz;
  END IF;
  IF to_regclass('idx_squad_tasks_mc_updated') IS NULL THEN
    CREATE INDEX idx_squad_tasks_mc_updated ON squad_tasks (updated_at, id);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'squad_tasks'::regclass AND tgname = 'mc_sync_notify_squad_tasks') THEN
    CREATE TRIGGER mc_sync_notify_squad_tasks AFTER INSERT OR UPDATE ON squad_tasks
      FOR EACH STATEMENT EXECUTE FUNCTION mc_sync_notify();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'agent_configs'::regclass AND tgname = 'mc_sync_notify_agent_configs') THEN
    CREATE TRIGGER mc_sync_notify_agent_configs AFTER INSERT OR UPDATE ON agent_configs
      FOR EACH STATEMENT EXECUTE FUNCTION mc_sync_notify();
  END IF;
  FOR content_table IN SELECT unnest(ARRAY['email_logs', 'social_posts', 'newsletter_drafts', 'influencer_opportunities']) LOOP
    IF to_regclass(content_table) IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(content_table) AND tgname = 'mc_sync_notify_' || content_table) THEN
      EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION mc_sync_notify()', 'mc_sync_notify_' || content_table, content_table);
    END IF;
  END LOOP;
END
$mc$;
`;
