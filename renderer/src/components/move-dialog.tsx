/**
 * "Move to…": the keyboard way to reschedule a calendar item (and a precise one for the mouse): a
 * day of the shown week in one press, or any date and time. The engine records the move as a
 * 'rescheduled' decision and refuses a time in the past (the message is shown here).
 */
import { useState, type FormEvent } from 'react';
import type { CalendarItem } from '../../../shared/calendar';
import { localClock, localDate, weekdayShort, weekdayOf } from '../../../shared/zoned-time';
import { useApiMutation } from '../hooks/use-api';
import { instantOn } from './calendar-model';
import { Modal } from './modal';

export function MoveDialog({ item, days, timeZone, onClose, onMoved }: { item: CalendarItem; days: string[]; timeZone: string; onClose: () => void; onMoved: (text: string) => void }) {
  const [day, setDay] = useState(localDate(new Date(item.at), timeZone));
  const [clock, setClock] = useState(localClock(new Date(item.at), timeZone));
  const move = useApiMutation('tasks:reschedule', ['calendar:list', 'tasks:list', 'tasks:get', 'digest:get', 'approvals:list']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(clock)) return;
    move.mutate(
      { id: item.taskId, at: instantOn(day, clock, timeZone) },
      {
        onSuccess: () => {
          onMoved(`Moved "${item.title}" to ${weekdayShort[weekdayOf(day)]} ${day} ${clock}.`);
          onClose();
        },
      },
    );
  };

  return (
    <Modal title={`Move “${item.title}”`} onClose={onClose}>
      <form className="form move-menu" onSubmit={submit}>
        <div role="group" aria-label="Day of this week" className="chip-row">
          {days.map((entry) => (
            <button key={entry} type="button" className="chip" aria-pressed={entry === day} onClick={() => setDay(entry)}>
              {weekdayShort[weekdayOf(entry)]} {entry.slice(8)}
            </button>
          ))}
        </div>
        <div className="form-row">
          <label>
            Date
            <input type="date" value={day} onChange={(event) => setDay(event.target.value)} data-autofocus />
          </label>
          <label>
            Time ({timeZone})
            <input type="time" value={clock} onChange={(event) => setClock(event.target.value)} />
          </label>
        </div>
        {item.kind === 'window' ? <p className="muted small">Outside its channel’s hours it still waits for them.</p> : null}
        {move.error ? (
          <p className="error-text" role="alert">
            {move.error.message}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={move.isPending}>
            {move.isPending ? 'Moving…' : 'Move'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
