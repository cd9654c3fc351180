/**
 * Renderer entry, kept tiny: it starts fetching the current route's view and the app at the same
 * time (both are dynamic imports), so nothing waits for React and the contract schemas to be
 * evaluated before the view's chunk is even requested.
 */
import './styles.css';
import { preloadRouteView } from './view-modules';

preloadRouteView(window.location.hash);
void import('./root');
