/**
 * A channel handler for tests that holds each execution open until the test lets it finish, so a
 * task can be observed "running here" while the remote changes it.
 */
import { z } from 'zod';
import { taskInputSchema } from '../../channels/payload';
import type { ChannelHandler, TaskInput } from '../../channels/types';

export interface GatedHandler {
  handler: ChannelHandler<TaskInput>;
  /** Resolves when an execution has started (with the task id). */
  started(): Promise<string>;
  /** Lets the execution in progress finish successfully. */
  release(): void;
  calls: string[];
}

export function gatedHandler(agent: string): GatedHandler {
  const calls: string[] = [];
  let onStart: ((id: string) => void) | null = null;
  let startedId: string | null = null;
  let release: (() => void) | null = null;
  const handler: ChannelHandler<TaskInput> = {
    id: 'gated-test',
    name: 'Gated test channel',
    agent,
    payloadSchema: taskInputSchema as unknown as z.ZodType<TaskInput, TaskInput>,
    limitKeys: () => [],
    preview: (payload) => ({ channel: 'gated-test', summary: `Run ${payload.title}`, detail: { kind: 'generic', fields: {} } }),
    async execute(payload) {
      calls.push(payload.id);
      const gate = new Promise<void>((resolve) => (release = resolve));
      startedId = payload.id;
      onStart?.(payload.id);
      await gate;
      return { externalId: `ext-${payload.id}`, externalUrl: `https://example.test/${payload.id}`, result: { ok: true } };
    },
  };
  return {
    handler,
    calls,
    started: () =>
      new Promise<string>((resolve) => {
        if (startedId) resolve(startedId);
        else onStart = resolve;
      }),
    release: () => release?.(),
  };
}
