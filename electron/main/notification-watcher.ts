/**
 * Decides WHEN to notify: watches engine events, finds approvals that are new since the last look
 * and alerts worth interrupting for, waits a moment so a burst becomes one batch, and stays quiet
 * while paused or when notificationsEnabled is off (what arrives then is marked seen, so resuming
 * does not replay a backlog; the tray count still shows it). During Kenny's quiet hours
 * (settings.quietHours) only urgent items interrupt; the rest wait and come as one batch when they
 * end (quiet-hours.ts). No Electron here: `show` is injected.
 */
import type { ApprovalItem, EngineApi, EventName } from '../../shared/contract';
import type { Alert } from '../../shared/domain';
import { batchNotifications, isNotifiableAlert, type NotificationSpec } from './notification-model';
import { splitForQuietHours } from './quiet-hours';

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
  /** Clock for quiet hours. Default: Date.now. */
  now?: () => Date;
}

export class NotificationWatcher {
  private known = new Set<string>();
  private pendingAlerts: Alert[] = [];
  private seenAlerts = new Set<string>();
  private timer: unknown = null;
  /** Held during Kenny's quiet hours; shown when they end if still relevant. */
  private heldApprovals = new Set<string>();
  private heldAlerts: Alert[] = [];
  private quietTimer: unknown = null;
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
    if (this.quietTimer !== null) this.clearTimer(this.quietTimer);
    this.timer = this.quietTimer = null;
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
    if (quiet) {
      this.heldApprovals.clear();
      this.heldAlerts = [];
      return [];
    }
    const { quietHours, timeZone } = settings.settings;
    const split = splitForQuietHours(fresh, alerts, quietHours, (this.options.now ?? (() => new Date()))(), timeZone);
    let showApprovals = split.showApprovals;
    let showAlerts = split.showAlerts;
    if (split.until) {
      for (const item of split.holdApprovals) this.heldApprovals.add(item.task.id);
      this.heldAlerts.push(...split.holdAlerts);
      this.armQuietEnd(split.until);
    } else if (this.heldApprovals.size || this.heldAlerts.length) {
      // Quiet hours are over: what waited and still needs Kenny, in one batch with the new.
      const stillWaiting = approvals.items.filter((item) => this.heldApprovals.has(item.task.id) && !fresh.includes(item));
      showApprovals = [...stillWaiting, ...showApprovals];
      showAlerts = [...this.heldAlerts.filter(isNotifiableAlert), ...showAlerts];
      this.heldApprovals.clear();
      this.heldAlerts = [];
    }
    if (showApprovals.length === 0 && showAlerts.length === 0) return [];
    const specs = batchNotifications(showApprovals, showAlerts, this.options.batchThreshold);
    if (specs.length) this.options.show(specs);
    return specs;
  }

  private armQuietEnd(until: Date): void {
    if (this.quietTimer !== null) this.clearTimer(this.quietTimer);
    const now = (this.options.now ?? (() => new Date()))().getTime();
    this.quietTimer = this.setTimer(() => {
      this.quietTimer = null;
      this.schedule();
    }, Math.min(Math.max(0, until.getTime() - now) + 1000, 2 ** 31 - 1));
  }

  /** Resolves once any scheduled look has finished (tests). */
  async idle(): Promise<void> {
    await this.running;
  }
}
