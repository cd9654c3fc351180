/**
 * Views load when first opened (React.lazy): the entry chunk carries only the shell, so the first
 * view paints after parsing a fraction of the app. `lazyView` adds what React.lazy lacks: a
 * `preload()` for navigation intent (hover/focus on a nav link), a failed load that can be retried
 * (React.lazy caches a rejection forever), and a named error the view boundary can explain.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Loading } from './states';

/** A view's script could not be fetched (server stopped, app updated under the page, offline). */
export class ViewLoadError extends Error {
  constructor(
    readonly viewName: string,
    cause: unknown,
  ) {
    super(`The ${viewName} view could not be loaded${cause instanceof Error && cause.message ? ` (${cause.message})` : ''}.`, { cause });
    this.name = 'ViewLoadError';
  }
}

/** A lazily loaded view component with `preload()`; a failed load is retried on the next render. */
export type LazyView<P extends object> = ComponentType<P> & { preload(): void };

/**
 * `name` is the view's title (shown while loading and in a load error); `load` resolves the
 * component, e.g. `() => import('./views/settings-view').then((m) => m.SettingsView)`.
 */
export function lazyView<P extends object>(name: string, load: () => Promise<ComponentType<P>>): LazyView<P> {
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () =>
    (pending ??= load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        // Forget the failure so "Retry" (a re-render after the boundary resets) fetches again.
        pending = null;
        current = lazy(start);
        throw new ViewLoadError(name, error);
      },
    ));
  let current: LazyExoticComponent<ComponentType<P>> = lazy(start);

  const View = (props: P) => {
    const Current = current;
    return <Current {...props} />;
  };
  View.displayName = `LazyView(${name})`;
  View.preload = () => void start().catch(() => undefined);
  return View;
}

/**
 * Suspense fallback while a view's chunk loads: the view's title where its heading will be (no
 * layout jump when it arrives) and a status line that screen readers announce. The spinner shows
 * only after a short delay (styles.css `.view-loading`), so a fast load does not flash.
 */
export function ViewLoading({ name }: { name: string }) {
  return (
    <div className="view view-loading" aria-busy="true">
      <div className="view-head">
        <span className="view-loading-title" aria-hidden="true">
          {name}
        </span>
      </div>
      <Loading label={`Loading ${name}…`} />
    </div>
  );
}
