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

const newsletterDetail = z.object({
  kind: z.literal('newsletter'),
  subject: z.string().nullable(),
  recipientCount: z.number().int().nullable(),
  draftId: z.string().nullable(),
  html: z.string().nullable(),
});

const seoChangeDetail = z.object({
  kind: z.literal('seo_change'),
  changeType: z.string(),
  productIds: z.array(z.union([z.string(), z.number()])),
  changes: z.array(z.object({ productId: z.union([z.string(), z.number()]), field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});

const bidChangeDetail = z.object({
  kind: z.literal('bid_change'),
  campaign: z.string().nullable(),
  oldBid: z.number().nullable(),
  newBid: z.number().nullable(),
  changePercent: z.number(),
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
  bidChangeDetail,
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
