/**
 * The typed registry: agent name -> the channel handlers that execute its tasks. A task whose
 * agent has no handler (Jarvis, escalations) is a manual task: the executor never claims it.
 */
import type { AnyChannelHandler, TaskInput } from './types';

export class ChannelRegistry {
  private readonly byAgent = new Map<string, AnyChannelHandler[]>();

  constructor(readonly handlers: readonly AnyChannelHandler[]) {
    for (const handler of handlers) {
      const list = this.byAgent.get(handler.agent) ?? [];
      list.push(handler);
      this.byAgent.set(handler.agent, list);
    }
  }

  /** Agents the executor can run tasks for. */
  agents(): string[] {
    return [...this.byAgent.keys()];
  }

  hasAgent(agent: string): boolean {
    return this.byAgent.has(agent);
  }

  /** The handler for this task, or null when its agent has handlers but none takes this task. */
  find(task: TaskInput): AnyChannelHandler | null {
    return this.byAgent.get(task.assignedAgent)?.find((handler) => handler.accepts?.(task) ?? true) ?? null;
  }

  byId(id: string): AnyChannelHandler | null {
    return this.handlers.find((handler) => handler.id === id) ?? null;
  }
}
