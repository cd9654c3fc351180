/**
 * The app shell: navigation, executor and sync state at a glance, live-connection indicator, theme toggle,
 * and the current view. Shows the sign-in screen when the HTTP server answers 401. Each view is its
 * own chunk, fetched when first opened (or when its nav link is hovered or focused): one
 * `lazyView` line per view below, and its module in view-modules.ts.
 */
import { Suspense, useEffect, useRef } from 'react';
import { useApi } from './hooks/use-api';
import { useLiveEvents, type LiveState } from './hooks/use-live-events';
import { routeHref, useRoute, type Route } from './hooks/use-route';
import { useTheme, type ThemeChoice } from './hooks/use-theme';
import { useClient } from './client/client-context';
import { useSignedOut } from './client/session';
import { AuthScreen } from './views/auth-screen';
import { ExecutorChip } from './components/executor-chip';
import { SyncChip } from './components/sync-chip';
import { ViewErrorBoundary } from './components/error-boundary';
import { lazyView, ViewLoading } from './components/lazy-view';
import { viewModules } from './view-modules';
import { CommandPalette } from './components/shell/command-palette';
import { ShortcutSheet } from './components/shell/shortcut-sheet';
import { UndoToasts } from './components/shell/undo-toast';
import { InteractiveMark } from './ssr/app-tree';

const TodayView = lazyView('Today', () => viewModules.today().then((m) => m.TodayView));
const ApprovalsView = lazyView('Approvals', () => viewModules.approvals().then((m) => m.ApprovalsView));
const QueuesView = lazyView('Queues', () => viewModules.queues().then((m) => m.QueuesView));
const TaskDetailView = lazyView('Task', () => viewModules.task().then((m) => m.TaskDetailView));
const LogsView = lazyView('Logs & alerts', () => viewModules.logs().then((m) => m.LogsView));
const SettingsView = lazyView('Settings', () => viewModules.settings().then((m) => m.SettingsView));
const CalendarView = lazyView('Calendar', () => viewModules.calendar().then((m) => m.CalendarView));
const DigestView = lazyView('Digest', () => viewModules.digest().then((m) => m.DigestView));

/** `preload` fetches the view's chunk on hover or focus, before the click. */
const navItems: { route: Route; label: string; preload?: () => void }[] = [
  { route: { view: 'today' }, label: 'Today', preload: TodayView.preload },
  { route: { view: 'approvals' }, label: 'Approvals', preload: ApprovalsView.preload },
  { route: { view: 'queues' }, label: 'Queues', preload: QueuesView.preload },
  { route: { view: 'calendar' }, label: 'Calendar', preload: CalendarView.preload },
  { route: { view: 'digest' }, label: 'Digest', preload: DigestView.preload },
  { route: { view: 'logs' }, label: 'Logs & alerts', preload: LogsView.preload },
  { route: { view: 'settings' }, label: 'Settings', preload: SettingsView.preload },
];

const nextTheme: Record<ThemeChoice, ThemeChoice> = { system: 'dark', dark: 'light', light: 'system' };

const liveLabels: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

export function App() {
  const client = useClient();
  const route = useRoute();
  const [theme, setTheme] = useTheme();
  const live = useLiveEvents();
  const signedOut = useSignedOut();
  const status = useApi('status:get', {});
  const content = useRef<HTMLElement>(null);
  const href = routeHref(route);
  // Each view opens at its top: the scroll position of the last one must not carry over.
  useEffect(() => {
    content.current?.scrollTo(0, 0);
  }, [href]);

  if (signedOut) return <AuthScreen />;

  const active = route.view === 'task' ? 'queues' : route.view;
  const waiting = status.data?.counts.awaitingApproval ?? 0;

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Mission Control</div>
        <ul>
          {navItems.map((item) => (
            <li key={item.route.view}>
              <a href={routeHref(item.route)} aria-current={active === item.route.view ? 'page' : undefined} className="nav-link" onPointerEnter={item.preload} onFocus={item.preload}>
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
          <div className={`live live-${live}`} title={client.transport === 'ipc' ? 'Desktop (IPC)' : 'Browser (HTTP)'}>
            <span className="dot" aria-hidden="true" />
            {liveLabels[live]}
          </div>
          <button type="button" className="ghost theme-toggle" onClick={() => setTheme(nextTheme[theme])} title="Switch theme (system → dark → light)">
            Theme: {theme}
          </button>
        </div>
      </nav>
      <main className="content" ref={content}>
        <ViewErrorBoundary key={routeHref(route)}>
          <Suspense fallback={<ViewLoading name={viewTitle(route)} />}>
            {route.view === 'today' && <TodayView />}
            {route.view === 'approvals' && <ApprovalsView focusId={route.focus ?? null} />}
            {route.view === 'queues' && <QueuesView />}
            {route.view === 'task' && <TaskDetailView id={route.id} />}
            {route.view === 'logs' && <LogsView />}
            {route.view === 'settings' && <SettingsView />}
            {route.view === 'calendar' && <CalendarView week={route.week ?? null} />}
            {route.view === 'digest' && <DigestView day={route.day ?? null} />}
            <InteractiveMark />
          </Suspense>
        </ViewErrorBoundary>
      </main>
      <UndoToasts />
      <ShortcutSheet />
      <CommandPalette />
    </div>
  );
}

/** The title shown while a view's chunk loads: its nav label (a task page has none). */
function viewTitle(route: Route): string {
  return navItems.find((item) => item.route.view === route.view)?.label ?? 'Task';
}
