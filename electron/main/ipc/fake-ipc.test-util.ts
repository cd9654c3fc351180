/** A minimal ipcMain stand-in: records handlers by channel and lets a test invoke them as a frame would. */
import type { IpcInvokeEventLike, IpcMainLike } from './register';

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: any[]) => unknown>();
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: any[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Like ipcRenderer.invoke from a frame at `url`; rejects when nothing is registered (as Electron does). */
  async invokeFrom(url: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Electron structured-clones arguments; do the same so non-cloneable inputs fail like they would.
    return handler({ senderFrame: url === null ? null : { url } }, ...structuredClone(args));
  }
}
