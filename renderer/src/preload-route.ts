/** Side effect, imported first by main.tsx: starts fetching the view the page opens on. */
import { preloadRouteView } from './view-modules';

preloadRouteView(window.location.hash);
