/**
 * Catches a render error in one view so the rest of the app (navigation, other views) keeps
 * working; "Try again" re-mounts the view. Keyed by route in the app shell. A view whose script
 * failed to load (ViewLoadError) says so and retries the fetch; reloading the whole app is the
 * second resort.
 */
import { Component, type ReactNode } from 'react';
import { ViewLoadError } from './lazy-view';
import { ErrorState } from './states';

interface State {
  error: Error | null;
}

export class ViewErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    console.warn('view crashed', error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error instanceof ViewLoadError) {
      return (
        <ViewLoadFailed
          error={error}
          onRetry={() => {
            error.retry();
            this.setState({ error: null });
          }}
        />
      );
    }
    if (error) return <ErrorState error={error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

function ViewLoadFailed({ error, onRetry }: { error: ViewLoadError; onRetry: () => void }) {
  return (
    <div className="view">
      <div className="state state-error" role="alert">
        <strong>Couldn’t load {error.viewName}</strong>
        <div>Part of the dashboard could not be fetched. Check that Mission Control is still running, then retry.</div>
        <div className="muted">{error.message}</div>
        <div className="state-actions">
          <button type="button" className="primary" onClick={onRetry}>
            Retry
          </button>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the app
          </button>
        </div>
      </div>
    </div>
  );
}
