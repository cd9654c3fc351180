/**
 * Settings, approval rules, pause and resume. Pause writes agent_configs.global_pause = true (the
 * cloud's key), so it survives restarts and another process sees it within a second.
 */
import type { MethodInput, MethodOutput, SettingsView } from '../../../shared/contract';
import { notFound } from '../errors';
import type { LoadedSettings } from '../settings/settings-store';
import type { SettingsPatch } from '../../../shared/settings';
import { deleteRule, listRules, upsertRule } from '../store/rules';
import { releaseWindowHolds } from '../store/window-holds';
import type { ApiDeps } from './api-deps';

export const toView = (loaded: LoadedSettings): SettingsView => ({ settings: loaded.settings, locked: loaded.locked as Record<string, string> });

export function setPaused(deps: ApiDeps, paused: boolean, by: string | undefined): MethodOutput<'executor:pause'> {
  const actor = by ?? deps.operatorName;
  deps.updateSettings({ globalPause: paused });
  deps.activity.log({ level: paused ? 'warning' : 'info', eventType: paused ? 'executor_paused' : 'executor_resumed', message: `${actor} ${paused ? 'paused' : 'resumed'} execution` });
  if (!paused) deps.wake();
  return deps.status();
}

export function updateSettings(deps: ApiDeps, input: MethodInput<'settings:update'>): MethodOutput<'settings:update'> {
  // The engine API hands over the parsed patch (defaults filled in), typed here as the contract's input.
  const loaded = deps.updateSettings(input as SettingsPatch);
  deps.activity.log({ level: 'info', eventType: 'settings_changed', message: `Settings changed: ${Object.keys(input).join(', ')}`, context: { changes: input } });
  // Tasks waiting for a window that changed are decided again with the new one (next cycle).
  if (input.sendSchedule !== undefined || input.timeZone !== undefined) {
    for (const task of releaseWindowHolds(deps.db, deps.now())) deps.activity.taskChanged(task);
  }
  deps.wake();
  return toView(loaded);
}

export function upsertApprovalRule(deps: ApiDeps, input: MethodInput<'rules:upsert'>): MethodOutput<'rules:upsert'> {
  const rule = upsertRule(deps.db, input, deps.now());
  deps.activity.log({ level: 'info', eventType: 'approval_rule_saved', message: `Approval rule saved: "${rule.name}" (${rule.effect})`, context: { rule } });
  return rule;
}

export function deleteApprovalRule(deps: ApiDeps, input: MethodInput<'rules:delete'>): MethodOutput<'rules:delete'> {
  if (!deleteRule(deps.db, input.id)) throw notFound(`Approval rule ${input.id}`);
  deps.activity.log({ level: 'info', eventType: 'approval_rule_deleted', message: `Approval rule ${input.id} deleted` });
  return { ok: true };
}

export const listApprovalRules = (deps: ApiDeps): MethodOutput<'rules:list'> => ({ items: listRules(deps.db) });
