/**
 * Light/dark theme: follows prefers-color-scheme until the person picks one; the pick is kept in
 * localStorage and applied as `data-theme` on <html> (CSS variables do the rest). The pick is also
 * kept in the `mc_theme` cookie, so `mission-control serve` writes `data-theme` into a page it
 * renders before any script runs; localStorage stays the truth when the two disagree.
 */
import { useEffect, useState } from 'react';
import { usePageSeed } from '../ssr/page-seed';

export type ThemeChoice = 'system' | 'light' | 'dark';
const storageKey = 'mc-theme';

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** The cookie electron/server/page-render.ts reads (a year; removed for "system"). */
export const themeCookie = 'mc_theme';

function writeCookie(choice: ThemeChoice): void {
  try {
    document.cookie = choice === 'system' ? `${themeCookie}=; Path=/; Max-Age=0; SameSite=Strict` : `${themeCookie}=${choice}; Path=/; Max-Age=31536000; SameSite=Strict`;
  } catch {
    // No cookies (file:// in the desktop window): nothing renders ahead there.
  }
}

export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  // A server-rendered page starts from the theme it was rendered with (the cookie's).
  const seeded = usePageSeed()?.theme;
  const [choice, setChoice] = useState<ThemeChoice>(() => seeded ?? readChoice());
  useEffect(() => {
    if (seeded === undefined) return;
    const stored = readChoice();
    // Only after hydration may the render differ from the server's: localStorage wins over a stale cookie.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (stored !== seeded) setChoice(stored);
  }, [seeded]);
  useEffect(() => {
    writeCookie(choice);
    const root = document.documentElement;
    if (choice === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', choice);
    try {
      if (choice === 'system') localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, choice);
    } catch {
      // Storage may be unavailable (private mode); the choice still applies for this session.
    }
  }, [choice]);
  return [choice, setChoice];
}
