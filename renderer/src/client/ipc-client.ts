/** The desktop transport: contract calls through the preload bridge (`window.missionControl`). */
import type { EventName, MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { EventListener, McClient } from './types';
import { parseEvent, unwrapResult } from './validate';

export function createIpcClient(bridge: MissionControlBridge): McClient {
  return {
    transport: 'ipc',
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      return unwrapResult(method, await bridge.invoke(method, input));
    },
    subscribe<E extends EventName>(event: E, listener: EventListener<E>) {
      return bridge.on(event, (payload) => {
        const parsed = parseEvent(event, payload);
        if (parsed) listener(parsed);
      });
    },
    onConnectionChange(listener) {
      listener(true);
      return () => undefined;
    },
  };
}
