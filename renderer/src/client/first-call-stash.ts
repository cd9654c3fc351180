/**
 * The first data calls of a page load, started by boot/boot.ts before the app's code is even
 * fetched, and handed to the HTTP client here. Invariants: a stashed response is used at most
 * once, only for a call with the same method and the same JSON body, only within `firstCallMaxAgeMs`
 * of the page load, and anything but a 200 answer (or a network error) falls through to a normal
 * call. Only read methods are ever stashed (boot/first-calls.ts), so a duplicate is harmless.
 */

/** What boot keeps of one answer: the HTTP status and the parsed JSON body (null body when it was not JSON). */
export interface FirstCallResponse {
  status: number;
  body: unknown;
}

export interface FirstCallEntry {
  method: string;
  /** `JSON.stringify(input)`, exactly as the HTTP client sends it. */
  body: string;
  /** Resolves to null on a network error; never rejects. */
  response: Promise<FirstCallResponse | null>;
  used: boolean;
}

/** `window.__mcFirstCalls`, written by boot.ts. */
export interface FirstCallStash {
  /** `performance.now()` when boot started the calls. */
  startedAt: number;
  entries: FirstCallEntry[];
}

declare global {
  interface Window {
    __mcFirstCalls?: FirstCallStash;
  }
}

/**
 * How long after boot a stashed answer may stand in for a fresh call. Default 10 s: the view asks
 * within a second of the load; a later identical call (another view, a refetch) must see fresh data.
 */
export const firstCallMaxAgeMs = 10_000;

/** Takes the stashed answer for this exact call, once; null when there is none (or it is too old). */
export function takeFirstCall(stash: FirstCallStash | undefined, method: string, body: string, now: number): Promise<FirstCallResponse | null> | null {
  if (!stash || now - stash.startedAt > firstCallMaxAgeMs) return null;
  const entry = stash.entries.find((candidate) => !candidate.used && candidate.method === method && candidate.body === body);
  if (!entry) return null;
  entry.used = true;
  return entry.response;
}

/**
 * The stashed answer's ApiResult body when it can be used as is: a 200 with a JSON body. Anything
 * else (no stash, network error, 401, 5xx, not JSON) returns undefined and the caller fetches.
 */
export async function stashedResult(stash: FirstCallStash | undefined, method: string, body: string, now: number): Promise<unknown> {
  const response = await takeFirstCall(stash, method, body, now);
  return response && response.status === 200 && response.body !== null ? response.body : undefined;
}
