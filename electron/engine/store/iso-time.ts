/**
 * `date.toISOString()` for the engine's hot writes. V8 formats an ISO time through a printf per
 * field (about 7,000 instructions); a task's writes format five to seven times each, most often
 * the same `now`. This builds the same text from the UTC fields and remembers the last instant.
 */
let lastMs = Number.NaN;
let lastIso = '';

const pad2 = (value: number) => (value < 10 ? `0${value}` : `${value}`);
const pad3 = (value: number) => (value < 10 ? `00${value}` : value < 100 ? `0${value}` : `${value}`);

/** Exactly `date.toISOString()` (which it falls back to outside years 1000-9999, and which throws for an invalid date). */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (ms === lastMs) return lastIso;
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  const iso = `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.${pad3(date.getUTCMilliseconds())}Z`;
  lastMs = ms;
  lastIso = iso;
  return iso;
}
