/**
 * "Signed out" as a tiny external store: any query or mutation answered 401 flips it, and the
 * app shows the sign-in screen instead of a view full of errors.
 */
import { useSyncExternalStore } from 'react';

let signedOut = false;
const listeners = new Set<() => void>();

export function markSignedOut(): void {
  if (signedOut) return;
  signedOut = true;
  for (const listener of listeners) listener();
}

export function useSignedOut(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => signedOut,
    // The server renders only signed-in requests.
    () => false,
  );
}
