/**
 * The server render of the dashboard: the real app (app-tree.tsx, the same components the
 * browser runs) rendered to HTML at a path from the first calls' answers. Built into out/main as
 * its own entry (`ssr`, electron.vite.config.ts) and loaded by electron/server/page-render.ts on
 * the first page request; it never calls the API itself: the server makes the calls (with the
 * request's auth and the RPC's validation) and hands the answers in.
 * Invariant: one render at a time (render-env.ts's frozen values are module state).
 */
import { prerender } from 'react-dom/static';
import { firstCallsFor, type FirstCall } from '../boot/first-calls';
import { McError, type McClient } from '../client/types';
import { createQueryClient, seedQueryCache } from '../query-client';
import { freezeRenderEnv, ownRenderEnv, releaseRenderEnv } from '../render-env';
import { AppTree } from './app-tree';
import { embedAnswers } from './embed';
import type { SsrAnswer, SsrTheme } from './payload';

/**
 * What to do before rendering `path` (the calls, the storage keys assumed unset), or null when it
 * is not rendered ahead. `/` is Today: old `/#/queues` links arrive there too, with a fragment the
 * server cannot see; the page then hides itself before its first paint (renderer/public/hash-link.js,
 * added by page-render.ts) and the app builds the linked view.
 */
export function planFor(path: string): { calls: FirstCall[]; unset: string[] } | null {
  const plan = firstCallsFor(path, null);
  return plan.complete ? { calls: plan.calls, unset: plan.storageKeys } : null;
}

/** A client that refuses: during a server render every answer must come from `answers`. */
const noCalls: McClient = {
  transport: 'http',
  call: (method) => Promise.reject(new McError({ code: 'unavailable', message: `${method}: not called during the server render` })),
  subscribe: () => () => undefined,
  onConnectionChange: () => () => undefined,
};

export interface RenderInput {
  path: string;
  answers: SsrAnswer[];
  theme: SsrTheme;
}

export interface RenderOutput {
  /** The markup for `#root`. */
  html: string;
  /** The environment it was rendered with (for the payload). */
  env: { now: number; locale: string; timeZone: string };
  /** The answers the page carries (embed.ts: a queue page cut to its first screen, marked partial). */
  answers: SsrAnswer[];
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders the app at `path` with the answers in its cache; waits for the view's lazy chunk (a
 * prerender, not a stream). Rejects when the app throws or an answer breaks the contract.
 */
export function renderPage(input: RenderInput): Promise<RenderOutput> {
  const run = async (): Promise<RenderOutput> => {
    const env = ownRenderEnv();
    const queryClient = createQueryClient();
    seedQueryCache(queryClient, input.answers, env.now);
    const errors: unknown[] = [];
    freezeRenderEnv(env);
    try {
      const { prelude } = await prerender(<AppTree client={noCalls} queryClient={queryClient} seed={{ location: input.path, theme: input.theme }} />, {
        // Every boundary inline: React would otherwise move large ones out and swap them in
        // with an inline script, which the CSP (script-src 'self') blocks.
        progressiveChunkSize: Number.MAX_SAFE_INTEGER,
        onError: (error) => {
          errors.push(error);
        },
      });
      const html = await readAll(prelude);
      if (errors.length > 0) throw errors[0] instanceof Error ? errors[0] : new Error(String(errors[0]));
      return { html, env, answers: embedAnswers(input.answers) };
    } finally {
      releaseRenderEnv();
      queryClient.clear();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
