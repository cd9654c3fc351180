/**
 * The inbox's keyboard: j/k move, Enter opens, a/r/e/s/d/x act on the selected task. No key acts
 * while a dialog is open or closing (seen 1), and no key acts on a task whose card is not on
 * screen: it is scrolled into view and the key must be pressed again (seen 2).
 */
import { useEffect } from 'react';
import type { ApprovalItem } from '../../../../shared/contract';
import { shortcutsBlocked } from '../dialog-guard';
import { isTyping } from '../shell/keys';

/** True when the element's box is at least partly inside the window. */
function onScreen(el: Element | null): boolean {
  if (!el) return false;
  const box = el.getBoundingClientRect();
  return box.height > 0 && box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth;
}

export type InboxAction = 'approve' | 'reject' | 'edit' | 'snooze' | 'done' | 'toggle' | 'open';
const actionKeys: Record<string, InboxAction> = { a: 'approve', r: 'reject', e: 'edit', s: 'snooze', d: 'done', x: 'toggle', enter: 'open' };

export function useInboxKeys(options: { enabled: boolean; ids: string[]; current: ApprovalItem | null; select: (id: string) => void; act: (action: InboxAction, item: ApprovalItem) => void; notify: (text: string) => void }) {
  useEffect(() => {
    const { enabled, ids, current, select, act, notify } = options;
    const onKey = (event: KeyboardEvent) => {
      if (!enabled || shortcutsBlocked() || isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      const key = event.key.toLowerCase();
      const index = current ? ids.indexOf(current.task.id) : -1;
      if (key === 'j' || key === 'k') {
        const next = ids[Math.min(Math.max(index + (key === 'j' ? 1 : -1), 0), ids.length - 1)];
        if (next) select(next);
        event.preventDefault();
        return;
      }
      const action = actionKeys[key];
      if (!current || !action) return;
      // Enter on another focused control is that control's own click; on a row's title it opens.
      if (action === 'open' && (event.target as HTMLElement | null)?.closest?.('button:not(.row-title), a')) return;
      event.preventDefault();
      const card = document.querySelector(`.approval-card[data-task-id="${current.task.id}"]`);
      if (!onScreen(card)) {
        card?.scrollIntoView({ block: 'nearest' });
        notify(`“${current.task.title}” was not on screen; it is now. Press ${event.key} again to act on it.`);
        return;
      }
      act(action, current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
