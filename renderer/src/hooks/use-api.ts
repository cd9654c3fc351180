/**
 * TanStack Query wrappers keyed by contract method: `useApi('tasks:list', input)` caches under
 * `[method, input]`, so live events can invalidate whole methods (`['tasks:list']`).
 */
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { useClient } from '../client/client-context';
import type { McError } from '../client/types';

type QueryOptions<M extends MethodName> = Omit<UseQueryOptions<MethodOutput<M>, McError>, 'queryKey' | 'queryFn'>;

export function useApi<M extends MethodName>(method: M, input: MethodInput<M>, options?: QueryOptions<M>) {
  const client = useClient();
  return useQuery<MethodOutput<M>, McError>({
    queryKey: [method, input],
    queryFn: () => client.call(method, input),
    ...options,
  });
}

/** Methods whose cached results a data-changing call may have made stale. */
const affectedByWrites: MethodName[] = ['tasks:list', 'tasks:get', 'approvals:list', 'approvals:decided', 'alerts:list', 'status:get', 'stats:get', 'limits:usage'];

/**
 * A mutation for one contract method; on success it invalidates the given methods (default: the
 * task and status views) so every open view refreshes.
 */
export function useApiMutation<M extends MethodName>(method: M, invalidates: MethodName[] = affectedByWrites) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation<MethodOutput<M>, McError, MethodInput<M>>({
    mutationFn: (input) => client.call(method, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
    },
  });
}
