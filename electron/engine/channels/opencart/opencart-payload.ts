/**
 * The SEO Agent's task as this channel takes it: `change_type`, and `changes` with one entry per
 * product (and language; default: every language of the store) carrying the concrete new value
 * `after` (the keyword for url_rewrite, the category ids for category_move). The agent's "before"
 * values are accepted but never used: the current values are read from the shop.
 *
 * `affected_products` drives the approval rule for more than 10 products, so it must tell the
 * truth: when present it must equal the number of products in `changes`, and it is required as
 * soon as there are more than 10.
 */
import { z } from 'zod';
import { looseId, taskInputSchema } from '../payload';
import type { TaskInput } from '../types';
import { changeTypes, type ChangeType } from './opencart-rules';

export interface SeoChangeEntry {
  productId: number;
  /** Null: every enabled language of the store. */
  languageId: number | null;
  /** The new text (as typed, not yet HTML-encoded) or keyword; category ids for category_move. */
  after: string | number[];
}

export interface SeoChange {
  changeType: ChangeType;
  productIds: number[];
  changes: SeoChangeEntry[];
}

const positiveId = looseId.pipe(z.string().regex(/^\d+$/, 'must be a numeric id')).transform(Number);

const changeEntrySchema = z.strictObject({
  product_id: positiveId,
  language_id: positiveId.optional(),
  field: z.string().optional(),
  /** Never trusted; allowed so agents may send it. */
  before: z.unknown().optional(),
  after: z.union([z.string(), z.array(positiveId)]).nullable().optional(),
});

/** Max changes in one task (one per product and language). */
export const maxChanges = 2_000;

const metadataSchema = z
  .looseObject({
    action: z.string().optional(),
    change_type: z.enum(changeTypes),
    productIds: z.array(positiveId).max(maxChanges).optional(),
    affected_products: z.coerce.number().int().min(0).optional(),
    changes: z.array(changeEntrySchema, { error: 'a list of changes with the new values (after) is required' }).min(1, 'at least one change with a concrete new value').max(maxChanges),
  })
  .superRefine((metadata, context) => {
    for (const issue of changeIssues(metadata)) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

/** Parses a task into a SeoChange; failures name the field (metadata.changes.0.after: ...). */
export const seoPayloadSchema = taskInputSchema
  .extend({ metadata: metadataSchema })
  .transform(
    ({ metadata }): SeoChange => ({
      changeType: metadata.change_type,
      productIds: [...new Set(metadata.changes.map((change) => change.product_id))],
      changes: metadata.changes.map((change) => ({ productId: change.product_id, languageId: change.language_id ?? null, after: change.after as string | number[] })),
    }),
  ) as unknown as z.ZodType<SeoChange, TaskInput>;

/** Checks that metadata.changes carries concrete values; returns issues naming the field. */
export function changeIssues(metadata: Record<string, unknown>): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const type = metadata.change_type as ChangeType;
  const changes = Array.isArray(metadata.changes) ? (metadata.changes as Record<string, unknown>[]) : [];
  const seen = new Set<string>();
  changes.forEach((change, index) => {
    const at = ['changes', index];
    const after = change.after;
    if (change.field !== undefined && change.field !== type) issues.push({ path: [...at, 'field'], message: `is "${String(change.field)}" but change_type is ${type}` });
    if (type === 'category_move') {
      if (!Array.isArray(after) || after.length === 0) issues.push({ path: [...at, 'after'], message: 'category_move needs the target category ids (a non-empty list)' });
      if (change.language_id !== undefined) issues.push({ path: [...at, 'language_id'], message: 'category links have no language' });
    } else if (typeof after !== 'string' || after.trim() === '') {
      issues.push({ path: [...at, 'after'], message: `a concrete new ${type === 'url_rewrite' ? 'SEO keyword' : type} is required` });
    }
    const key = `${String(change.product_id)}/${String(change.language_id ?? '*')}`;
    if (seen.has(key)) issues.push({ path: at, message: `product ${String(change.product_id)} appears twice for the same language` });
    seen.add(key);
  });
  const products = new Set(changes.map((change) => String(change.product_id)));
  const declared = metadata.affected_products;
  if (declared !== undefined && Number(declared) !== products.size) {
    issues.push({ path: ['affected_products'], message: `says ${String(declared)} but changes cover ${products.size} products` });
  } else if (declared === undefined && products.size > 10) {
    issues.push({ path: ['affected_products'], message: `is required when more than 10 products change (${products.size}): the approval rule depends on it` });
  }
  if (Array.isArray(metadata.productIds)) {
    const listed = new Set((metadata.productIds as unknown[]).map(String));
    const differs = listed.size !== products.size || [...listed].some((id) => !products.has(id));
    if (differs) issues.push({ path: ['productIds'], message: 'lists other products than changes' });
  }
  return issues;
}
