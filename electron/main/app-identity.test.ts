import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userDataDir } from '../engine/paths';
import { appId, appProductName, appProtocol } from './app-identity';

const builderYml = readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8');

describe('app identity', () => {
  it('electron-builder.yml names the same product, id and protocol', () => {
    expect(builderYml).toMatch(new RegExp(`^productName: ${appProductName}$`, 'm'));
    expect(builderYml).toMatch(new RegExp(`^appId: ${appId.replace(/\./g, '\\.')}$`, 'm'));
    expect(builderYml).toMatch(new RegExp(`schemes:\\s*\\n\\s*- ${appProtocol}`));
  });

  it("Electron's userData rule (appData + app name) gives the engine's folder on each OS", () => {
    // Electron: appData is ~/Library/Application Support (macOS), %APPDATA% (Windows), $XDG_CONFIG_HOME or ~/.config (Linux).
    const env = { HOME: '/home/kenny', APPDATA: 'C:\\Users\\kenny\\AppData\\Roaming' };
    expect(userDataDir(env, 'darwin')).toBe(join('/home/kenny', 'Library', 'Application Support', appProductName));
    expect(userDataDir(env, 'linux')).toBe(join('/home/kenny', '.config', appProductName));
    expect(userDataDir({ ...env, XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(join('/cfg', appProductName));
    expect(userDataDir(env, 'win32')).toBe(join(env.APPDATA, appProductName));
  });
});
