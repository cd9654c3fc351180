/** Side effect, imported first by main.tsx: adopts an old `/#/…` link as a path, then starts fetching the view the page opens on. */
import { adoptHashRoute, currentLocation } from './hooks/use-route';
import { preloadRouteView } from './view-modules';

adoptHashRoute();
preloadRouteView(currentLocation());
