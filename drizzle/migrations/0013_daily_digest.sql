-- The daily digest's e-mail, one row per local day (issue 15): written before the send so a day's
-- digest goes out at most once, also across restarts. Local table, never synced.
CREATE TABLE `digest_deliveries` (
	`day` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL CHECK (`status` IN ('sending', 'sent', 'failed', 'skipped', 'unknown')),
	`recipient` text,
	`error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
