/**
 * Screen-reader announcements (aria-live) from anywhere: decisions ("Approved “X”"), dialogs
 * opening. While a modal dialog is open the rest of the page is inert and its live regions are
 * silent, so the message goes to a live region inside the open dialog.
 */
const regionClass = 'mc-announcer';

function regionIn(host: HTMLElement): HTMLElement {
  let region = host.querySelector<HTMLElement>(`:scope > .${regionClass}`);
  if (!region) {
    region = document.createElement('p');
    region.className = `sr-only ${regionClass}`;
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('role', 'status');
    host.append(region);
  }
  return region;
}

/** Announces `text` politely; a repeat of the same text is announced again. */
export function announce(text: string): void {
  const dialogs = document.querySelectorAll<HTMLDialogElement>('dialog[open]');
  const region = regionIn(dialogs[dialogs.length - 1] ?? document.body);
  region.textContent = '';
  // A change after the region exists is what screen readers announce.
  window.setTimeout(() => {
    region.textContent = text;
  }, 60);
}
