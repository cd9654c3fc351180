/**
 * The one object implementing shared/contract.ts. Every input is validated with the contract's
 * zod schema here, whatever the transport, so nothing reaches the engine unvalidated; a bad input
 * becomes an 'invalid_input' error naming the field.
 */
import { contract, type EngineApi, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/contract';
import { formatIssues } from '../channels/payload';
import { invalidInput } from '../errors';
import type { ApiDeps } from './api-deps';
import * as approvals from './approvals-api';
import { checkChannel, connectChannel, disconnectChannel, listChannels } from './channels-api';
import { sendNewsletterTest } from './newsletters-api';
import * as monitoring from './monitoring-api';
import { rollback } from './rollback-api';
import * as settingsApi from './settings-api';
import * as tasks from './tasks-api';

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
  'approvals:list': approvals.listApprovals,
  'approvals:approve': approvals.approve,
  'approvals:reject': approvals.reject,
  'approvals:bulk': approvals.bulk,
  'settings:get': (deps) => settingsApi.toView(deps.loadedSettings()),
  'settings:update': settingsApi.updateSettings,
  'rules:list': settingsApi.listApprovalRules,
  'rules:upsert': settingsApi.upsertApprovalRule,
  'rules:delete': settingsApi.deleteApprovalRule,
  'logs:list': monitoring.logs,
  'alerts:list': monitoring.alerts,
  'alerts:acknowledge': monitoring.acknowledge,
  'limits:usage': monitoring.limitsUsage,
  'stats:get': monitoring.stats,
  'channels:list': listChannels,
  'channels:connect': connectChannel,
  'channels:check': checkChannel,
  'channels:disconnect': disconnectChannel,
  'newsletters:send-test': sendNewsletterTest,
  'sync:status': (deps) => deps.syncStatus(),
};

export function createEngineApi(deps: ApiDeps): EngineApi {
  const api = {} as Record<MethodName, (input: unknown) => Promise<unknown>>;
  for (const method of Object.keys(contract) as MethodName[]) {
    api[method] = async (input: unknown) => {
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) throw invalidInput(`Invalid input for ${method}: ${formatIssues(parsed.error)}`, parsed.error.issues);
      return (implementation[method] as (deps: ApiDeps, input: unknown) => unknown)(deps, parsed.data);
    };
  }
  return api as unknown as EngineApi;
}
