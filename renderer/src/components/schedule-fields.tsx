/**
 * Settings → "Hours, quiet hours and digest": the shop's time zone, each channel's send window
 * (any time / between hours / at set times, on chosen days), Kenny's quiet hours for notifications
 * and the daily digest. Plain fields; the shared zod schema checks them before saving.
 */
import { describeSchedule, scheduledChannelNames, scheduledChannels, type ChannelSchedule, type QuietHours, type ScheduledChannel } from '../../../shared/send-schedule';
import type { Settings } from '../../../shared/settings';
import { weekdayShort } from '../../../shared/zoned-time';
import { Locked } from './settings-form';
import '../schedule.css';

type Patch = Partial<Pick<Settings, 'timeZone' | 'sendSchedule' | 'quietHours' | 'digest'>>;

const defaultWindow: ChannelSchedule = { mode: 'window', days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00', times: [], graceMinutes: 15 };
const weekOrder = [1, 2, 3, 4, 5, 6, 0];

const zones = (current: string): string[] => {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
};

function DayPicker({ days, label, onChange }: { days: number[]; label: string; onChange: (days: number[]) => void }) {
  return (
    <div className="day-picker" role="group" aria-label={label}>
      {weekOrder.map((day) => (
        <label key={day} className="inline day-box">
          <input type="checkbox" checked={days.includes(day)} onChange={(event) => onChange(event.target.checked ? [...days, day].sort() : days.filter((d) => d !== day))} />
          {weekdayShort[day]}
        </label>
      ))}
    </div>
  );
}

function ChannelRow({ id, rule, onChange }: { id: ScheduledChannel; rule: ChannelSchedule | undefined; onChange: (rule: ChannelSchedule | undefined) => void }) {
  const name = scheduledChannelNames[id];
  const current = rule ?? { ...defaultWindow, mode: 'always' as const };
  const set = (patch: Partial<ChannelSchedule>) => onChange({ ...current, ...patch });
  return (
    <tr data-channel={id}>
      <th scope="row">{name}</th>
      <td>
        <select
          aria-label={`${name}: when it may send`}
          value={current.mode}
          onChange={(event) => {
            const mode = event.target.value as ChannelSchedule['mode'];
            onChange(mode === 'always' ? undefined : { ...current, mode, times: mode === 'times' && current.times.length === 0 ? ['09:00'] : current.times });
          }}
        >
          <option value="always">Any time</option>
          <option value="window">Between hours</option>
          <option value="times">At set times</option>
        </select>
      </td>
      <td>{current.mode === 'always' ? <span className="muted small">—</span> : <DayPicker days={current.days} label={`${name}: days`} onChange={(days) => set({ days })} />}</td>
      <td className="hours-cell">
        {current.mode === 'window' ? (
          <span className="time-pair">
            <input type="time" aria-label={`${name}: from`} value={current.start} onChange={(event) => set({ start: event.target.value })} />
            <span aria-hidden="true">–</span>
            <input type="time" aria-label={`${name}: until`} value={current.end === '24:00' ? '23:59' : current.end} onChange={(event) => set({ end: event.target.value })} />
          </span>
        ) : current.mode === 'times' ? (
          <span className="time-pair">
            <input
              type="text"
              className="times-input"
              aria-label={`${name}: times (comma-separated, HH:MM)`}
              value={current.times.join(', ')}
              onChange={(event) => set({ times: event.target.value.split(/[,\s]+/).filter(Boolean) })}
            />
            <label className="inline small">
              grace
              <input type="number" min={1} max={720} aria-label={`${name}: minutes after each time`} value={current.graceMinutes} onChange={(event) => set({ graceMinutes: Number(event.target.value) })} />
              min
            </label>
          </span>
        ) : null}
      </td>
      <td className="muted small">{describeSchedule(rule)}</td>
    </tr>
  );
}

export function ScheduleFields({ draft, locked, onChange }: { draft: Settings; locked: Record<string, string>; onChange: (patch: Patch) => void }) {
  const quiet = draft.quietHours;
  const setQuiet = (patch: Partial<QuietHours>) => onChange({ quietHours: { ...quiet, ...patch } });
  return (
    <fieldset className="schedule-fields">
      <legend>Hours, quiet hours and digest</legend>
      <label className="zone-field">
        Shop time zone
        <select value={draft.timeZone} disabled={!!locked.timeZone} onChange={(event) => onChange({ timeZone: event.target.value })}>
          {zones(draft.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <Locked name={locked.timeZone} />
      <div className="muted small">When each channel may send. A task ready outside its hours waits (“Goes out at 08:00 Monday”): no attempt, no failure.</div>
      <div className="table-scroll">
        <table className="table compact schedule-table">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Sends</th>
              <th scope="col">Days</th>
              <th scope="col">Hours</th>
              <th scope="col">In words</th>
            </tr>
          </thead>
          <tbody>
            {scheduledChannels.map((id) => (
              <ChannelRow key={id} id={id} rule={draft.sendSchedule[id]} onChange={(rule) => onChange({ sendSchedule: { ...draft.sendSchedule, [id]: rule } })} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="schedule-pair">
        <div className="sub-group" role="group" aria-labelledby="quiet-title">
          <strong id="quiet-title">My quiet hours (desktop notifications)</strong>
          <label className="inline">
            <input type="checkbox" checked={quiet.enabled} onChange={(event) => setQuiet({ enabled: event.target.checked })} />
            Hold notifications during quiet hours
          </label>
          <span className="time-pair">
            <input type="time" aria-label="Quiet from" value={quiet.start} onChange={(event) => setQuiet({ start: event.target.value })} />
            <span aria-hidden="true">–</span>
            <input type="time" aria-label="Quiet until" value={quiet.end} onChange={(event) => setQuiet({ end: event.target.value })} />
          </span>
          <DayPicker days={quiet.days} label="Quiet hours: nights starting on" onChange={(days) => setQuiet({ days })} />
          <label className="inline">
            <input type="checkbox" checked={quiet.allowUrgent} onChange={(event) => setQuiet({ allowUrgent: event.target.checked })} />
            Urgent ones still interrupt
          </label>
        </div>
        <div className="sub-group" role="group" aria-labelledby="digest-title">
          <strong id="digest-title">Daily digest</strong>
          <label className="inline">
            <input type="checkbox" checked={draft.digest.enabled} onChange={(event) => onChange({ digest: { ...draft.digest, enabled: event.target.checked } })} />
            Make a daily digest
          </label>
          <label className="inline">
            At
            <input type="time" aria-label="Digest time" value={draft.digest.time} onChange={(event) => onChange({ digest: { ...draft.digest, time: event.target.value } })} />
          </label>
          <label className="inline">
            <input type="checkbox" checked={draft.digest.email} onChange={(event) => onChange({ digest: { ...draft.digest, email: event.target.checked } })} />
            E-mail it through Gmail (to the alert e-mail, else the Gmail address)
          </label>
        </div>
      </div>
    </fieldset>
  );
}
