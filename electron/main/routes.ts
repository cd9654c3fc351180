/**
 * Where a click takes Kenny, as a renderer hash route (renderer/src/hooks/use-route.ts), and the
 * `mission-control://` deep links Windows toast buttons activate. Deep links that change state
 * carry this run's nonce, so a link on a web page cannot approve anything.
 */

export const deepLinkScheme = 'mission-control';

export const inboxRoute = '#/approvals';
/** The inbox focused on one task; the renderer opens the inbox (and the task when it supports it). */
export const approvalRoute = (taskId: string) => `#/approvals/${encodeURIComponent(taskId)}`;
export const taskRoute = (taskId: string) => `#/task/${encodeURIComponent(taskId)}`;
export const logsRoute = '#/logs';

/** True for the hash routes the shell may ask the window to show. */
export function isSafeRoute(route: string): boolean {
  return /^#\/[A-Za-z0-9_\-/%.~]*$/.test(route) && route.length <= 300;
}

export type DeepLink =
  | { kind: 'open'; route: string }
  | { kind: 'approve'; taskId: string; nonce: string }
  | { kind: 'reject'; taskId: string; nonce: string };

export function deepLinkUrl(link: DeepLink): string {
  switch (link.kind) {
    case 'open':
      return `${deepLinkScheme}://open/?route=${encodeURIComponent(link.route)}`;
    case 'approve':
    case 'reject':
      return `${deepLinkScheme}://${link.kind}/${encodeURIComponent(link.taskId)}?nonce=${encodeURIComponent(link.nonce)}`;
  }
}

/** Parses a `mission-control://` URL; null for anything else or anything malformed. */
export function parseDeepLink(raw: string): DeepLink | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${deepLinkScheme}:`) return null;
  const kind = url.hostname;
  if (kind === 'open') {
    const route = url.searchParams.get('route') ?? inboxRoute;
    return isSafeRoute(route) ? { kind: 'open', route } : null;
  }
  if (kind !== 'approve' && kind !== 'reject') return null;
  let taskId: string;
  try {
    taskId = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    return null;
  }
  const nonce = url.searchParams.get('nonce') ?? '';
  if (!taskId || taskId.length > 100 || taskId.includes('/')) return null;
  return { kind, taskId, nonce };
}

/** The deep link among a second instance's argv (Windows/Linux pass it as an argument). */
export function findDeepLink(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (arg.startsWith(`${deepLinkScheme}://`)) return parseDeepLink(arg);
  }
  return null;
}
