/**
 * The app shell: navigation, executor and sync state at a glance, live-connection indicator, theme toggle,
 * and the current view. Shows the sign-in screen when the HTTP server answers 401.
 */
import { useEffect, useRef } from 'react';
import { useApi } from './hooks/use-api';
import { useLiveEvents } from './hooks/use-live-events';
import { routeHref, useRoute, type Route } from './hooks/use-route';
import { useTheme, type ThemeChoice } from './hooks/use-theme';
import { useClient } from './client/client-context';
import { useSignedOut } from './client/session';
import { AuthScreen } from './views/auth-screen';
import { ApprovalsView } from './views/approvals-view';
import { LogsView } from './views/logs-view';
import { QueuesView } from './views/queues-view';
import { SettingsView } from './views/settings-view';
import { TaskDetailView } from './views/task-detail-view';
import { TodayView } from './views/today-view';
import { ExecutorChip } from './components/executor-chip';
import { SyncChip } from './components/sync-chip';
import { ViewErrorBoundary } from './components/error-boundary';
import { CommandPalette } from './components/shell/command-palette';
import { ShortcutSheet } from './components/shell/shortcut-sheet';
import { UndoToasts } from './components/shell/undo-toast';

const navItems: { route: Route; label: string }[] = [
  { route: { view: 'today' }, label: 'Today' },
  { route: { view: 'approvals' }, label: 'Approvals' },
  { route: { view: 'queues' }, label: 'Queues' },
  { route: { view: 'logs' }, label: 'Logs & alerts' },
  { route: { view: 'settings' }, label: 'Settings' },
];

const nextTheme: Record<ThemeChoice, ThemeChoice> = { system: 'dark', dark: 'light', light: 'system' };

export function App() {
  const client = useClient();
  const route = useRoute();
  const [theme, setTheme] = useTheme();
  const live = useLiveEvents();
  const signedOut = useSignedOut();
  const status = useApi('status:get', {});
  const approvals = useApi('approvals:list', { limit: 200 });
  const content = useRef<HTMLElement>(null);
  const href = routeHref(route);
  // Each view opens at its top: the scroll position of the last one must not carry over.
  useEffect(() => {
    content.current?.scrollTo(0, 0);
  }, [href]);

  if (signedOut) return <AuthScreen />;

  const active = route.view === 'task' ? 'queues' : route.view;
  const waiting = status.data?.counts.awaitingApproval ?? approvals.data?.total ?? 0;

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Mission Control</div>
        <ul>
          {navItems.map((item) => (
            <li key={item.route.view}>
              <a href={routeHref(item.route)} aria-current={active === item.route.view ? 'page' : undefined} className="nav-link">
                {item.label}
                {item.route.view === 'approvals' && waiting > 0 ? (
                  <span className="count" aria-label={`${waiting} waiting`}>
                    {waiting}
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <ExecutorChip status={status.data} />
          <SyncChip />
          <div className={`live ${live ? 'live-on' : 'live-off'}`} title={client.transport === 'ipc' ? 'Desktop (IPC)' : 'Browser (HTTP)'}>
            <span className="dot" aria-hidden="true" />
            {live ? 'Live' : 'Reconnecting…'}
          </div>
          <button type="button" className="ghost theme-toggle" onClick={() => setTheme(nextTheme[theme])} title="Switch theme (system → dark → light)">
            Theme: {theme}
          </button>
        </div>
      </nav>
      <main className="content" ref={content}>
        <ViewErrorBoundary key={routeHref(route)}>
          {route.view === 'today' && <TodayView />}
          {route.view === 'approvals' && <ApprovalsView focusId={route.focus ?? null} />}
          {route.view === 'queues' && <QueuesView />}
          {route.view === 'task' && <TaskDetailView id={route.id} />}
          {route.view === 'logs' && <LogsView />}
          {route.view === 'settings' && <SettingsView />}
        </ViewErrorBoundary>
      </main>
      <UndoToasts />
      <ShortcutSheet />
      <CommandPalette />
    </div>
  );
}
