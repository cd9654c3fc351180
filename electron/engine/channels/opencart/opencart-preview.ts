/**
 * What Kenny approves for an OpenCart task: the pure preview (what the task asks for) and the
 * live one (the before/after table read from the shop, with OpenCart's limits, links to the
 * product pages and the problems that block approval).
 */
import type { ExecutionPreview } from '../../../../shared/preview';
import type { SeoChange } from './opencart-payload';
import type { Plan } from './opencart-plan';
import { decodeOpencart, opencartLength } from './opencart-rules';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summarize(change: SeoChange): string {
  return `Change ${change.changeType.replace('_', ' ')} of ${plural(change.productIds.length, 'product')} in the OpenCart shop`;
}

/** Without the shop: the task's new values; current values are only known live. */
export function staticPreview(change: SeoChange): ExecutionPreview {
  return {
    channel: 'opencart',
    summary: summarize(change),
    detail: {
      kind: 'seo_change',
      changeType: change.changeType,
      productIds: change.productIds,
      changes: change.changes.map((entry) => ({ productId: entry.productId, field: change.changeType, before: null, after: Array.isArray(entry.after) ? entry.after.join(', ') : entry.after })),
    },
  };
}

/** Product page links: the route OpenCart always serves (4.x adds the language). */
export function productLinks(storeUrl: string | null, major: 3 | 4, productId: number, languageCodes: string[]): string[] {
  if (!storeUrl) return [];
  if (major === 3) return [`${storeUrl}index.php?route=product/product&product_id=${productId}`];
  return languageCodes.map((code) => `${storeUrl}index.php?route=product/product&language=${encodeURIComponent(code)}&product_id=${productId}`);
}

export function livePreview(change: SeoChange, plan: Plan, shop: string, storeUrl: string | null, languageCodes: string[]): ExecutionPreview {
  const base = staticPreview(change);
  const visible = (value: string | null) => (value === null ? null : decodeOpencart(value));
  const unchanged = plan.snapshot.items.length === 0 && plan.problems.length === 0;
  const warnings = [
    ...(storeUrl ? [] : ['OPENCART_STORE_URL is not set: no links to the product pages']),
    ...(unchanged ? ['The shop already holds every new value: applying now would change nothing'] : []),
  ];
  return {
    ...base,
    detail: {
      ...base.detail,
      kind: 'seo_change',
      changeType: change.changeType,
      productIds: change.productIds,
      shop,
      changes: plan.products.flatMap((product) => product.rows.map((row) => ({ productId: product.productId, field: row.field, before: visible(row.current), after: visible(row.next) }))),
      products: plan.products.map((product) => ({
        productId: product.productId,
        name: product.name === null ? null : decodeOpencart(product.name),
        links: productLinks(storeUrl, plan.snapshot.major, product.productId, languageCodes),
        rows: product.rows.map((row) => ({
          field: row.field,
          language: row.language,
          store: row.store,
          current: row.field === 'categories' ? row.current : visible(row.current),
          next: row.field === 'categories' ? row.next : decodeOpencart(row.next),
          length: row.field === 'categories' ? null : opencartLength(row.next),
          limit: row.limit,
          problem: row.problem,
        })),
      })),
    },
    problems: plan.problems,
    ...(warnings.length ? { warnings } : {}),
  };
}
