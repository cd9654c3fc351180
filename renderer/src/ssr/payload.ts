/**
 * The data a server-rendered page carries (electron/server/page-render.ts writes it, root.tsx
 * reads it): the route it was rendered for, the first calls' answers, and the theme and render
 * environment it was rendered with, so the browser's first render repeats the server's exactly.
 * It sits in `<script type="application/json" id="mc-ssr">` (CSP allows no inline script), only
 * in pages answered to a signed-in request. No imports: boot.ts (import-free) reads the block
 * itself (importing this would share a chunk with the entry).
 */

/** The element id of the payload block. */
export const ssrPayloadId = 'mc-ssr';

/** One first call and the API's value for it (what `/api/rpc/<method>` answers as `value`). */
export interface SsrAnswer {
  method: string;
  input: Record<string, unknown>;
  value: unknown;
  /**
   * The value holds only the first screen's share of the answer (embed.ts: the queue's first
   * rows of its page of 200, with the real total): the client seeds it as stale, so the view
   * asks for the whole answer once mounted, and says nothing of that refetch (query-client.ts).
   */
  partial?: true;
}

export type SsrTheme = 'system' | 'light' | 'dark';

export interface SsrPayload {
  /** Format version; a page with another is rendered from scratch. */
  v: 1;
  /** The path the HTML shows (`/queues`). */
  path: string;
  /**
   * sessionStorage keys the render assumed unset (the queue's filters and scroll position): a tab
   * holding any of them shows something else first and renders from scratch.
   */
  unset: string[];
  theme: SsrTheme;
  /** render-env.ts's RenderEnv on the server. */
  env: { now: number; locale: string; timeZone: string };
  answers: SsrAnswer[];
}

/** Reads and checks the page's payload; null when there is none or it is malformed. */
export function readSsrPayload(doc: Pick<Document, 'getElementById'>): SsrPayload | null {
  const text = doc.getElementById(ssrPayloadId)?.textContent;
  if (!text) return null;
  try {
    const payload = JSON.parse(text) as Partial<SsrPayload> | null;
    if (payload?.v !== 1 || typeof payload.path !== 'string' || !Array.isArray(payload.answers) || !Array.isArray(payload.unset) || !payload.env || typeof payload.env.now !== 'number') return null;
    return payload as SsrPayload;
  } catch {
    return null;
  }
}
