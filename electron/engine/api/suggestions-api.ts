/**
 * Trust suggestions (issue 15): list, accept (creates an ordinary auto-execute rule through the
 * rules store, editable in Settings → Rules) and dismiss (remembered per kind).
 */
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import type { TrustSuggestion } from '../../../shared/trust';
import { notFound } from '../errors';
import { trustSuggestions } from '../policy/trust';
import { listRules, upsertRule } from '../store/rules';
import { dismissedKinds, dismissKind, listDecidedTasks } from '../store/trust';
import type { ApiDeps } from './api-deps';

/** Position of learned rules: after the shipped auto rules (100-120), so Kenny's order stays readable. */
const learnedRulePosition = 150;

function currentSuggestions(deps: ApiDeps): TrustSuggestion[] {
  const { settings } = deps.loadedSettings();
  return trustSuggestions(listDecidedTasks(deps.db), listRules(deps.db), settings, dismissedKinds(deps.db));
}

function findSuggestion(deps: ApiDeps, id: string): TrustSuggestion {
  const suggestion = currentSuggestions(deps).find((item) => item.id === id);
  if (!suggestion) throw notFound(`Suggestion ${id} (it may have been accepted, dismissed, or reset by a rejection or an edit)`);
  return suggestion;
}

export function listSuggestions(deps: ApiDeps): MethodOutput<'suggestions:list'> {
  return { items: currentSuggestions(deps) };
}

export function acceptSuggestion(deps: ApiDeps, input: MethodInput<'suggestions:accept'>): MethodOutput<'suggestions:accept'> {
  const by = input.by ?? deps.operatorName;
  const suggestion = findSuggestion(deps, input.id);
  const now = deps.now();
  const rule = upsertRule(
    deps.db,
    {
      position: learnedRulePosition,
      name: suggestion.rule.name,
      agent: suggestion.rule.agent,
      conditions: suggestion.rule.conditions,
      effect: 'auto_execute',
      enabled: true,
      description: `${suggestion.rule.description} Accepted by ${by} on ${now.toISOString().slice(0, 10)}.`,
    },
    now,
  );
  deps.activity.log({
    level: 'info',
    eventType: 'trust_suggestion_accepted',
    message: `${by} accepted the suggestion "${suggestion.label}": rule "${rule.name}" lets these tasks run by themselves`,
    context: { suggestion: { id: suggestion.id, count: suggestion.count, evidence: suggestion.evidence.map((e) => e.taskId) }, rule },
  });
  return rule;
}

export function dismissSuggestion(deps: ApiDeps, input: MethodInput<'suggestions:dismiss'>): MethodOutput<'suggestions:dismiss'> {
  const by = input.by ?? deps.operatorName;
  const suggestion = findSuggestion(deps, input.id);
  dismissKind(deps.db, { kindKey: suggestion.kindKey, agent: suggestion.agent, conditions: suggestion.rule.conditions, by }, deps.now());
  deps.activity.log({ level: 'info', eventType: 'trust_suggestion_dismissed', message: `${by} dismissed the suggestion "${suggestion.label}"`, context: { id: suggestion.id, count: suggestion.count } });
  return { ok: true };
}
