/**
 * Settings: executor switches, poll interval, retry policy, daily limits, trust and duplicate
 * guard, channel accounts, suggested rules and approval rules.
 * Values forced by environment variables are shown locked, with the variable's name. Unsaved
 * changes are never dropped silently: leaving the view or the page asks first.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { setLeaveGuard } from '../hooks/use-route';
import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../../shared/settings';
import { useApi, useApiMutation } from '../hooks/use-api';
import { ChannelsSection } from '../components/channels-section';
import { RulesEditor } from '../components/rules-editor';
import { TrustSuggestions } from '../components/trust-suggestions';
import { SettingsForm } from '../components/settings-form';
import { ErrorState, Loading } from '../components/states';

/** While `dirty`, leaving the view or closing/reloading the page asks first. */
function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const removeGuard = setLeaveGuard(() => window.confirm('You have unsaved settings. Leave without saving them?'));
    const onUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => {
      removeGuard();
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty]);
}

function diff(base: Settings, draft: Settings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as (keyof Settings)[]) {
    if (JSON.stringify(draft[key]) !== JSON.stringify(base[key])) patch[key] = draft[key];
  }
  return patch as SettingsPatch;
}

export function SettingsView() {
  const view = useApi('settings:get', {});
  const update = useApiMutation('settings:update', ['settings:get', 'status:get', 'limits:usage']);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  const base = view.data?.settings;
  useUnsavedGuard(!!draft && !!base && Object.keys(diff(base, draft)).length > 0);

  if (view.isPending) return <Loading label="Loading settings…" />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;

  // No draft: show the server's current values (they follow live changes until the person edits).
  const current = draft ?? view.data.settings;
  const patch = diff(view.data.settings, current);
  const checked = settingsPatchSchema.safeParse(patch);
  const dirty = Object.keys(patch).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!checked.success || !dirty) return;
    setSaved(false);
    update.mutate(checked.data, {
      onSuccess: () => {
        setDraft(null);
        setSaved(true);
      },
    });
  };

  return (
    <div className="view settings">
      <header className="view-head">
        <h1>Settings</h1>
      </header>
      {/* noValidate: the zod schema checks every field and shows its message; the browser would block
          the submit silently instead (a 0.5 currency value against an input step of 1). */}
      <form className="card form" onSubmit={submit} aria-label="Executor settings" noValidate>
        <SettingsForm
          draft={current}
          locked={view.data.locked}
          onChange={(next) => {
            setSaved(false);
            setDraft(next);
          }}
        />
        {!checked.success ? (
          <ul className="error-text" role="alert">
            {checked.error.issues.map((issue, index) => (
              <li key={index}>
                {issue.path.join('.')}: {issue.message}
              </li>
            ))}
          </ul>
        ) : null}
        {update.error ? <p className="error-text" role="alert">{update.error.message}</p> : null}
        <div className="form-actions">
          {saved && !dirty ? <span className="ok-text">Saved.</span> : null}
          {dirty ? <span className="warn-text small" data-testid="unsaved">Unsaved changes</span> : null}
          <button type="button" disabled={!dirty} onClick={() => setDraft(null)}>
            Discard
          </button>
          <button type="submit" className="primary" disabled={!dirty || !checked.success || update.isPending}>
            {update.isPending ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
      <ChannelsSection />
      <TrustSuggestions />
      <RulesEditor />
    </div>
  );
}
