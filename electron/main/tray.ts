/**
 * The tray / menu-bar icon: renders trayModel() into an Electron Tray and Menu. All decisions are
 * in tray-model.ts; this file only maps descriptors to Electron objects and clicks to actions.
 */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import { trayIconPng } from './icons/draw-icons';
import { menuTemplate } from './tray-menu';
import { trayClickOpensWindow, type TrayAction, type TrayIconName, type TrayModel } from './tray-model';

const imageCache = new Map<TrayIconName, NativeImage>();

/** 16 px plus a 32 px representation for 2x displays, drawn in code (icons/draw-icons.ts). */
export function trayImage(name: TrayIconName): NativeImage {
  let image = imageCache.get(name);
  if (!image) {
    image = nativeImage.createFromBuffer(trayIconPng(name, 16), { scaleFactor: 1 });
    image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(name, 32) });
    imageCache.set(name, image);
  }
  return image;
}

export class TrayController {
  private readonly tray: Tray;
  private icon: TrayIconName | null = null;

  constructor(
    private readonly onAction: (action: TrayAction) => void,
    onOpen: () => void,
  ) {
    this.tray = new Tray(trayImage('paused'));
    this.tray.setToolTip('Mission Control');
    if (trayClickOpensWindow(process.platform)) this.tray.on('click', onOpen);
  }

  render(model: TrayModel): void {
    if (model.icon !== this.icon) {
      this.tray.setImage(trayImage(model.icon));
      this.icon = model.icon;
    }
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model, this.onAction)));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
