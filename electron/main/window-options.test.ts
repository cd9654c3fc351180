import { describe, expect, it } from 'vitest';
import { allowPermission, contentSecurityPolicy, dashboardWindowOptions, navigationDecision, withCspHeader } from './window-options';

describe('dashboardWindowOptions', () => {
  it('hardens webPreferences', () => {
    const options = dashboardWindowOptions({ preloadPath: '/app/out/preload/index.cjs', devTools: false, platform: 'linux' });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
    expect(options.show).toBe(false);
    expect(options.minWidth).toBe(1024);
    expect(options.minHeight).toBe(640);
  });

  it('points at the CommonJS preload the build emits', () => {
    const options = dashboardWindowOptions({ preloadPath: '/x/out/preload/index.cjs', devTools: true, platform: 'darwin', iconPath: '/x/icon.png' });
    expect(options.webPreferences?.preload).toMatch(/index\.cjs$/);
    expect(options.icon).toBeUndefined();
    expect(dashboardWindowOptions({ preloadPath: '/p', devTools: false, platform: 'win32', iconPath: '/x/icon.png' }).icon).toBe('/x/icon.png');
  });
});

describe('contentSecurityPolicy', () => {
  it('production: scripts from the app only, no eval, no inline script, no plugins, no framing', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // No inline style either: the e-mail preview styles itself through the CSSOM (email-render.ts).
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it("development: the dev server's websocket and inline preamble, still no eval", () => {
    const csp = contentSecurityPolicy('http://localhost:5173');
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('replaces any CSP header the response carried', () => {
    const headers = withCspHeader({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html' }, "default-src 'none'");
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
  });
});

describe('navigation and permissions', () => {
  const origin = { rendererDir: '/app/out/renderer', devServerUrl: 'http://localhost:5173' };
  it('allows our pages, sends web links to the browser, denies the rest', () => {
    expect(navigationDecision('file:///app/out/renderer/index.html#/queues', origin)).toBe('allow');
    expect(navigationDecision('http://localhost:5173/#/logs', origin)).toBe('allow');
    expect(navigationDecision('https://example.com/post/1', origin)).toBe('open-external');
    expect(navigationDecision('https://user:pw@example.com/', origin)).toBe('deny');
    expect(navigationDecision('file:///etc/passwd', origin)).toBe('deny');
    expect(navigationDecision('javascript:alert(1)', origin)).toBe('deny');
    expect(navigationDecision('smb://host/share', origin)).toBe('deny');
  });

  it('denies every permission', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(allowPermission(permission)).toBe(false);
    }
  });
});
