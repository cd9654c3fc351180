/**
 * The app's identity, shared by main, electron-builder.yml and the engine: the product name
 * decides Electron's userData folder, which must be the folder engine/paths.ts computes without
 * Electron (so `mission-control` finds the desktop app's database). A unit test keeps them equal.
 */
import { productName } from '../engine/paths';
import { deepLinkScheme } from './routes';

export const appProductName = productName;
/** electron-builder appId and Windows AppUserModelID (toasts are attributed to it). */
export const appId = 'za.co.audico.mission-control';
export const appProtocol = deepLinkScheme;
