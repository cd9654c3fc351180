/**
 * Whether keyboard shortcuts must stay quiet because a dialog is open or was just closed (seen 1:
 * a keypress meant for a closing dialog must never approve a task behind it). The Modal registers
 * here; the inbox and the command palette ask `shortcutsBlocked()` before acting.
 */

/** How long after a dialog closes its keystrokes are still treated as meant for it. Default 400 ms. */
export const closingGraceMs = 400;

let openCount = 0;
let lastClosedAt = -Infinity;

/** Called by Modal on open; returns the function to call on close. */
export function dialogOpened(): () => void {
  openCount++;
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    openCount--;
    lastClosedAt = performance.now();
  };
}

/** True while any dialog is open or closing (also a native <dialog open> not made by Modal). */
export function shortcutsBlocked(now = performance.now()): boolean {
  if (openCount > 0 || now - lastClosedAt < closingGraceMs) return true;
  return typeof document !== 'undefined' && document.querySelector('dialog[open]') !== null;
}
