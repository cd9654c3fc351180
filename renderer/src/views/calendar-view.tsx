/**
 * Calendar: a week (Monday first, in the shop's time zone) of everything scheduled or held for a
 * time — scheduled e-mails, posts and newsletters, tasks waiting for their channel's hours,
 * retries. Drag an item to another day to move it (same time of day), or focus it and press M
 * ("Move to…"); arrow keys move between days and items, Enter opens the task. Every move is a
 * recorded 'rescheduled' decision (tasks:reschedule).
 */
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { calendarKindLabels, type CalendarItem } from '../../../shared/calendar';
import { addDays, localClock, localDate, weekdayNames, weekdayOf } from '../../../shared/zoned-time';
import { useApi, useApiMutation } from '../hooks/use-api';
import { navigate, routeHref } from '../hooks/use-route';
import { groupByDay, instantOn, moveFocus, movedTo, weekDays, weekStart, type GridPosition } from '../components/calendar-model';
import { MoveDialog } from '../components/move-dialog';
import { ErrorState, Loading } from '../components/states';
import '../schedule.css';

function Week({ start, timeZone }: { start: string; timeZone: string }) {
  const days = weekDays(start);
  const list = useApi('calendar:list', { from: instantOn(start, '00:00', timeZone), days: 8 });
  const move = useApiMutation('tasks:reschedule', ['calendar:list', 'tasks:list', 'tasks:get', 'digest:get']);
  const [active, setActive] = useState<GridPosition | null>(null);
  const [moving, setMoving] = useState<CalendarItem | null>(null);
  const [dropDay, setDropDay] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const refs = useRef(new Map<string, HTMLAnchorElement>());
  const today = localDate(new Date(), timeZone);

  const groups = groupByDay(list.data?.items ?? [], days, timeZone);
  const columns = days.map((day) => groups.get(day) ?? []);
  const counts = columns.map((items) => items.length);
  const focusKey = active ? columns[active.day]?.[active.index]?.taskId : undefined;
  const firstKey = columns.flat()[0]?.taskId;

  useEffect(() => {
    if (focusKey && refs.current.get(focusKey) !== document.activeElement && refs.current.get(focusKey)?.closest('.calendar-week')?.contains(document.activeElement)) {
      refs.current.get(focusKey)?.focus();
    }
  }, [focusKey]);

  if (list.isPending) return <Loading label="Loading the week…" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!active || event.altKey || event.ctrlKey || event.metaKey) return;
    const item = columns[active.day]?.[active.index];
    if ((event.key === 'm' || event.key === 'M') && item) {
      event.preventDefault();
      setMoving(item);
      return;
    }
    const next = moveFocus(counts, active, event.key);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    const key = columns[next.day]?.[next.index]?.taskId;
    if (key) refs.current.get(key)?.focus();
  };

  const onDrop = (event: DragEvent<HTMLElement>, day: string) => {
    event.preventDefault();
    setDropDay(null);
    const id = event.dataTransfer.getData('text/plain');
    const item = list.data.items.find((entry) => entry.taskId === id);
    if (!item || localDate(new Date(item.at), timeZone) === day) return;
    const at = movedTo(item, day, timeZone);
    move.mutate(
      { id, at },
      {
        onSuccess: () => setAnnounce(`Moved "${item.title}" to ${weekdayNames[weekdayOf(day)]} ${localClock(new Date(at), timeZone)}.`),
        onError: (error) => setAnnounce(`Could not move "${item.title}": ${error.message}`),
      },
    );
  };

  return (
    <>
      <p className="muted small" aria-live="polite" role="status" data-testid="calendar-status">
        {announce || `${list.data.items.length} item${list.data.items.length === 1 ? '' : 's'} this week · times in ${timeZone} · drag to another day, or focus one and press M to move it`}
      </p>
      <div className="calendar-week" onKeyDown={onKeyDown}>
        {days.map((day, dayIndex) => (
          <section
            key={day}
            className={`calendar-day ${day === today ? 'today' : ''} ${dropDay === day ? 'drop-target' : ''}`}
            aria-labelledby={`day-${day}`}
            data-day={day}
            onDragOver={(event) => {
              event.preventDefault();
              setDropDay(day);
            }}
            onDragLeave={() => setDropDay((current) => (current === day ? null : current))}
            onDrop={(event) => onDrop(event, day)}
          >
            <h2 id={`day-${day}`}>
              <span>{weekdayNames[weekdayOf(day)]}</span>
              <span className="muted">{day.slice(8)}/{day.slice(5, 7)}</span>
            </h2>
            <ul aria-label={`${weekdayNames[weekdayOf(day)]} ${day}`}>
              {columns[dayIndex]!.length === 0 ? <li className="calendar-empty">Nothing</li> : null}
              {columns[dayIndex]!.map((item, index) => (
                <li key={item.taskId}>
                  <a
                    ref={(element) => void (element ? refs.current.set(item.taskId, element) : refs.current.delete(item.taskId))}
                    href={routeHref({ view: 'task', id: item.taskId })}
                    className={`calendar-item kind-${item.kind} ${focusKey === item.taskId ? 'active' : ''}`}
                    data-task-id={item.taskId}
                    draggable
                    tabIndex={(focusKey ?? firstKey) === item.taskId ? 0 : -1}
                    aria-keyshortcuts="M"
                    aria-description={item.holdReason ?? undefined}
                    onFocus={() => setActive({ day: dayIndex, index })}
                    onDragStart={(event) => {
                      event.dataTransfer.setData('text/plain', item.taskId);
                      event.dataTransfer.effectAllowed = 'move';
                    }}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate({ view: 'task', id: item.taskId });
                    }}
                  >
                    <span className="time">{localClock(new Date(item.at), timeZone)}</span> <span className="muted">{calendarKindLabels[item.kind]}</span>
                    <span className="title">{item.title}</span>
                    <span className="muted meta">
                      {item.channel ?? item.agent}
                      {item.awaitingApproval ? ' · needs approval' : ''}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      {moving ? <MoveDialog item={moving} days={days} timeZone={timeZone} onClose={() => setMoving(null)} onMoved={setAnnounce} /> : null}
    </>
  );
}

export function CalendarView({ week }: { week: string | null }) {
  const settings = useApi('settings:get', {});
  if (settings.isPending) return <Loading label="Loading the calendar…" />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const timeZone = settings.data.settings.timeZone;
  const start = weekStart(week ?? localDate(new Date(), timeZone));
  return (
    <div className="view calendar">
      <header className="view-head">
        <h1>Calendar</h1>
        <span className="muted">
          Week of {start} ({timeZone})
        </span>
        <nav className="day-nav" aria-label="Week">
          <a className="button-link" href={routeHref({ view: 'calendar', week: addDays(start, -7) })}>
            ← Previous week
          </a>
          <a className="button-link" href={routeHref({ view: 'calendar' })}>
            This week
          </a>
          <a className="button-link" href={routeHref({ view: 'calendar', week: addDays(start, 7) })}>
            Next week →
          </a>
        </nav>
      </header>
      <Week key={start} start={start} timeZone={timeZone} />
    </div>
  );
}
