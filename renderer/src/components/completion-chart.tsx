/** Completion over 24 h (hourly) and 7 days (daily) as stacked bars, with the completion rates. */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../hooks/use-api';
import { percent } from './format';
import { ErrorState, Loading } from './states';

type Window = '24h' | '7d';

function hourLabel(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${String(date.getHours()).padStart(2, '0')}:00`;
}

function dayLabel(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric' });
}

export function CompletionChart() {
  const [window, setWindow] = useState<Window>('24h');
  const stats = useApi('stats:get', {});
  if (stats.isPending) return <section className="card"><Loading /></section>;
  if (stats.isError) return <section className="card"><ErrorState error={stats.error} /></section>;

  const s = stats.data;
  const data =
    window === '24h'
      ? s.hourly.map((point) => ({ label: hourLabel(point.hour), completed: point.completed, failed: point.failed, rejected: 0 }))
      : s.daily.map((point) => ({ label: dayLabel(point.day), completed: point.completed, failed: point.failed, rejected: point.rejected }));

  return (
    <section className="card chart-card" aria-label="Completion">
      <header className="card-head">
        <h2>Completion</h2>
        <div className="segmented" role="group" aria-label="Window">
          <button type="button" aria-pressed={window === '24h'} onClick={() => setWindow('24h')}>
            24 h · {percent(s.window24h.completionRate)}
          </button>
          <button type="button" aria-pressed={window === '7d'} onClick={() => setWindow('7d')}>
            7 days · {percent(s.window7d.completionRate)}
          </button>
        </div>
      </header>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: 'var(--muted)', fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 11 }} />
            <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} cursor={{ fill: 'var(--hover)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="completed" stackId="a" fill="var(--ok)" isAnimationActive={false} />
            <Bar dataKey="failed" stackId="a" fill="var(--bad)" isAnimationActive={false} />
            {window === '7d' ? <Bar dataKey="rejected" stackId="a" fill="var(--muted)" isAnimationActive={false} /> : null}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="muted small">
        24 h: {s.window24h.completed} completed, {s.window24h.failed} failed, {s.window24h.rejected} rejected · 7 days: {s.window7d.completed} completed,{' '}
        {s.window7d.failed} failed, {s.window7d.rejected} rejected
      </p>
    </section>
  );
}
