/**
 * Executor settings: stored in agent_configs (one key each), overridable by environment variables.
 * First-start defaults are the safe ones: dry-run on, auto execution off.
 */
import { z } from 'zod';
import { digestSettingsSchema, defaultDigestSettings } from './digest';
import { limitKeys, type LimitKey } from './domain';
import { defaultQuietHours, defaultSendSchedule, quietHoursSchema, sendScheduleSchema } from './send-schedule';
import { strictInput } from './strict-input';
import { defaultTimeZone, isValidTimeZone } from './zoned-time';

export const unmatchedPolicies = ['follow_flag', 'require_approval', 'auto_execute'] as const;

export const retryPolicySchema = z.object({
  /** Attempts before escalation. Default: 3. */
  maxAttempts: z.number().int().min(1).max(20),
  /** First backoff; doubles each attempt (1 s, 2 s, 4 s, ...). Default: 1000 ms. */
  baseDelayMs: z.number().int().min(0).max(3_600_000),
  /** Upper bound on a single backoff or a provider's Retry-After. Default: 1 h. */
  maxDelayMs: z.number().int().min(0).max(86_400_000),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const dailyLimitsSchema = z.object(
  Object.fromEntries(limitKeys.map((key) => [key, z.number().int().min(0).max(1_000_000)])) as Record<
    LimitKey,
    z.ZodNumber
  >,
);
export type DailyLimits = z.infer<typeof dailyLimitsSchema>;

/**
 * Impact caps on Google Ads changes: a change beyond one is refused before approval with the cap's
 * name, never clipped. Money is in the account's currency (ZAR for Audico).
 */
export const adsCapsSchema = z.object({
  /** Largest single change of a bid or budget, in percent. Default: 25. */
  maxChangePercent: z.number().min(0).max(1000),
  /** Largest total change of one bid or budget within a rolling 24 h (this app's changes), in percent. Default: 50. */
  maxDailyChangePercent: z.number().min(0).max(10_000),
  /** Lowest max CPC bid a change may set. Default: 0.50. */
  bidFloor: z.number().min(0),
  /** Highest max CPC bid a change may set. Default: 100. */
  bidCeiling: z.number().min(0),
  /** Lowest daily budget a change may set. Default: 50. */
  budgetFloor: z.number().min(0),
  /** Highest daily budget a change may set. Default: 5,000. */
  budgetCeiling: z.number().min(0),
  /** Most entities one task may change (a shared budget counts each campaign it funds). Default: 5. */
  maxEntitiesPerTask: z.number().int().min(1).max(1000),
  /**
   * The currency the caps are written in, and the one bids and budgets are shown in before Google
   * Ads has been read (not connected); a preview read from Google shows the account's own.
   * Default: ZAR (Audico).
   */
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code (ZAR)').default('ZAR'),
});
export type AdsCaps = z.infer<typeof adsCapsSchema>;

export const defaultAdsCaps: AdsCaps = {
  maxChangePercent: 25,
  maxDailyChangePercent: 50,
  bidFloor: 0.5,
  bidCeiling: 100,
  budgetFloor: 50,
  budgetCeiling: 5000,
  maxEntitiesPerTask: 5,
  currency: 'ZAR',
};

export const settingsSchema = z.object({
  /** Master switch (ENABLE_AUTO_EXECUTION). Off: nothing executes; a poll reports what would. */
  autoExecution: z.boolean(),
  /** AGENT_DRY_RUN: handlers produce previews and send nothing; tasks still transition. */
  dryRun: z.boolean(),
  /** agent_configs.global_pause: stops all execution within a second; survives restarts. */
  globalPause: z.boolean(),
  /** Poll interval. Default: 2 minutes. */
  pollIntervalMs: z.number().int().min(1_000).max(86_400_000),
  retry: retryPolicySchema,
  /** Rolling 24 h limits per channel. */
  dailyLimits: dailyLimitsSchema,
  /** Tasks no approval rule covers: follow the task's requires_approval flag (default), ask, or run. */
  unmatchedPolicy: z.enum(unmatchedPolicies),
  /** How long a claim is held before another executor may recover it. Default: 10 minutes. */
  leaseMs: z.number().int().min(5_000).max(86_400_000),
  /** Native notifications for approvals and escalations (desktop app). */
  notificationsEnabled: z.boolean(),
  /** Where urgent alerts are e-mailed (ALERT_EMAIL). */
  alertEmail: z.string().email().nullable(),
  /** Google Ads impact caps (see adsCapsSchema). */
  adsCaps: adsCapsSchema,
  /** The shop's IANA time zone for send windows, quiet hours and the digest. Default: Africa/Johannesburg. */
  timeZone: z.string().trim().min(1).max(100).refine(isValidTimeZone, 'unknown time zone (expected an IANA name like Africa/Johannesburg)'),
  /** When each channel may send (shared/send-schedule.ts). Default: any time. */
  sendSchedule: sendScheduleSchema,
  /** Kenny's quiet hours for desktop notifications. Default: off (21:00-07:00 when turned on). */
  quietHours: quietHoursSchema,
  /** The daily digest (shared/digest.ts). Default: on at 18:00, e-mailed when Gmail is connected. */
  digest: digestSettingsSchema,
  /**
   * Trust that grows: after this many approvals of one kind of task without changes (and no
   * rejection or edit since), the app suggests an auto-execute rule for it. Default: 20.
   */
  trustThreshold: z.number().int().min(2).max(1000),
  /** Duplicate guard: how far back a task is compared with earlier tasks of its channel. Default: 7 days. */
  duplicateWindowDays: z.number().int().min(1).max(90),
  /** Duplicate guard: texts at least this similar (character-trigram Jaccard, 0-1) are likely duplicates. Default: 0.8. */
  duplicateSimilarity: z.number().min(0.5).max(1),
  /**
   * Undo window after an approval in the dashboard: the task does not run before it ends (kept as
   * the task's not_before, so a restart respects it). 0 turns it off. Default: 10 seconds.
   */
  approvalUndoSeconds: z.number().int().min(0).max(600),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;
/** A partial update; unknown fields are refused at every level (retry, dailyLimits included). */
export const settingsPatchSchema = strictInput({
  ...settingsSchema.shape,
  retry: strictInput(retryPolicySchema.shape),
  dailyLimits: strictInput(dailyLimitsSchema.shape),
}).partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const defaultDailyLimits: DailyLimits = {
  task_executor: 720,
  email_send: 50,
  social_publish: 20,
  newsletter_send: 1,
  influencer_outreach: 10,
  seo_bulk_apply: 5,
};

export const defaultSettings: Settings = {
  autoExecution: false,
  dryRun: true,
  globalPause: false,
  pollIntervalMs: 120_000,
  retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 3_600_000 },
  dailyLimits: defaultDailyLimits,
  unmatchedPolicy: 'follow_flag',
  leaseMs: 600_000,
  notificationsEnabled: true,
  alertEmail: null,
  adsCaps: defaultAdsCaps,
  timeZone: defaultTimeZone,
  sendSchedule: defaultSendSchedule,
  quietHours: defaultQuietHours,
  digest: defaultDigestSettings,
  trustThreshold: 20,
  duplicateWindowDays: 7,
  duplicateSimilarity: 0.8,
  approvalUndoSeconds: 10,
};

/** Environment variables that force a setting (shown as locked in the dashboard). */
export const settingEnvVars: Partial<Record<SettingKey, string>> = {
  autoExecution: 'ENABLE_AUTO_EXECUTION',
  dryRun: 'AGENT_DRY_RUN',
  pollIntervalMs: 'EXECUTOR_POLL_INTERVAL_MS',
  alertEmail: 'ALERT_EMAIL',
  adsCaps: 'GOOGLE_ADS_CAPS',
  timeZone: 'SHOP_TIME_ZONE',
};

/** agent_configs keys. global_pause is the cloud's own key; the others are ours. */
export const settingConfigKeys: Record<SettingKey, string> = {
  autoExecution: 'auto_execution_enabled',
  dryRun: 'dry_run',
  globalPause: 'global_pause',
  pollIntervalMs: 'poll_interval_ms',
  retry: 'retry_policy',
  dailyLimits: 'daily_limits',
  unmatchedPolicy: 'unmatched_policy',
  leaseMs: 'lease_ms',
  notificationsEnabled: 'notifications_enabled',
  alertEmail: 'alert_email',
  adsCaps: 'google_ads_caps',
  timeZone: 'shop_time_zone',
  sendSchedule: 'send_schedule',
  quietHours: 'quiet_hours',
  digest: 'daily_digest',
  trustThreshold: 'trust_threshold',
  duplicateWindowDays: 'duplicate_window_days',
  duplicateSimilarity: 'duplicate_similarity',
  approvalUndoSeconds: 'approval_undo_seconds',
};
