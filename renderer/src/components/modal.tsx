/**
 * A modal dialog (native <dialog>: the rest of the page is inert, Escape closes). On open it
 * focuses its first field (not the × button: typed text must land in the field, seen 1), keeps
 * Tab inside, submits its form on Ctrl/⌘+Enter, and tells dialog-guard it is open so no inbox
 * shortcut acts behind it, also for a moment after it closes.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { announce } from './announce';
import { dialogOpened } from './dialog-guard';

const focusable = 'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';
const fields = 'input:not([disabled]):not([type="hidden"]):not([type="checkbox"]), textarea:not([disabled]), select:not([disabled])';

export function Modal({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const openedAs = useRef(title);
  useEffect(() => {
    const dialog = ref.current;
    const closed = dialogOpened();
    if (dialog && !dialog.open) dialog.showModal();
    const body = dialog?.querySelector('.modal-body');
    const first = body?.querySelector<HTMLElement>('[data-autofocus]') ?? body?.querySelector<HTMLElement>(fields) ?? body?.querySelector<HTMLElement>(focusable);
    first?.focus();
    announce(`${openedAs.current} dialog. Escape closes it.`);
    return () => {
      dialog?.close();
      closed();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    // Keys typed in a dialog are the dialog's: never the inbox's shortcuts.
    event.stopPropagation();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      const form = ref.current?.querySelector('form');
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(focusable)].filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`modal ${wide ? 'modal-wide' : ''}`}
      aria-label={title}
      aria-modal="true"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="modal-head">
        <h2>{title}</h2>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close dialog" title="Close (Esc)">
          ×
        </button>
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
