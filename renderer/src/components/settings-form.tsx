/** The settings fields; a field forced by an environment variable is disabled and says which. */
import { limitKeys } from '../../../shared/domain';
import { unmatchedPolicies, type Settings } from '../../../shared/settings';
import { AdsCapsFields } from './ads-caps-fields';
import { humanize, limitLabels } from './format';
import { ScheduleFields } from './schedule-fields';

interface Props {
  draft: Settings;
  locked: Record<string, string>;
  onChange: (next: Settings) => void;
}

export function Locked({ name }: { name: string | undefined }) {
  return name ? (
    <span className="locked" title={`Set by the environment variable ${name}; change it there and restart.`}>
      Locked by <code>{name}</code>
    </span>
  ) : null;
}

export function NumberField({ label, value, onChange, disabled, unit, min }: { label: string; value: number; onChange: (value: number) => void; disabled?: boolean; unit?: string; min?: number }) {
  return (
    <label className="number-field">
      {label}
      <span className="with-unit">
        <input type="number" step="any" value={Number.isFinite(value) ? value : ''} min={min ?? 0} disabled={disabled} onChange={(event) => onChange(event.target.value === '' ? Number.NaN : Number(event.target.value))} />
        {unit ? <span className="muted">{unit}</span> : null}
      </span>
    </label>
  );
}

export function SettingsForm({ draft, locked, onChange }: Props) {
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => onChange({ ...draft, [key]: value });
  const toggle = (key: 'autoExecution' | 'dryRun' | 'globalPause' | 'notificationsEnabled', label: string, help: string) => (
    <div className="toggle-row">
      <label className="inline">
        <input type="checkbox" checked={draft[key]} disabled={!!locked[key]} onChange={(event) => set(key, event.target.checked)} aria-label={label} />
        <strong>{label}</strong>
      </label>
      <Locked name={locked[key]} />
      <div className="muted small">{help}</div>
    </div>
  );

  return (
    <div className="settings-grid">
      <fieldset>
        <legend>Executor</legend>
        {toggle('autoExecution', 'Auto-execution', 'Master switch. Off: nothing executes; each poll reports what would run.')}
        {toggle('dryRun', 'Dry-run', 'Handlers build previews and send nothing; tasks still move through their states.')}
        {toggle('globalPause', 'Paused', 'Stops all execution within a second; survives restarts.')}
        {toggle('notificationsEnabled', 'Notifications', 'Desktop notifications for approvals and escalations.')}
        <NumberField label="Poll interval" unit="seconds" min={1} value={draft.pollIntervalMs / 1000} disabled={!!locked.pollIntervalMs} onChange={(value) => set('pollIntervalMs', Math.round(value * 1000))} />
        <Locked name={locked.pollIntervalMs} />
        <label>
          Tasks no rule covers
          <select value={draft.unmatchedPolicy} onChange={(event) => set('unmatchedPolicy', event.target.value as Settings['unmatchedPolicy'])}>
            {unmatchedPolicies.map((policy) => (
              <option key={policy} value={policy}>
                {policy === 'follow_flag' ? "ask only when the task's agent asks" : humanize(policy)}
              </option>
            ))}
          </select>
        </label>
        <NumberField label="Undo window after approving" unit="seconds" value={draft.approvalUndoSeconds} onChange={(value) => set('approvalUndoSeconds', value)} />
        <div className="muted small">An approved task waits this long before it runs, so you can undo it. 0: runs at once.</div>
        <label>
          Alert e-mail
          <input type="email" value={draft.alertEmail ?? ''} disabled={!!locked.alertEmail} onChange={(event) => set('alertEmail', event.target.value.trim() || null)} />
        </label>
        <Locked name={locked.alertEmail} />
      </fieldset>
      <fieldset>
        <legend>Retry policy</legend>
        <NumberField label="Max attempts" min={1} value={draft.retry.maxAttempts} onChange={(value) => set('retry', { ...draft.retry, maxAttempts: value })} />
        <NumberField label="Wait before the first retry (doubles each time)" unit="seconds" value={draft.retry.baseDelayMs / 1000} onChange={(value) => set('retry', { ...draft.retry, baseDelayMs: Math.round(value * 1000) })} />
        <NumberField label="Longest wait between retries" unit="minutes" value={draft.retry.maxDelayMs / 60_000} onChange={(value) => set('retry', { ...draft.retry, maxDelayMs: Math.round(value * 60_000) })} />
        <NumberField label="Give up on a stuck run after" unit="minutes" min={0.1} value={draft.leaseMs / 60_000} onChange={(value) => set('leaseMs', Math.round(value * 60_000))} />
        <div className="muted small">If the app stops mid-run, another run may pick the task up (after checking what was sent) once this time has passed.</div>
      </fieldset>
      <fieldset>
        <legend>Daily limits (rolling 24 h)</legend>
        {limitKeys.map((key) => (
          <NumberField key={key} label={limitLabels[key] ?? key} value={draft.dailyLimits[key]} onChange={(value) => set('dailyLimits', { ...draft.dailyLimits, [key]: value })} />
        ))}
      </fieldset>
      <AdsCapsFields caps={draft.adsCaps} locked={locked.adsCaps} onChange={(caps) => set('adsCaps', caps)} />
      <ScheduleFields draft={draft} locked={locked} onChange={(patch) => onChange({ ...draft, ...patch })} />
      <fieldset>
        <legend>Trust and duplicates</legend>
        <NumberField label="Suggest a rule after approvals without changes" min={2} value={draft.trustThreshold} onChange={(value) => set('trustThreshold', value)} />
        <NumberField label="Compare with tasks of the last" unit="days" min={1} value={draft.duplicateWindowDays} onChange={(value) => set('duplicateWindowDays', value)} />
        <NumberField label="Texts this alike are possible duplicates (0.5-1)" min={0.5} value={draft.duplicateSimilarity} onChange={(value) => set('duplicateSimilarity', value)} />
      </fieldset>
    </div>
  );
}
