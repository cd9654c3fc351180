/** Small formatting helpers shared by the views (times are ISO-8601 UTC strings from the engine). */
import { renderLocale, renderNow, renderTimeZone } from '../render-env';

/** "3 min ago" / "in 2 h"; `now` is injectable for tests (default: render-env.ts, the server's clock while hydrating). */
export function relativeTime(iso: string | null | undefined, now: Date = renderNow()): string {
  if (!iso) return '—';
  const ms = new Date(iso).getTime() - now.getTime();
  if (Number.isNaN(ms)) return iso;
  const abs = Math.abs(ms);
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1_000, 's'],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) {
      const value = Math.round(abs / size);
      return ms < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
    }
  }
  return 'just now';
}

// One formatter per locale and zone: `toLocaleString` with options builds a new one per call
// (about 70 µs each; a queue screen formats 46 dates, also in the server render).
const shortFormats = new Map<string, Intl.DateTimeFormat>();

/** Local date and time, short ("24 Nov, 14:02"). */
export function shortDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = renderLocale();
  const timeZone = renderTimeZone();
  const key = `${locale ?? ''} ${timeZone ?? ''}`;
  let format = shortFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone });
    shortFormats.set(key, format);
  }
  return format.format(date);
}

/**
 * Local clock time ("14:02:05"), as `toLocaleTimeString()` gives it, but in the render's locale
 * and zone (render-env.ts), so a page the server rendered hydrates with the same text.
 */
export function clockTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleTimeString(renderLocale(), { timeZone: renderTimeZone() });
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

export function formatMs(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 6_000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

/** Names a person reads for each daily limit key. */
export const limitLabels: Record<string, string> = {
  task_executor: 'Tasks executed',
  email_send: 'E-mails sent',
  social_publish: 'Social posts',
  newsletter_send: 'Newsletters',
  influencer_outreach: 'Influencer outreach',
  seo_bulk_apply: 'SEO bulk changes',
};

/** ISO timestamps inside engine messages, shown in local time. */
export function localizeTimes(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => shortDateTime(iso));
}

export function humanize(key: string): string {
  return key.replace(/_/g, ' ');
}
