/**
 * The one object implementing shared/contract.ts. Every input is validated with the contract's
 * zod schema here, whatever the transport, so nothing reaches the engine unvalidated; a bad input
 * becomes an 'invalid_input' error naming the field.
 */
import { contract, type EngineApi, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/contract';
import { formatIssues } from '../channels/payload';
import { withWriteLock } from '../db/write-lock';
import { invalidInput } from '../errors';
import type { ApiDeps } from './api-deps';
import { previewEdits, saveEdits } from './approval-edits';
import * as approvals from './approvals-api';
import { checkChannel, connectChannel, disconnectChannel, listChannels } from './channels-api';
import { previewMedia } from './media-preview-api';
import { sendNewsletterTest } from './newsletters-api';
import * as monitoring from './monitoring-api';
import { rollback } from './rollback-api';
import * as schedule from './schedule-api';
import * as settingsApi from './settings-api';
import { acceptSuggestion, dismissSuggestion, listSuggestions } from './suggestions-api';
import * as tasks from './tasks-api';
import * as triage from './triage-api';

type Implementation = { [M in MethodName]: (deps: ApiDeps, input: MethodOutput<M> extends never ? never : MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

const implementation: Implementation = {
  'status:get': (deps) => deps.status(),
  'executor:pause': (deps, input) => settingsApi.setPaused(deps, true, input.by),
  'executor:resume': (deps, input) => settingsApi.setPaused(deps, false, input.by),
  'executor:runNow': (deps) => deps.runNow(),
  'tasks:list': tasks.list,
  'tasks:get': tasks.detail,
  'tasks:create': tasks.create,
  'tasks:requeue': tasks.requeue,
  'tasks:cancel': tasks.cancel,
  'tasks:rollback': rollback,
  'tasks:markDone': triage.markDone,
  'approvals:list': approvals.listApprovals,
  'approvals:approve': approvals.approve,
  'approvals:preview': previewEdits,
  'approvals:save': (deps, input) => saveEdits(deps, input, (task, edits) => approvals.validateEdits(deps, task, edits)),
  'approvals:reject': approvals.reject,
  'approvals:bulk': approvals.bulk,
  'approvals:undo': triage.undoApproval,
  'approvals:snooze': triage.snooze,
  'approvals:decided': triage.decidedSince,
  'settings:get': (deps) => settingsApi.toView(deps.loadedSettings()),
  'settings:update': settingsApi.updateSettings,
  'rules:list': settingsApi.listApprovalRules,
  'rules:upsert': settingsApi.upsertApprovalRule,
  'rules:delete': settingsApi.deleteApprovalRule,
  'suggestions:list': listSuggestions,
  'suggestions:accept': acceptSuggestion,
  'suggestions:dismiss': dismissSuggestion,
  'logs:list': monitoring.logs,
  'alerts:list': monitoring.alerts,
  'alerts:acknowledge': monitoring.acknowledge,
  'alerts:acknowledgeAll': triage.acknowledgeAll,
  'limits:usage': monitoring.limitsUsage,
  'stats:get': monitoring.stats,
  'channels:list': listChannels,
  'channels:connect': connectChannel,
  'channels:check': checkChannel,
  'channels:disconnect': disconnectChannel,
  'newsletters:send-test': sendNewsletterTest,
  'tasks:resolveFailed': schedule.resolveFailed,
  'tasks:reschedule': schedule.reschedule,
  'calendar:list': schedule.listCalendar,
  'digest:get': schedule.getDigest,
  'previews:media': previewMedia,
  'sync:status': (deps) => deps.syncStatus(),
};

/**
 * Methods that write (all synchronous): each runs inside one write transaction taken by
 * withWriteLock, which waits for another process's lock without blocking the event loop and
 * answers 'unavailable' (HTTP 503 + Retry-After) when it does not come within 5 s. Approve and
 * bulk approve read the preview live first (async), then take the lock themselves.
 */
const writeMethods: ReadonlySet<MethodName> = new Set([
  'executor:pause',
  'executor:resume',
  'tasks:create',
  'tasks:requeue',
  'tasks:cancel',
  'approvals:reject',
  'settings:update',
  'rules:upsert',
  'rules:delete',
  'suggestions:accept',
  'suggestions:dismiss',
  'alerts:acknowledge',
  'tasks:resolveFailed',
  'tasks:reschedule',
  'alerts:acknowledgeAll',
  'tasks:markDone',
  'approvals:undo',
  'approvals:snooze',
]);

export function createEngineApi(deps: ApiDeps): EngineApi {
  const api = {} as Record<MethodName, (input: unknown) => Promise<unknown>>;
  for (const method of Object.keys(contract) as MethodName[]) {
    const run = implementation[method] as (deps: ApiDeps, input: unknown) => unknown;
    api[method] = async (input: unknown) => {
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) throw invalidInput(`Invalid input for ${method}: ${formatIssues(parsed.error)}`, parsed.error.issues);
      if (!writeMethods.has(method)) return run(deps, parsed.data);
      return withWriteLock(deps.db, () => {
        const result = run(deps, parsed.data);
        if (result instanceof Promise) throw new Error(`${method} must be synchronous to run in a write transaction`);
        return result;
      });
    };
  }
  return api as unknown as EngineApi;
}
