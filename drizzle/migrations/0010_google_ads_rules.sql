-- Google Ads actions (issue 13): set_budget, pause_campaign and enable_campaign always need approval;
-- an adjust_bid with an absolute new_bid needs approval (its percent is only known from a live read).
-- Kenny's own edits win: a shipped rule is adjusted only while it is exactly as shipped.
-- Nothing happens on a database whose rules were never seeded (seeding writes the new defaults).
UPDATE `approval_rules`
SET `conditions` = '[{"field":"action","op":"in","value":["budget_change","campaign_pause","campaign_resume","pause_campaign","resume_campaign","set_budget","enable_campaign"]}]',
    `description` = 'Budget changes (set_budget) and pausing, resuming or enabling campaigns.',
    `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE `id` = 'builtin-ads-budget'
  AND `builtin` = 1
  AND `enabled` = 1
  AND `position` = 50
  AND `name` = 'Google Ads budget and campaign state changes need approval'
  AND `agent` = 'Google Ads Agent'
  AND `effect` = 'require_approval'
  AND `description` = 'Budget changes and pausing or resuming campaigns.'
  AND `conditions` = '[{"field":"action","op":"in","value":["budget_change","campaign_pause","campaign_resume","pause_campaign","resume_campaign"]}]';
--> statement-breakpoint
-- Kenny changed (or removed) the shipped rule: his rule stays as he left it, and the new actions get their own.
INSERT OR IGNORE INTO `approval_rules` (`id`, `position`, `name`, `agent`, `conditions`, `effect`, `enabled`, `description`, `builtin`)
SELECT 'builtin-ads-new-actions', 53, 'Google Ads set_budget, pause_campaign and enable_campaign need approval', 'Google Ads Agent',
  '[{"field":"action","op":"in","value":["set_budget","pause_campaign","enable_campaign"]}]', 'require_approval', 1,
  'Added for the Google Ads actions because the shipped budget rule had been edited: it was left as it was.', 1
WHERE EXISTS (SELECT 1 FROM `agent_configs` WHERE `key` = 'approval_rules_seeded')
  AND NOT EXISTS (
    SELECT 1 FROM `approval_rules` WHERE `id` = 'builtin-ads-budget' AND `enabled` = 1 AND `effect` = 'require_approval'
      AND `conditions` = '[{"field":"action","op":"in","value":["budget_change","campaign_pause","campaign_resume","pause_campaign","resume_campaign","set_budget","enable_campaign"]}]'
  );
--> statement-breakpoint
INSERT OR IGNORE INTO `approval_rules` (`id`, `position`, `name`, `agent`, `conditions`, `effect`, `enabled`, `description`, `builtin`)
SELECT 'builtin-ads-new-bid', 54, 'Google Ads bids set to an absolute amount need approval', 'Google Ads Agent',
  '[{"field":"action","op":"eq","value":"adjust_bid"},{"field":"new_bid","op":"exists"}]', 'require_approval', 1,
  'A new_bid in money: how large the change is only shows when the current bid is read.', 1
WHERE EXISTS (SELECT 1 FROM `agent_configs` WHERE `key` = 'approval_rules_seeded');
