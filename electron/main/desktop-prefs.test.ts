import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoUpdateEnabled, defaultDesktopPrefs, loginItemSettings, loginItemSupported, readDesktopPrefs, startsHidden, writeDesktopPrefs } from './desktop-prefs';

describe('desktop prefs', () => {
  it('default off; round-trip through the file; damaged file gives defaults', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mc-prefs-')), 'sub', 'desktop-prefs.json');
    expect(await readDesktopPrefs(file)).toEqual({ openAtLogin: false, autoUpdate: false, startHidden: true });
    await writeDesktopPrefs(file, { ...defaultDesktopPrefs, openAtLogin: true });
    expect(await readDesktopPrefs(file)).toEqual({ openAtLogin: true, autoUpdate: false, startHidden: true });
    writeFileSync(file, '{not json');
    expect(await readDesktopPrefs(file)).toEqual(defaultDesktopPrefs);
    writeFileSync(file, '{"openAtLogin":"yes"}');
    expect(await readDesktopPrefs(file)).toEqual(defaultDesktopPrefs);
  });

  it('auto-update: off unless packaged and asked for; the environment wins', () => {
    const on = { ...defaultDesktopPrefs, autoUpdate: true };
    expect(autoUpdateEnabled(defaultDesktopPrefs, {}, true)).toBe(false);
    expect(autoUpdateEnabled(on, {}, true)).toBe(true);
    expect(autoUpdateEnabled(on, {}, false)).toBe(false);
    expect(autoUpdateEnabled(on, { MISSION_CONTROL_AUTO_UPDATE: '0' }, true)).toBe(false);
    expect(autoUpdateEnabled(defaultDesktopPrefs, { MISSION_CONTROL_AUTO_UPDATE: '1' }, true)).toBe(true);
  });

  it('login items', () => {
    expect(loginItemSupported('darwin')).toBe(true);
    expect(loginItemSupported('win32')).toBe(true);
    expect(loginItemSupported('linux')).toBe(false);
    expect(loginItemSettings(true)).toEqual({ openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
    expect(loginItemSettings(false)).toEqual({ openAtLogin: false, openAsHidden: false, args: [] });
    expect(startsHidden(['app', '--hidden'], false)).toBe(true);
    expect(startsHidden(['app'], true)).toBe(true);
    expect(startsHidden(['app'], false)).toBe(false);
  });
});
