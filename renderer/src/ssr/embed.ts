/**
 * What a server-rendered page carries of the answers it was rendered from: every answer whole,
 * except a queue page (`tasks:list` with 200 summaries, about 85 KB of JSON with 100,000 tasks),
 * which keeps only the rows a first screen can show. The rest is fetched once the page is
 * hydrated (payload.ts `partial`), so the HTML the browser parses before its first paint stays
 * small. The server itself renders from the whole answers (server-entry.tsx).
 */
import type { SsrAnswer } from './payload';

/**
 * Rows of a queue page carried in the page. Default: 60 (36 px each, queue-row.tsx), so in a
 * window up to about 2,300 px tall no row on screen waits for the refetch: the server renders
 * 23 (a 1280x800 screen, queues-view.tsx), the hydrated view those in view plus 20 below.
 */
export const embeddedQueueRows = 60;

function isTaskPage(value: unknown): value is { items: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items);
}

/** The answers as the page carries them: long queue pages cut to `rows`, marked partial. */
export function embedAnswers(answers: readonly SsrAnswer[], rows = embeddedQueueRows): SsrAnswer[] {
  return answers.map((answer) => {
    if (answer.method !== 'tasks:list' || !isTaskPage(answer.value) || answer.value.items.length <= rows) return answer;
    return { ...answer, value: { ...answer.value, items: answer.value.items.slice(0, rows) }, partial: true };
  });
}
