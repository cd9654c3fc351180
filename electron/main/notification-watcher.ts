/**
 * Decides WHEN to notify: watches engine events, finds approvals that are new since the last look
 * and alerts worth interrupting for, waits a moment so a burst becomes one batch, and stays quiet
 * while paused or when notificationsEnabled is off (what arrives then is marked seen, so resuming
 * does not replay a backlog; the tray count still shows it). No Electron here: `show` is injected.
 */
import type { ApprovalItem, EngineApi, EventName } from '../../shared/contract';
import type { Alert } from '../../shared/domain';
import { batchNotifications, isNotifiableAlert, type NotificationSpec } from './notification-model';

export type WatcherApi = Pick<EngineApi, 'approvals:list' | 'status:get' | 'settings:get'>;

export interface NotificationWatcherOptions {
  api: WatcherApi;
  on: (event: EventName, listener: (payload: unknown) => void) => () => void;
  show: (specs: NotificationSpec[]) => void;
  /** Quiet period that gathers a burst into one batch. Default 1500 ms. */
  debounceMs?: number;
  batchThreshold?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onError?: (error: unknown) => void;
}

export class NotificationWatcher {
  private known = new Set<string>();
  private pendingAlerts: Alert[] = [];
  private seenAlerts = new Set<string>();
  private timer: unknown = null;
  private offs: Array<() => void> = [];
  private running: Promise<void> = Promise.resolve();
  private readonly debounceMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: NotificationWatcherOptions) {
    this.debounceMs = options.debounceMs ?? 1500;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /** Seeds what is already waiting (no notification for the backlog at start-up), then listens. */
  async start(): Promise<void> {
    const current = await this.options.api['approvals:list']({ limit: 500 });
    this.known = new Set(current.items.map((item) => item.task.id));
    this.offs = [
      this.options.on('task:changed', () => this.schedule()),
      this.options.on('status:changed', () => this.schedule()),
      this.options.on('alert:raised', (payload) => {
        const alert = payload as Alert;
        if (alert && typeof alert.id === 'string' && !this.seenAlerts.has(alert.id) && isNotifiableAlert(alert)) {
          this.seenAlerts.add(alert.id);
          if (this.seenAlerts.size > 1000) this.seenAlerts.delete(this.seenAlerts.values().next().value as string);
          this.pendingAlerts.push(alert);
          this.schedule();
        }
      }),
    ];
  }

  stop(): void {
    for (const off of this.offs) off();
    this.offs = [];
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.running = this.running
        .then(async () => {
          await this.flush();
        })
        .catch((error: unknown) => this.options.onError?.(error));
    }, this.debounceMs);
  }

  /** Looks now (tests call it directly; events call it after the quiet period). Resolves when shown. */
  async flush(): Promise<NotificationSpec[]> {
    const [approvals, status, settings] = await Promise.all([
      this.options.api['approvals:list']({ limit: 500 }),
      this.options.api['status:get']({}),
      this.options.api['settings:get']({}),
    ]);
    const fresh: ApprovalItem[] = approvals.items.filter((item) => !this.known.has(item.task.id));
    this.known = new Set(approvals.items.map((item) => item.task.id));
    const alerts = this.pendingAlerts;
    this.pendingAlerts = [];
    const quiet = status.paused || status.state === 'paused' || !settings.settings.notificationsEnabled;
    if (quiet || (fresh.length === 0 && alerts.length === 0)) return [];
    const specs = batchNotifications(fresh, alerts, this.options.batchThreshold);
    if (specs.length) this.options.show(specs);
    return specs;
  }

  /** Resolves once any scheduled look has finished (tests). */
  async idle(): Promise<void> {
    await this.running;
  }
}
