-- The cloud agents' content tables (../shared/cloud-contract.md), with the cloud's names and
-- columns, so a task's email_id / post_id / draft_id / influencer_id resolve offline. Filled by
-- sync (pulled before the task they belong to is shown), changed by execution write-backs.
-- newsletter_drafts and influencer_opportunities hold both cloud shapes (003's columns and 008's
-- `data` jsonb). jsonb and text[] are JSON text; timestamps ISO-8601 UTC text. No CHECKs: the
-- remote enforces its own, and a row the cloud holds must always fit here.
CREATE TABLE `email_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`gmail_message_id` text,
	`from_email` text,
	`to_email` text,
	`subject` text,
	`category` text,
	`status` text,
	`handled_by` text,
	`payload` text,
	`metadata` text DEFAULT '{}',
	`priority` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
--> statement-breakpoint
CREATE TABLE `social_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text,
	`content` text,
	`media_urls` text,
	`status` text,
	`scheduled_for` text,
	`published_at` text,
	`post_url` text,
	`engagement` text,
	`created_by` text,
	`metadata` text DEFAULT '{}',
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
--> statement-breakpoint
CREATE TABLE `newsletter_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text,
	`subject_line` text,
	`preview_text` text,
	`content` text,
	`html_content` text,
	`status` text,
	`scheduled_for` text,
	`sent_at` text,
	`recipient_count` integer,
	`open_rate` real,
	`click_rate` real,
	`ai_suggestions` text,
	`created_by` text,
	`data` text,
	`metadata` text DEFAULT '{}',
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
--> statement-breakpoint
CREATE TABLE `influencer_opportunities` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`platform` text,
	`handle` text,
	`follower_count` integer,
	`engagement_rate` real,
	`niche` text,
	`status` text,
	`outreach_date` text,
	`response_date` text,
	`campaign_start` text,
	`campaign_end` text,
	`budget_allocated` real,
	`budget_spent` real,
	`deliverables` text,
	`performance_metrics` text,
	`notes` text,
	`managed_by` text,
	`data` text,
	`metadata` text DEFAULT '{}',
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
--> statement-breakpoint
CREATE TABLE `outreach_tracking` (
	`id` text PRIMARY KEY NOT NULL,
	`influencer_id` text,
	`channel` text,
	`message_sent` text,
	`status` text,
	`sent_at` text,
	`opened_at` text,
	`replied_at` text,
	`metadata` text DEFAULT '{}',
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
--> statement-breakpoint
CREATE INDEX `idx_outreach_tracking_influencer` ON `outreach_tracking` (`influencer_id`);
--> statement-breakpoint
-- What the remote last held for each content row sync keeps (md5 of the remote row), so a round
-- re-reads only rows that changed and notices rows deleted on the remote.
CREATE TABLE `sync_content` (
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`remote_hash` text,
	`seen_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`table_name`, `row_id`)
);
--> statement-breakpoint
-- Write-backs (execution results on content rows) go through the same outbox as task changes:
-- queued in the transaction that completes the task, only once sync is enabled, never for rows
-- the sync itself applies from the remote.
CREATE TRIGGER `sync_outbox_email_logs_insert` AFTER INSERT ON `email_logs`
FOR EACH ROW WHEN (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  VALUES ('email_logs', NEW.`id`, 'insert', '[]', json_object('id', NEW.`id`, 'gmail_message_id', NEW.`gmail_message_id`, 'from_email', NEW.`from_email`, 'to_email', NEW.`to_email`, 'subject', NEW.`subject`, 'category', NEW.`category`, 'status', NEW.`status`, 'handled_by', NEW.`handled_by`, 'payload', NEW.`payload`, 'metadata', NEW.`metadata`, 'priority', NEW.`priority`, 'created_at', NEW.`created_at`, 'updated_at', NEW.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_email_logs_update` AFTER UPDATE ON `email_logs`
FOR EACH ROW WHEN (NEW.`gmail_message_id` IS NOT OLD.`gmail_message_id` OR NEW.`from_email` IS NOT OLD.`from_email` OR NEW.`to_email` IS NOT OLD.`to_email` OR NEW.`subject` IS NOT OLD.`subject` OR NEW.`category` IS NOT OLD.`category` OR NEW.`status` IS NOT OLD.`status` OR NEW.`handled_by` IS NOT OLD.`handled_by` OR NEW.`payload` IS NOT OLD.`payload` OR NEW.`metadata` IS NOT OLD.`metadata` OR NEW.`priority` IS NOT OLD.`priority` OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`updated_at` IS NOT OLD.`updated_at`) AND (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  SELECT 'email_logs', NEW.`id`, 'update', json_group_array(c), json_group_object(c, v) FROM (
    SELECT 'gmail_message_id' AS c, NEW.`gmail_message_id` AS v WHERE NEW.`gmail_message_id` IS NOT OLD.`gmail_message_id`
    UNION ALL SELECT 'from_email' AS c, NEW.`from_email` AS v WHERE NEW.`from_email` IS NOT OLD.`from_email`
    UNION ALL SELECT 'to_email' AS c, NEW.`to_email` AS v WHERE NEW.`to_email` IS NOT OLD.`to_email`
    UNION ALL SELECT 'subject' AS c, NEW.`subject` AS v WHERE NEW.`subject` IS NOT OLD.`subject`
    UNION ALL SELECT 'category' AS c, NEW.`category` AS v WHERE NEW.`category` IS NOT OLD.`category`
    UNION ALL SELECT 'status' AS c, NEW.`status` AS v WHERE NEW.`status` IS NOT OLD.`status`
    UNION ALL SELECT 'handled_by' AS c, NEW.`handled_by` AS v WHERE NEW.`handled_by` IS NOT OLD.`handled_by`
    UNION ALL SELECT 'payload' AS c, NEW.`payload` AS v WHERE NEW.`payload` IS NOT OLD.`payload`
    UNION ALL SELECT 'metadata' AS c, NEW.`metadata` AS v WHERE NEW.`metadata` IS NOT OLD.`metadata`
    UNION ALL SELECT 'priority' AS c, NEW.`priority` AS v WHERE NEW.`priority` IS NOT OLD.`priority`
    UNION ALL SELECT 'created_at' AS c, NEW.`created_at` AS v WHERE NEW.`created_at` IS NOT OLD.`created_at`
    UNION ALL SELECT 'updated_at' AS c, NEW.`updated_at` AS v WHERE NEW.`updated_at` IS NOT OLD.`updated_at`
  );
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_social_posts_insert` AFTER INSERT ON `social_posts`
FOR EACH ROW WHEN (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  VALUES ('social_posts', NEW.`id`, 'insert', '[]', json_object('id', NEW.`id`, 'platform', NEW.`platform`, 'content', NEW.`content`, 'media_urls', NEW.`media_urls`, 'status', NEW.`status`, 'scheduled_for', NEW.`scheduled_for`, 'published_at', NEW.`published_at`, 'post_url', NEW.`post_url`, 'engagement', NEW.`engagement`, 'created_by', NEW.`created_by`, 'metadata', NEW.`metadata`, 'created_at', NEW.`created_at`, 'updated_at', NEW.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_social_posts_update` AFTER UPDATE ON `social_posts`
FOR EACH ROW WHEN (NEW.`platform` IS NOT OLD.`platform` OR NEW.`content` IS NOT OLD.`content` OR NEW.`media_urls` IS NOT OLD.`media_urls` OR NEW.`status` IS NOT OLD.`status` OR NEW.`scheduled_for` IS NOT OLD.`scheduled_for` OR NEW.`published_at` IS NOT OLD.`published_at` OR NEW.`post_url` IS NOT OLD.`post_url` OR NEW.`engagement` IS NOT OLD.`engagement` OR NEW.`created_by` IS NOT OLD.`created_by` OR NEW.`metadata` IS NOT OLD.`metadata` OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`updated_at` IS NOT OLD.`updated_at`) AND (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  SELECT 'social_posts', NEW.`id`, 'update', json_group_array(c), json_group_object(c, v) FROM (
    SELECT 'platform' AS c, NEW.`platform` AS v WHERE NEW.`platform` IS NOT OLD.`platform`
    UNION ALL SELECT 'content' AS c, NEW.`content` AS v WHERE NEW.`content` IS NOT OLD.`content`
    UNION ALL SELECT 'media_urls' AS c, NEW.`media_urls` AS v WHERE NEW.`media_urls` IS NOT OLD.`media_urls`
    UNION ALL SELECT 'status' AS c, NEW.`status` AS v WHERE NEW.`status` IS NOT OLD.`status`
    UNION ALL SELECT 'scheduled_for' AS c, NEW.`scheduled_for` AS v WHERE NEW.`scheduled_for` IS NOT OLD.`scheduled_for`
    UNION ALL SELECT 'published_at' AS c, NEW.`published_at` AS v WHERE NEW.`published_at` IS NOT OLD.`published_at`
    UNION ALL SELECT 'post_url' AS c, NEW.`post_url` AS v WHERE NEW.`post_url` IS NOT OLD.`post_url`
    UNION ALL SELECT 'engagement' AS c, NEW.`engagement` AS v WHERE NEW.`engagement` IS NOT OLD.`engagement`
    UNION ALL SELECT 'created_by' AS c, NEW.`created_by` AS v WHERE NEW.`created_by` IS NOT OLD.`created_by`
    UNION ALL SELECT 'metadata' AS c, NEW.`metadata` AS v WHERE NEW.`metadata` IS NOT OLD.`metadata`
    UNION ALL SELECT 'created_at' AS c, NEW.`created_at` AS v WHERE NEW.`created_at` IS NOT OLD.`created_at`
    UNION ALL SELECT 'updated_at' AS c, NEW.`updated_at` AS v WHERE NEW.`updated_at` IS NOT OLD.`updated_at`
  );
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_newsletter_drafts_insert` AFTER INSERT ON `newsletter_drafts`
FOR EACH ROW WHEN (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  VALUES ('newsletter_drafts', NEW.`id`, 'insert', '[]', json_object('id', NEW.`id`, 'title', NEW.`title`, 'subject_line', NEW.`subject_line`, 'preview_text', NEW.`preview_text`, 'content', NEW.`content`, 'html_content', NEW.`html_content`, 'status', NEW.`status`, 'scheduled_for', NEW.`scheduled_for`, 'sent_at', NEW.`sent_at`, 'recipient_count', NEW.`recipient_count`, 'open_rate', NEW.`open_rate`, 'click_rate', NEW.`click_rate`, 'ai_suggestions', NEW.`ai_suggestions`, 'created_by', NEW.`created_by`, 'data', NEW.`data`, 'metadata', NEW.`metadata`, 'created_at', NEW.`created_at`, 'updated_at', NEW.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_newsletter_drafts_update` AFTER UPDATE ON `newsletter_drafts`
FOR EACH ROW WHEN (NEW.`title` IS NOT OLD.`title` OR NEW.`subject_line` IS NOT OLD.`subject_line` OR NEW.`preview_text` IS NOT OLD.`preview_text` OR NEW.`content` IS NOT OLD.`content` OR NEW.`html_content` IS NOT OLD.`html_content` OR NEW.`status` IS NOT OLD.`status` OR NEW.`scheduled_for` IS NOT OLD.`scheduled_for` OR NEW.`sent_at` IS NOT OLD.`sent_at` OR NEW.`recipient_count` IS NOT OLD.`recipient_count` OR NEW.`open_rate` IS NOT OLD.`open_rate` OR NEW.`click_rate` IS NOT OLD.`click_rate` OR NEW.`ai_suggestions` IS NOT OLD.`ai_suggestions` OR NEW.`created_by` IS NOT OLD.`created_by` OR NEW.`data` IS NOT OLD.`data` OR NEW.`metadata` IS NOT OLD.`metadata` OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`updated_at` IS NOT OLD.`updated_at`) AND (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  SELECT 'newsletter_drafts', NEW.`id`, 'update', json_group_array(c), json_group_object(c, v) FROM (
    SELECT 'title' AS c, NEW.`title` AS v WHERE NEW.`title` IS NOT OLD.`title`
    UNION ALL SELECT 'subject_line' AS c, NEW.`subject_line` AS v WHERE NEW.`subject_line` IS NOT OLD.`subject_line`
    UNION ALL SELECT 'preview_text' AS c, NEW.`preview_text` AS v WHERE NEW.`preview_text` IS NOT OLD.`preview_text`
    UNION ALL SELECT 'content' AS c, NEW.`content` AS v WHERE NEW.`content` IS NOT OLD.`content`
    UNION ALL SELECT 'html_content' AS c, NEW.`html_content` AS v WHERE NEW.`html_content` IS NOT OLD.`html_content`
    UNION ALL SELECT 'status' AS c, NEW.`status` AS v WHERE NEW.`status` IS NOT OLD.`status`
    UNION ALL SELECT 'scheduled_for' AS c, NEW.`scheduled_for` AS v WHERE NEW.`scheduled_for` IS NOT OLD.`scheduled_for`
    UNION ALL SELECT 'sent_at' AS c, NEW.`sent_at` AS v WHERE NEW.`sent_at` IS NOT OLD.`sent_at`
    UNION ALL SELECT 'recipient_count' AS c, NEW.`recipient_count` AS v WHERE NEW.`recipient_count` IS NOT OLD.`recipient_count`
    UNION ALL SELECT 'open_rate' AS c, NEW.`open_rate` AS v WHERE NEW.`open_rate` IS NOT OLD.`open_rate`
    UNION ALL SELECT 'click_rate' AS c, NEW.`click_rate` AS v WHERE NEW.`click_rate` IS NOT OLD.`click_rate`
    UNION ALL SELECT 'ai_suggestions' AS c, NEW.`ai_suggestions` AS v WHERE NEW.`ai_suggestions` IS NOT OLD.`ai_suggestions`
    UNION ALL SELECT 'created_by' AS c, NEW.`created_by` AS v WHERE NEW.`created_by` IS NOT OLD.`created_by`
    UNION ALL SELECT 'data' AS c, NEW.`data` AS v WHERE NEW.`data` IS NOT OLD.`data`
    UNION ALL SELECT 'metadata' AS c, NEW.`metadata` AS v WHERE NEW.`metadata` IS NOT OLD.`metadata`
    UNION ALL SELECT 'created_at' AS c, NEW.`created_at` AS v WHERE NEW.`created_at` IS NOT OLD.`created_at`
    UNION ALL SELECT 'updated_at' AS c, NEW.`updated_at` AS v WHERE NEW.`updated_at` IS NOT OLD.`updated_at`
  );
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_influencer_opportunities_insert` AFTER INSERT ON `influencer_opportunities`
FOR EACH ROW WHEN (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  VALUES ('influencer_opportunities', NEW.`id`, 'insert', '[]', json_object('id', NEW.`id`, 'name', NEW.`name`, 'platform', NEW.`platform`, 'handle', NEW.`handle`, 'follower_count', NEW.`follower_count`, 'engagement_rate', NEW.`engagement_rate`, 'niche', NEW.`niche`, 'status', NEW.`status`, 'outreach_date', NEW.`outreach_date`, 'response_date', NEW.`response_date`, 'campaign_start', NEW.`campaign_start`, 'campaign_end', NEW.`campaign_end`, 'budget_allocated', NEW.`budget_allocated`, 'budget_spent', NEW.`budget_spent`, 'deliverables', NEW.`deliverables`, 'performance_metrics', NEW.`performance_metrics`, 'notes', NEW.`notes`, 'managed_by', NEW.`managed_by`, 'data', NEW.`data`, 'metadata', NEW.`metadata`, 'created_at', NEW.`created_at`, 'updated_at', NEW.`updated_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_influencer_opportunities_update` AFTER UPDATE ON `influencer_opportunities`
FOR EACH ROW WHEN (NEW.`name` IS NOT OLD.`name` OR NEW.`platform` IS NOT OLD.`platform` OR NEW.`handle` IS NOT OLD.`handle` OR NEW.`follower_count` IS NOT OLD.`follower_count` OR NEW.`engagement_rate` IS NOT OLD.`engagement_rate` OR NEW.`niche` IS NOT OLD.`niche` OR NEW.`status` IS NOT OLD.`status` OR NEW.`outreach_date` IS NOT OLD.`outreach_date` OR NEW.`response_date` IS NOT OLD.`response_date` OR NEW.`campaign_start` IS NOT OLD.`campaign_start` OR NEW.`campaign_end` IS NOT OLD.`campaign_end` OR NEW.`budget_allocated` IS NOT OLD.`budget_allocated` OR NEW.`budget_spent` IS NOT OLD.`budget_spent` OR NEW.`deliverables` IS NOT OLD.`deliverables` OR NEW.`performance_metrics` IS NOT OLD.`performance_metrics` OR NEW.`notes` IS NOT OLD.`notes` OR NEW.`managed_by` IS NOT OLD.`managed_by` OR NEW.`data` IS NOT OLD.`data` OR NEW.`metadata` IS NOT OLD.`metadata` OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`updated_at` IS NOT OLD.`updated_at`) AND (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  SELECT 'influencer_opportunities', NEW.`id`, 'update', json_group_array(c), json_group_object(c, v) FROM (
    SELECT 'name' AS c, NEW.`name` AS v WHERE NEW.`name` IS NOT OLD.`name`
    UNION ALL SELECT 'platform' AS c, NEW.`platform` AS v WHERE NEW.`platform` IS NOT OLD.`platform`
    UNION ALL SELECT 'handle' AS c, NEW.`handle` AS v WHERE NEW.`handle` IS NOT OLD.`handle`
    UNION ALL SELECT 'follower_count' AS c, NEW.`follower_count` AS v WHERE NEW.`follower_count` IS NOT OLD.`follower_count`
    UNION ALL SELECT 'engagement_rate' AS c, NEW.`engagement_rate` AS v WHERE NEW.`engagement_rate` IS NOT OLD.`engagement_rate`
    UNION ALL SELECT 'niche' AS c, NEW.`niche` AS v WHERE NEW.`niche` IS NOT OLD.`niche`
    UNION ALL SELECT 'status' AS c, NEW.`status` AS v WHERE NEW.`status` IS NOT OLD.`status`
    UNION ALL SELECT 'outreach_date' AS c, NEW.`outreach_date` AS v WHERE NEW.`outreach_date` IS NOT OLD.`outreach_date`
    UNION ALL SELECT 'response_date' AS c, NEW.`response_date` AS v WHERE NEW.`response_date` IS NOT OLD.`response_date`
    UNION ALL SELECT 'campaign_start' AS c, NEW.`campaign_start` AS v WHERE NEW.`campaign_start` IS NOT OLD.`campaign_start`
    UNION ALL SELECT 'campaign_end' AS c, NEW.`campaign_end` AS v WHERE NEW.`campaign_end` IS NOT OLD.`campaign_end`
    UNION ALL SELECT 'budget_allocated' AS c, NEW.`budget_allocated` AS v WHERE NEW.`budget_allocated` IS NOT OLD.`budget_allocated`
    UNION ALL SELECT 'budget_spent' AS c, NEW.`budget_spent` AS v WHERE NEW.`budget_spent` IS NOT OLD.`budget_spent`
    UNION ALL SELECT 'deliverables' AS c, NEW.`deliverables` AS v WHERE NEW.`deliverables` IS NOT OLD.`deliverables`
    UNION ALL SELECT 'performance_metrics' AS c, NEW.`performance_metrics` AS v WHERE NEW.`performance_metrics` IS NOT OLD.`performance_metrics`
    UNION ALL SELECT 'notes' AS c, NEW.`notes` AS v WHERE NEW.`notes` IS NOT OLD.`notes`
    UNION ALL SELECT 'managed_by' AS c, NEW.`managed_by` AS v WHERE NEW.`managed_by` IS NOT OLD.`managed_by`
    UNION ALL SELECT 'data' AS c, NEW.`data` AS v WHERE NEW.`data` IS NOT OLD.`data`
    UNION ALL SELECT 'metadata' AS c, NEW.`metadata` AS v WHERE NEW.`metadata` IS NOT OLD.`metadata`
    UNION ALL SELECT 'created_at' AS c, NEW.`created_at` AS v WHERE NEW.`created_at` IS NOT OLD.`created_at`
    UNION ALL SELECT 'updated_at' AS c, NEW.`updated_at` AS v WHERE NEW.`updated_at` IS NOT OLD.`updated_at`
  );
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_outreach_tracking_insert` AFTER INSERT ON `outreach_tracking`
FOR EACH ROW WHEN (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  VALUES ('outreach_tracking', NEW.`id`, 'insert', '[]', json_object('id', NEW.`id`, 'influencer_id', NEW.`influencer_id`, 'channel', NEW.`channel`, 'message_sent', NEW.`message_sent`, 'status', NEW.`status`, 'sent_at', NEW.`sent_at`, 'opened_at', NEW.`opened_at`, 'replied_at', NEW.`replied_at`, 'metadata', NEW.`metadata`, 'created_at', NEW.`created_at`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_outbox_outreach_tracking_update` AFTER UPDATE ON `outreach_tracking`
FOR EACH ROW WHEN (NEW.`influencer_id` IS NOT OLD.`influencer_id` OR NEW.`channel` IS NOT OLD.`channel` OR NEW.`message_sent` IS NOT OLD.`message_sent` OR NEW.`status` IS NOT OLD.`status` OR NEW.`sent_at` IS NOT OLD.`sent_at` OR NEW.`opened_at` IS NOT OLD.`opened_at` OR NEW.`replied_at` IS NOT OLD.`replied_at` OR NEW.`metadata` IS NOT OLD.`metadata` OR NEW.`created_at` IS NOT OLD.`created_at`) AND (SELECT `value` FROM `sync_state` WHERE `key` = 'outbox_enabled') = '1' AND coalesce((SELECT `value` FROM `sync_state` WHERE `key` = 'applying_remote'), '0') = '0'
BEGIN
  INSERT INTO `sync_outbox` (`entity`, `entity_id`, `op`, `changed`, `payload`)
  SELECT 'outreach_tracking', NEW.`id`, 'update', json_group_array(c), json_group_object(c, v) FROM (
    SELECT 'influencer_id' AS c, NEW.`influencer_id` AS v WHERE NEW.`influencer_id` IS NOT OLD.`influencer_id`
    UNION ALL SELECT 'channel' AS c, NEW.`channel` AS v WHERE NEW.`channel` IS NOT OLD.`channel`
    UNION ALL SELECT 'message_sent' AS c, NEW.`message_sent` AS v WHERE NEW.`message_sent` IS NOT OLD.`message_sent`
    UNION ALL SELECT 'status' AS c, NEW.`status` AS v WHERE NEW.`status` IS NOT OLD.`status`
    UNION ALL SELECT 'sent_at' AS c, NEW.`sent_at` AS v WHERE NEW.`sent_at` IS NOT OLD.`sent_at`
    UNION ALL SELECT 'opened_at' AS c, NEW.`opened_at` AS v WHERE NEW.`opened_at` IS NOT OLD.`opened_at`
    UNION ALL SELECT 'replied_at' AS c, NEW.`replied_at` AS v WHERE NEW.`replied_at` IS NOT OLD.`replied_at`
    UNION ALL SELECT 'metadata' AS c, NEW.`metadata` AS v WHERE NEW.`metadata` IS NOT OLD.`metadata`
    UNION ALL SELECT 'created_at' AS c, NEW.`created_at` AS v WHERE NEW.`created_at` IS NOT OLD.`created_at`
  );
END;
