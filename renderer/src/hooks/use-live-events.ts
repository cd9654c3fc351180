/**
 * Turns engine events into cache invalidation: a task change made anywhere (CLI, another tab,
 * the executor) refreshes the views that show it, without a reload.
 */
import { useQueryClient } from '@tanstack/react-query';
import { startTransition, useEffect, useState } from 'react';
import type { MethodName } from '../../../shared/contract';
import { useClient } from '../client/client-context';
import { channelEventTypes } from '../components/channel-actions';

// A decision also resolves the task's approval alert (a trigger in the database): alerts follow tasks.
const taskViews: MethodName[] = ['tasks:list', 'tasks:get', 'approvals:list', 'approvals:decided', 'alerts:list', 'status:get', 'stats:get', 'limits:usage', 'calendar:list', 'digest:get'];

/**
 * The live connection: not yet opened (the page as the server rendered it, and the first moments
 * after load), connected, or lost and being reopened.
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** Subscribes once at the app root; returns the state of the live connection. */
export function useLiveEvents(): LiveState {
  const client = useClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    // Events arrive in bursts (a cycle touches many tasks); coalesce invalidations per frame.
    const pending = new Set<MethodName>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let everConnected = false;
    let wasDisconnected = false;
    const invalidate = (keys: MethodName[]) => {
      for (const key of keys) pending.add(key);
      timer ??= setTimeout(() => {
        timer = null;
        for (const key of pending) void queryClient.invalidateQueries({ queryKey: [key] });
        pending.clear();
      }, 50);
    };
    const offs = [
      // A task change may queue a change for Supabase: the sync backlog moves with it.
      client.subscribe('task:changed', () => invalidate([...taskViews, 'sync:status', 'suggestions:list'])),
      client.subscribe('log:appended', (entry) => invalidate(entry.eventType && channelEventTypes.has(entry.eventType) ? ['logs:list', 'channels:list'] : ['logs:list'])),
      // A Gmail "reconnect needed" arrives as an alert; it changes the channel's state.
      client.subscribe('alert:raised', () => invalidate(['alerts:list', 'channels:list'])),
      client.subscribe('status:changed', (status) => {
        queryClient.setQueryData(['status:get', {}], status);
        invalidate(['settings:get', 'stats:get', 'channels:list', 'sync:status']);
      }),
      client.onConnectionChange((value) => {
        // Told "not connected" at once when it subscribes: still connecting until it ever was (an
        // update here would also make React drop the server's markup of a view still hydrating).
        // A transition: should the stream open while the server's markup still hydrates, React
        // finishes hydrating first instead of rebuilding the view under the shell.
        startTransition(() => setState(value ? 'live' : everConnected ? 'reconnecting' : 'connecting'));
        // After a reconnect we may have missed events: refresh everything once.
        if (value && wasDisconnected) void queryClient.invalidateQueries();
        if (!value && everConnected) wasDisconnected = true;
        if (value) everConnected = true;
      }),
    ];
    return () => {
      for (const off of offs) off();
      if (timer) clearTimeout(timer);
    };
  }, [client, queryClient]);

  return state;
}
