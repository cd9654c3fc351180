/**
 * Tray menu descriptors -> Electron MenuItemConstructorOptions (pure; only Electron's types are
 * imported, so it is unit-tested in Node): each item with an action gets a click that reports it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayModel } from './tray-model';

export function menuTemplate(model: TrayModel, onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return model.menu.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.action;
    return {
      type: item.type,
      label: item.label,
      enabled: item.enabled,
      ...(item.type === 'checkbox' ? { checked: item.checked } : {}),
      ...(action ? { id: action, click: () => onAction(action) } : {}),
    };
  });
}
