/**
 * The IPC channel names between the preload bridge and the main process. Two channels only:
 * one request/response channel carrying every contract method, one push channel carrying engine
 * events. Kept free of zod and of the contract module so the sandboxed preload stays tiny.
 */

/** invoke(method, input) -> ApiResult. The method name travels as data and is checked in main. */
export const invokeChannel = 'mc:invoke';
/** main -> renderer: (eventName, payload). */
export const eventChannel = 'mc:event';

/** Must equal shared/contract.ts `eventNames` (a unit test keeps them in step). */
export const bridgeEventNames = ['task:changed', 'log:appended', 'alert:raised', 'status:changed'] as const;
export type BridgeEventName = (typeof bridgeEventNames)[number];

export function isBridgeEventName(name: unknown): name is BridgeEventName {
  return typeof name === 'string' && (bridgeEventNames as readonly string[]).includes(name);
}
