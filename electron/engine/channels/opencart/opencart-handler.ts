/**
 * The SEO Agent's catalogue changes in the OpenCart shop: action, productIds, change_type
 * (meta_description, image_alt, url_rewrite, category_move), affected_products. Not connected
 * yet: outside dry-run these fail with a clear message.
 */
import { z } from 'zod';
import { notConnectedError } from '../not-connected';
import { looseId, metadataPayload } from '../payload';
import type { ChannelHandler } from '../types';

export interface SeoChange {
  changeType: string;
  productIds: string[];
  changes: { productId: string; field: string; before: string | null; after: string | null }[];
}

const seoPayloadSchema = metadataPayload(
  {
    action: z.string().optional(),
    change_type: z.enum(['meta_description', 'image_alt', 'url_rewrite', 'category_move']),
    productIds: z.array(looseId).min(1, 'at least one product id').max(10_000),
    affected_products: z.coerce.number().int().min(0).optional(),
    changes: z
      .array(z.object({ product_id: looseId, field: z.string().optional(), before: z.string().nullable().optional(), after: z.string().nullable().optional() }))
      .optional(),
  },
  (metadata): SeoChange => ({
    changeType: metadata.change_type,
    productIds: metadata.productIds,
    changes: (metadata.changes ?? []).map((change) => ({
      productId: change.product_id,
      field: change.field ?? metadata.change_type,
      before: change.before ?? null,
      after: change.after ?? null,
    })),
  }),
);

export const opencartHandler: ChannelHandler<SeoChange> = {
  id: 'opencart',
  name: 'OpenCart',
  agent: 'SEO Agent',
  payloadSchema: seoPayloadSchema,
  limitKeys: () => ['seo_bulk_apply'],
  preview: (change) => ({
    channel: 'opencart',
    summary: `Apply ${change.changeType.replace('_', ' ')} to ${change.productIds.length} product${change.productIds.length === 1 ? '' : 's'}`,
    detail: { kind: 'seo_change', changeType: change.changeType, productIds: change.productIds, changes: change.changes },
  }),
  async execute() {
    throw notConnectedError('OpenCart', 'applying SEO changes');
  },
};
