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
    /** Forgets the failure, so the next render fetches the view again. */
    readonly retry: () => void,
  ) {
    super(`The ${viewName} view could not be loaded${cause instanceof Error && cause.message ? ` (${cause.message})` : ''}.`, { cause });
    this.name = 'ViewLoadError';
  }
}

/** A lazily loaded view component with `preload()`; after a failed load, `ViewLoadError.retry` starts over. */
export type LazyView<P extends object> = ComponentType<P> & { preload(): void };

/**
 * `name` is the view's title (shown while loading and in a load error); `load` resolves the
 * component, e.g. `() => import('./views/settings-view').then((m) => m.SettingsView)`.
 */
export function lazyView<P extends object>(name: string, load: () => Promise<ComponentType<P>>): LazyView<P> {
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  // A rejected React.lazy stays rejected: the failed one is kept (so the boundary shows the error
  // instead of React retrying in a loop) until Retry replaces it.
  const retry = () => {
    pending = null;
    current = lazy(start);
  };
  const start = () =>
    (pending ??= load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        throw new ViewLoadError(name, error, retry);
      },
    ));
  let current: LazyExoticComponent<ComponentType<P>> = lazy(start);

  const View = (props: P) => {
    const Current = current;
    return <Current {...props} />;
  };
  View.displayName = `LazyView(${name})`;
  // A failed preload (hover) is forgotten: opening the view fetches again.
  View.preload = () =>
    void start().catch(() => {
      pending = null;
    });
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
