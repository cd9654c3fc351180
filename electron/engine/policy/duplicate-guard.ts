/**
 * The duplicate guard (issue 15): is this task likely a repeat of a recent one of its channel?
 * Pure: a task's preview becomes a fingerprint (what must be equal + a normalised text), and a
 * fingerprint is compared with earlier ones of the same channel inside the window:
 * - e-mail: the same recipients, and the same text (or Gmail draft), or one at least
 *   `similarity` alike: the same reply to the same customer;
 * - social posts: the same platform and the same text after normalising links and whitespace, or
 *   one at least `similarity` alike;
 * - newsletters: subject and body at least `similarity` alike;
 * - SEO: the same change (type, products, fields, new values), applied or waiting;
 * - Google Ads: the same change of the same entity within 24 hours ("twice in a day").
 * Similarity is the Jaccard index of character trigrams of the normalised texts: a typo, an emoji
 * or a changed link costs a few trigrams (a 200-character post with a one-word change stays near
 * 0.9), while a different message shares few (two unrelated replies to one customer: < 0.3).
 * Rejected and failed tasks are not compared (a failed send may be tried again).
 */
import type { ExecutionPreview } from '../../../shared/preview';

export type FingerprintKind = 'email' | 'social_post' | 'newsletter' | 'seo_change' | 'ads_change' | 'none';

export interface Fingerprint {
  channel: string;
  kind: FingerprintKind;
  /** What must be equal (recipients, platform, the SEO change, the Ads entity and value). */
  subject: string;
  /** Normalised text compared for similarity ('' when only the subject counts). */
  body: string;
}

export interface EarlierTask {
  taskId: string;
  title: string;
  status: string;
  /** The task's created_at. */
  createdAt: string;
  fingerprint: Fingerprint;
  /** Its latest run was a dry run (a completed task then applied nothing). */
  rehearsed?: boolean;
}

export interface DuplicateFound {
  taskId: string;
  title: string;
  /** Why, in words ("the same post text", "a reply to jo@example.com 91% alike"). */
  why: string;
}

/** Longest text kept per fingerprint: enough for any reply or post, bounded for newsletters. */
const maxBody = 5_000;
const dayMs = 86_400_000;

const trackingParam = /^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref)$/i;

/** A link as the same page whatever its spelling: no scheme, no www., no tracking parameters, no fragment or trailing slash. */
export function normaliseLink(link: string): string {
  try {
    const url = new URL(link);
    const params = [...url.searchParams.entries()].filter(([key]) => !trackingParam.test(key)).sort(([a], [b]) => a.localeCompare(b));
    const query = params.length ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
    return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${query}`.toLowerCase();
  } catch {
    return link.toLowerCase();
  }
}

/** Lower case, links normalised, HTML tags dropped, whitespace collapsed. */
export function normaliseText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/https?:\/\/[^\s<>"')]+/gi, (link) => normaliseLink(link))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxBody);
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Jaccard index of character trigrams, 0 (nothing shared) to 1 (same text). */
export function trigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  const x = trigrams(a);
  const y = trigrams(b);
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return shared / (x.size + y.size - shared);
}

export function fingerprintOf(preview: ExecutionPreview): Fingerprint {
  const { channel, detail } = preview;
  switch (detail.kind) {
    case 'email': {
      const to = detail.to.map((address) => address.trim().toLowerCase()).sort().join(',');
      const text = detail.text ?? detail.html;
      const body = text ? normaliseText(`${detail.subject}\n${text}`) : detail.draftId ? `draft:${detail.draftId}` : normaliseText(detail.subject);
      return { channel, kind: 'email', subject: `to:${to}`, body };
    }
    case 'social_post':
      return { channel, kind: 'social_post', subject: `platform:${detail.platform.toLowerCase()}`, body: normaliseText(detail.text) };
    case 'newsletter':
      return { channel, kind: 'newsletter', subject: 'newsletter', body: normaliseText(`${detail.subject ?? ''}\n${detail.html ?? ''}`) };
    case 'seo_change': {
      const changes = detail.changes.map((c) => `${String(c.productId)}:${c.field}=${normaliseText(c.after ?? '')}`).sort();
      return { channel, kind: 'seo_change', subject: `${detail.changeType}|${changes.join('|')}`, body: '' };
    }
    case 'ads_change': {
      const target = detail.keyword?.id ?? detail.adGroup?.id ?? detail.budget?.id ?? detail.campaign?.id ?? '?';
      return { channel, kind: 'ads_change', subject: `${detail.action}|${target}|${detail.value}|${detail.requested.toLowerCase().replace(/\s+/g, '')}`, body: '' };
    }
    case 'generic':
      return { channel, kind: 'none', subject: '', body: '' };
  }
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

/**
 * The most recent earlier task this one likely repeats, or null. `earlier` holds the channel's
 * fingerprints inside the window, any order; `createdAt` is the candidate task's creation time.
 */
export function findDuplicate(candidate: Fingerprint, createdAt: string, earlier: readonly EarlierTask[], options: { similarity: number }): DuplicateFound | null {
  if (candidate.kind === 'none') return null;
  const at = Date.parse(createdAt);
  const latestFirst = [...earlier].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  for (const other of latestFirst) {
    const theirs = other.fingerprint;
    if (theirs.kind !== candidate.kind || theirs.channel !== candidate.channel) continue;
    if (other.status === 'rejected' || other.status === 'failed') continue;
    const why = compare(candidate, theirs, other, at, options.similarity);
    if (why) return { taskId: other.taskId, title: other.title, why };
  }
  return null;
}

// Every kind starts with the subject: the store reads only earlier tasks of the same subject
// (store/fingerprints.ts recentFingerprints). A kind compared otherwise must change that query.
function compare(mine: Fingerprint, theirs: Fingerprint, other: EarlierTask, at: number, threshold: number): string | null {
  switch (mine.kind) {
    case 'email': {
      if (mine.subject !== theirs.subject) return null;
      const to = mine.subject.slice(3);
      if (mine.body === theirs.body) return `the same reply to ${to}`;
      const alike = trigramSimilarity(mine.body, theirs.body);
      return alike >= threshold ? `a reply to ${to} ${percent(alike)} alike` : null;
    }
    case 'social_post':
    case 'newsletter': {
      if (mine.subject !== theirs.subject) return null;
      const what = mine.kind === 'newsletter' ? 'newsletter' : 'post text';
      if (mine.body === theirs.body) return `the same ${what}`;
      const alike = trigramSimilarity(mine.body, theirs.body);
      return alike >= threshold ? `a ${what} ${percent(alike)} alike` : null;
    }
    case 'seo_change':
      if (mine.subject !== theirs.subject) return null;
      if (other.status !== 'completed') return 'the same SEO change';
      return other.rehearsed ? 'the same SEO change, already rehearsed' : 'the same SEO change, already applied';
    case 'ads_change':
      if (mine.subject !== theirs.subject || Math.abs(at - Date.parse(other.createdAt)) >= dayMs) return null;
      return 'the same Google Ads change within a day';
    case 'none':
      return null;
  }
}

/** The reason a held duplicate shows: "Possible duplicate of "Reply to Jo": the same reply to jo@example.com". */
export const duplicateReason = (found: DuplicateFound): string => `Possible duplicate of "${found.title}": ${found.why}`;
