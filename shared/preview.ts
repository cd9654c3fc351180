/**
 * What a handler would send or change, exactly: shown in the approvals inbox and recorded as the
 * request preview of every execution (dry-run or real).
 */
import { z } from 'zod';

const emailDetail = z.object({
  kind: z.literal('email'),
  from: z.string().nullable(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  text: z.string().nullable(),
  html: z.string().nullable(),
  threadId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  draftId: z.string().nullable(),
  scheduledFor: z.string().nullable(),
});

const socialPostDetail = z.object({
  kind: z.literal('social_post'),
  platform: z.string(),
  text: z.string(),
  characterCount: z.number().int(),
  characterLimit: z.number().int().nullable(),
  mediaUrls: z.array(z.string()),
  postId: z.string().nullable(),
  /** As whom it is posted ("@AudicoSA", "Audico (Facebook page)"); null when not connected. */
  accountName: z.string().nullable().optional(),
  /** 'weighted': X's count (links 23, emoji and CJK 2); 'characters' elsewhere. */
  countKind: z.enum(['weighted', 'characters']).optional(),
  /** Each post of an X thread, in order, with its own count (one entry for a single post). */
  parts: z.array(z.object({ text: z.string(), count: z.number().int() })).optional(),
  /** The media in order with alt text ('' when none). */
  media: z.array(z.object({ url: z.string(), alt: z.string() })).optional(),
  mediaType: z.enum(['image', 'video', 'reel']).optional(),
  replyTo: z.string().nullable().optional(),
  link: z.string().nullable().optional(),
  scheduledFor: z.string().nullable().optional(),
});

/** A Brevo list as read live for the approval: both of Brevo's counts and the blacklisted contacts. */
export const newsletterListSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  totalSubscribers: z.number().int(),
  uniqueSubscribers: z.number().int(),
  totalBlacklisted: z.number().int(),
});
export type NewsletterList = z.infer<typeof newsletterListSchema>;

/** A sent campaign's status and statistics, read from Brevo after the send (task detail). */
export const campaignReportSchema = z.object({
  campaignId: z.number().int(),
  status: z.string(),
  sent: z.number().int().nullable(),
  delivered: z.number().int().nullable(),
  opens: z.number().int().nullable(),
  clicks: z.number().int().nullable(),
  unsubscribes: z.number().int().nullable(),
  openRate: z.number().nullable(),
  clickRate: z.number().nullable(),
  checkedAt: z.string(),
});
export type CampaignReport = z.infer<typeof campaignReportSchema>;

const newsletterDetail = z.object({
  kind: z.literal('newsletter'),
  subject: z.string().nullable(),
  recipientCount: z.number().int().nullable(),
  draftId: z.string().nullable(),
  /** The e-mail body exactly as sent; the dashboard renders it in a sandboxed frame. */
  html: z.string().nullable(),
  previewText: z.string().nullable().optional(),
  sender: z.object({ email: z.string(), name: z.string().nullable() }).nullable().optional(),
  /** Requested list ids (empty: the connection's default list). */
  listIds: z.array(z.number().int()).optional(),
  /** The lists with their counts, read live from Brevo (null when they could not be read). */
  lists: z.array(newsletterListSchema).nullable().optional(),
  scheduledFor: z.string().nullable().optional(),
  /** After the send: the campaign's status and statistics. */
  campaign: campaignReportSchema.nullable().optional(),
  /** The "Send me a test" action applies (newsletters:send-test). */
  canSendTest: z.boolean().optional(),
});

const seoChangeDetail = z.object({
  kind: z.literal('seo_change'),
  changeType: z.string(),
  productIds: z.array(z.union([z.string(), z.number()])),
  changes: z.array(z.object({ productId: z.union([z.string(), z.number()]), field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  /** Read live from the shop (OpenCart): which shop, e.g. "OpenCart 3.x (seo_url.query, MyISAM) …". */
  shop: z.string().nullable().optional(),
  /**
   * The before/after table, one entry per product, with the current values read from the shop (the
   * agent's "before" is never shown). Values as a visitor sees them; lengths as OpenCart stores them
   * (HTML-encoded) against OpenCart's limit.
   */
  products: z
    .array(
      z.object({
        productId: z.number(),
        name: z.string().nullable(),
        links: z.array(z.string()),
        rows: z.array(
          z.object({
            field: z.string(),
            language: z.string().nullable(),
            store: z.number().nullable(),
            current: z.string().nullable(),
            next: z.string(),
            length: z.number().nullable(),
            limit: z.object({ min: z.number(), max: z.number() }).nullable(),
            problem: z.string().nullable(),
          }),
        ),
      }),
    )
    .optional(),
});

/**
 * A Google Ads change (adjust_bid, set_budget, pause_campaign, enable_campaign). `live`: the
 * names and current values were read from Google when the preview was built; otherwise only what
 * the task says is known. Money is formatted in the account's currency and rounded to its billable
 * unit; the micros are what is sent.
 */
const adsChangeDetail = z.object({
  kind: z.literal('ads_change'),
  action: z.enum(['adjust_bid', 'set_budget', 'pause_campaign', 'enable_campaign']),
  live: z.boolean(),
  customerId: z.string().nullable(),
  currency: z.string().nullable(),
  campaign: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  adGroup: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  keyword: z.object({ id: z.string(), text: z.string().nullable(), matchType: z.string().nullable() }).nullable(),
  budget: z.object({ id: z.string(), name: z.string().nullable(), shared: z.boolean() }).nullable(),
  /** What changes: a max CPC bid, a daily budget or a campaign's status. */
  value: z.enum(['bid', 'budget', 'status']),
  /** What the task asks for, as written ("+15 %", "R 4.50", "PAUSED"). */
  requested: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  beforeMicros: z.string().nullable(),
  afterMicros: z.string().nullable(),
  change: z.string().nullable(),
  changePercent: z.number().nullable(),
  /** Campaigns sharing the budget (explicitly_shared, reference_count > 1). */
  sharedWith: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
  /** Every impact cap checked, with its limit and this change's value. */
  caps: z.array(z.object({ name: z.string(), label: z.string(), limit: z.string(), actual: z.string(), ok: z.boolean() })),
  /** Said on every ads preview: rollback sets the old value back, spend cannot be taken back. */
  irreversible: z.string(),
});

const genericDetail = z.object({
  kind: z.literal('generic'),
  fields: z.record(z.string(), z.unknown()),
});

export const previewDetailSchema = z.discriminatedUnion('kind', [
  emailDetail,
  socialPostDetail,
  newsletterDetail,
  seoChangeDetail,
  adsChangeDetail,
  genericDetail,
]);
export type PreviewDetail = z.infer<typeof previewDetailSchema>;

export const executionPreviewSchema = z.object({
  /** Channel id: gmail, x, meta, brevo, opencart, google-ads. */
  channel: z.string(),
  /** What will happen, in one line ("Send draft r-123 to jo@example.com"). */
  summary: z.string(),
  detail: previewDetailSchema,
  /**
   * What stops this task from running, found when the preview was built or loaded live (an
   * Instagram caption over 2,200 characters, a duplicate SEO keyword, a bid beyond an impact cap).
   * A task with problems cannot be approved until they are fixed; `field` names the metadata path.
   */
  problems: z.array(z.object({ field: z.string().nullable(), message: z.string() })).optional(),
  /** Worth reading before approving, but not blocking (a budget shared by three campaigns). */
  warnings: z.array(z.string()).optional(),
});
export type ExecutionPreview = z.infer<typeof executionPreviewSchema>;
