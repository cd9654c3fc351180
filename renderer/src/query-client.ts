/** The app's query cache settings, shared by the browser (root.tsx) and the server render (ssr/server-entry.tsx). */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../shared/contract';
import { markSignedOut } from './client/session';
import { isUnauthorized } from './client/types';
import { unwrapResult } from './client/validate';
import type { SsrAnswer } from './ssr/payload';

export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isUnauthorized(error)) markSignedOut();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Live events invalidate what changed; this is only a safety net for missed events.
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => !isUnauthorized(error) && count < 2,
      },
    },
  });
}

/** Values seeded from a partial answer (ssr/payload.ts), until the view's refetch replaces them. */
const partialSeeds = new WeakSet<object>();

/**
 * True for data seeded from a partial answer: its refetch after hydration completes what the
 * page already shows, so the views do not announce it as "updating".
 */
export function isPartialSeed(data: unknown): boolean {
  return typeof data === 'object' && data !== null && partialSeeds.has(data);
}

/**
 * Puts the server's answers in the cache under the keys the views ask with (`[method, input]`,
 * use-api.ts), each parsed with the contract as a fetched answer would be (client/validate.ts).
 * `updatedAt`: when the server read them. A partial answer is seeded as never updated (stale),
 * so its query fetches the whole answer once a view mounts it. Throws McError on an answer that
 * breaks the contract.
 */
export function seedQueryCache(queryClient: QueryClient, answers: readonly SsrAnswer[], updatedAt: number): void {
  for (const answer of answers) {
    const value = unwrapResult(answer.method as MethodName, { ok: true, value: answer.value });
    if (answer.partial && typeof value === 'object' && value !== null) partialSeeds.add(value);
    queryClient.setQueryData([answer.method, answer.input], value, { updatedAt: answer.partial ? 0 : updatedAt });
  }
}
