/**
 * OpenCart's own rules for the values this channel writes, so the shop ends up exactly as if
 * someone had typed the value into its admin form:
 * - form input is stored HTML-encoded: OpenCart's Request class runs every POST value through
 *   trim + htmlspecialchars($value, ENT_COMPAT, 'UTF-8') (3.0 and 4.x), so & < > " are entities
 *   and ' stays as is; lengths are checked on that stored form (utf8_strlen in the admin).
 * - the admin product form requires meta_title 1-255 characters; the other texts are bounded by
 *   their columns (varchar(255)).
 * - SEO keywords: unique per store and language (admin validation), URL-safe (letters, digits,
 *   - and _), 4.x at most 64 characters (oc_validate_length($keyword, 1, 64)).
 */
import type { OcSchema } from './opencart-db';

export const textChangeTypes = ['meta_title', 'meta_description', 'meta_keyword', 'image_alt'] as const;
export const changeTypes = [...textChangeTypes, 'url_rewrite', 'category_move'] as const;
export type ChangeType = (typeof changeTypes)[number];

/** htmlspecialchars(trim($value), ENT_COMPAT, 'UTF-8') as OpenCart applies it to form input. */
export function encodeLikeOpencart(value: string): string {
  return value.trim().replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What a visitor sees of a stored value (the page prints it into HTML). */
export function decodeOpencart(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Characters as OpenCart counts them (utf8_strlen: code points). */
export const opencartLength = (value: string): number => [...value].length;

export interface LengthLimit {
  min: number;
  max: number;
}

/** The limit for a change type's stored value on this shop. */
export function limitFor(changeType: ChangeType, schema: OcSchema): LengthLimit | null {
  const column = (name: string, fallback: number) => schema.lengths[name] ?? fallback;
  switch (changeType) {
    case 'meta_title':
      return { min: 1, max: column('product_description.meta_title', 255) };
    case 'meta_description':
      return { min: 0, max: column('product_description.meta_description', 255) };
    case 'meta_keyword':
      return { min: 0, max: column('product_description.meta_keyword', 255) };
    case 'image_alt':
      return schema.altColumn ? { min: 0, max: column(`product_description.${schema.altColumn}`, 255) } : null;
    case 'url_rewrite':
      return { min: 1, max: Math.min(column('seo_url.keyword', 255), schema.major === 4 ? 64 : 255) };
    case 'category_move':
      return null;
  }
}

/** The product_description column a text change writes. */
export function descriptionColumn(changeType: ChangeType, schema: OcSchema): string | null {
  if (changeType === 'image_alt') return schema.altColumn;
  return changeType === 'url_rewrite' || changeType === 'category_move' ? null : changeType;
}

/** Why a keyword is not URL-safe, or null. */
export function keywordProblem(keyword: string): string | null {
  if (!/^[\p{L}\p{N}_-]+$/u.test(keyword)) return `"${keyword}" is not URL-safe: use letters, digits, - and _ only (no spaces, slashes or punctuation)`;
  return null;
}

/** Why a stored value breaks the limit, or null. */
export function lengthProblem(stored: string, limit: LengthLimit | null, label: string): string | null {
  if (!limit) return null;
  const length = opencartLength(stored);
  if (length < limit.min) return `${label} is empty: OpenCart requires ${limit.min}-${limit.max} characters`;
  if (length > limit.max) return `${label} is ${length} characters as OpenCart stores it (HTML-encoded); the limit is ${limit.max}`;
  return null;
}
