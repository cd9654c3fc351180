/**
 * Catches a render error in one view so the rest of the app (navigation, other views) keeps
 * working; "Try again" re-mounts the view. Keyed by route in the app shell.
 */
import { Component, type ReactNode } from 'react';
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
    if (this.state.error) return <ErrorState error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
