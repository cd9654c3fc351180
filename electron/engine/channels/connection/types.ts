/**
 * The engine side of a channel's connection: every channel (Gmail, X, Meta, Brevo, OpenCart,
 * Google Ads) implements this once, from its descriptor (shared/channel-connection.ts). The API
 * (channels:list/connect/check/disconnect), the CLI (`mission-control channels ...`), the
 * executor (tasks held while a channel needs reconnecting) and the tray all go through it.
 *
 * Secrets live only in the SecretStore (safeStorage in the app, the 0600 file headless); the
 * database never sees one.
 */
import type { ChannelDescriptor, ConnectionStatus } from '../../../../shared/channel-connection';

export interface ConnectContext {
  /** Aborted when the engine closes: a pending browser sign-in ends. */
  signal: AbortSignal;
  /** Opens the consent page in the person's browser (desktop: shell.openExternal; CLI: prints it and tries xdg-open/open). */
  openBrowser: (url: string) => Promise<void>;
  now: () => Date;
}

/**
 * What connect answers at once. Form methods have checked and saved the credentials already
 * (`done` is resolved). OAuth methods answer with the consent URL; `done` settles when the person
 * finishes (or abandons) the sign-in in the browser.
 */
export interface ConnectStart {
  authUrl: string | null;
  message: string;
  done: Promise<ConnectionStatus>;
}

export interface ChannelConnection {
  readonly descriptor: ChannelDescriptor;
  /** From the SecretStore and the environment only (no network): cheap, called for every list. */
  status(): Promise<ConnectionStatus>;
  /** Null when the channel can act now; otherwise the sentence a held or failed task shows. */
  unavailableReason(): Promise<string | null>;
  /**
   * Validates `values` against the method's fields (a refusal is an EngineError invalid_input
   * with FieldErrors details, one message per field), then connects: form methods check the
   * credentials with the provider before saving them; OAuth methods start the browser sign-in.
   */
  connect(methodId: string, values: Record<string, string>, context: ConnectContext): Promise<ConnectStart>;
  /** One cheap read against the provider (who am I). Marks needs_reconnect when the provider refuses the credentials. */
  check(signal: AbortSignal): Promise<ConnectionStatus>;
  /** Forgets what this app stored (tokens, keys, saved OAuth client). Environment variables stay: status says so. */
  disconnect(): Promise<void>;
  /** Called by the channel when the provider refuses the credentials mid-task (revoked, expired): tasks are held. */
  markReconnectNeeded(reason: string): Promise<void>;
}
