import { describe, expect, it } from 'vitest';
import { defaultDbPath, userDataDir } from './paths';

describe('user-data folder (same as Electron app.getPath("userData") for "Mission Control")', () => {
  it('follows each OS convention', () => {
    expect(userDataDir({ HOME: '/home/kenny' }, 'linux')).toBe('/home/kenny/.config/Mission Control');
    expect(userDataDir({ HOME: '/home/kenny', XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Mission Control');
    expect(userDataDir({ HOME: '/Users/kenny' }, 'darwin')).toBe('/Users/kenny/Library/Application Support/Mission Control');
    expect(userDataDir({ HOME: 'C:\\Users\\kenny', APPDATA: 'C:\\Users\\kenny\\AppData\\Roaming' }, 'win32')).toMatch(/AppData.Roaming.Mission Control$/);
  });

  it('can be overridden for the folder or the database file', () => {
    expect(defaultDbPath({ HOME: '/home/kenny' }, 'linux')).toBe('/home/kenny/.config/Mission Control/mission-control.db');
    expect(defaultDbPath({ HOME: '/h', MISSION_CONTROL_HOME: '/data/mc' }, 'linux')).toBe('/data/mc/mission-control.db');
    expect(defaultDbPath({ HOME: '/h', MISSION_CONTROL_DB: '/tmp/x.db' }, 'linux')).toBe('/tmp/x.db');
  });
});
