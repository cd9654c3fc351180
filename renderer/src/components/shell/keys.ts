/** Keyboard helpers shared by the inbox, the shortcut sheet and the command palette. */

/** True when a key goes to a field or a dialog, not to the page's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest?.('dialog'));
}

/** Every shortcut, for the `?` sheet: [keys, what it does], grouped by where it works. */
export const shortcutGroups: { title: string; keys: [string, string][] }[] = [
  {
    title: 'Anywhere',
    keys: [
      ['Ctrl/⌘ K', 'Command palette: go to a view, pause or resume, run now, find a task'],
      ['?', 'This list of shortcuts'],
      ['u', 'Undo the latest approval while its undo window is open'],
      ['Esc', 'Close a dialog'],
    ],
  },
  {
    title: 'Approvals inbox',
    keys: [
      ['j / k', 'Next / previous task'],
      ['Enter', 'Open the selected task'],
      ['a', 'Approve the selected task'],
      ['r', 'Reject with a reason'],
      ['e', 'Edit then approve'],
      ['s', 'Snooze: decide later'],
      ['d', 'Mark a manual task done'],
      ['x', 'Select for a bulk action'],
    ],
  },
  {
    title: 'In a dialog',
    keys: [
      ['Ctrl/⌘ Enter', 'Submit (reject, save, approve)'],
      ['Tab', 'Next field (stays in the dialog)'],
    ],
  },
];
