/**
 * A ChannelConnection for credentials a person pastes (an API key, a page token, a database URL)
 * or environment variables supply. The channel gives its descriptor and one `verify` call (a cheap
 * read that says as whom we are connected); this module does the rest the same way for every
 * channel: field validation, environment overrides, the stored record in the SecretStore, the
 * needs-reconnect state, check and disconnect.
 *
 * OAuth channels (Gmail, X, Google Ads) keep their tokens in the same record (`tokens`) and use
 * `updateTokens` so a rotated refresh token is saved before it is used again.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChannelDescriptor, ConnectionMethod, ConnectionStatus } from '../../../../shared/channel-connection';
import { invalidInput } from '../../errors';
import type { SecretStore } from '../../secrets/types';
import type { ChannelConnection, ConnectContext, ConnectStart } from './types';

/** Thrown by `verify` when the provider refuses the credentials (401, invalid token, access denied). */
export class CredentialsRefused extends Error {
  constructor(
    message: string,
    /** The field the refusal is about, shown at that field on connect ("apiKey"). */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'CredentialsRefused';
  }
}

export const storedConnectionSchema = z.object({
  source: z.enum(['env', 'app']),
  method: z.string(),
  /** Field values (secrets included); only ever in the SecretStore. */
  values: z.record(z.string(), z.string()),
  /** OAuth tokens and anything else the channel keeps with the connection. */
  tokens: z.record(z.string(), z.unknown()).default({}),
  account: z.string().nullable().default(null),
  connectedAt: z.string(),
  /** Fingerprint of the environment values this record belongs to (source env): new env values start clean. */
  envFingerprint: z.string().nullable().default(null),
  reconnectNeeded: z.object({ reason: z.string(), at: z.string() }).nullable().default(null),
  lastCheck: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable().default(null),
});
export type StoredConnection = z.infer<typeof storedConnectionSchema>;

export interface VerifyResult {
  /** As whom: shown as "Connected as …". */
  account: string;
  /** Extra tokens to keep (e.g. a page token derived from a user token). */
  tokens?: Record<string, unknown>;
}

export interface CredentialConnectionOptions {
  descriptor: ChannelDescriptor;
  secrets: SecretStore;
  env: Record<string, string | undefined>;
  /** The cheap read: throws CredentialsRefused when the provider refuses, anything else when it cannot be asked. */
  verify(method: string, values: Record<string, string>, tokens: Record<string, unknown>, signal: AbortSignal): Promise<VerifyResult>;
  /** OAuth methods: start the browser sign-in with the saved values; resolves with the tokens and account. */
  startOAuth?(method: string, values: Record<string, string>, context: ConnectContext): Promise<{ authUrl: string; finished: Promise<{ tokens: Record<string, unknown>; account: string | null }> }>;
  now?: () => Date;
}

export const secretKeyFor = (channelId: string) => `channel.${channelId}`;

const fingerprint = (values: Record<string, string>) =>
  createHash('sha256').update(JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)))).digest('hex').slice(0, 16);

/** Checks values against a method's fields; throws invalid_input with one message per field. */
export function validateFields(method: ConnectionMethod, values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  const clean: Record<string, string> = {};
  const known = new Set(method.fields.map((field) => field.key));
  for (const key of Object.keys(values)) if (!known.has(key)) errors[key] = `Unknown field "${key}" for ${method.label}`;
  for (const field of method.fields) {
    const value = (values[field.key] ?? '').trim();
    if (!value) {
      if (field.required) errors[field.key] = `${field.label} is required`;
      continue;
    }
    if (value.length > 4000) errors[field.key] = `${field.label} is too long (at most 4,000 characters)`;
    else if (field.pattern && !new RegExp(field.pattern).test(value)) errors[field.key] = field.patternMessage ?? `${field.label} is not in the expected format`;
    else clean[field.key] = value;
  }
  if (Object.keys(errors).length > 0) {
    throw invalidInput(Object.values(errors).join('; '), { fields: errors });
  }
  return clean;
}

export class CredentialConnection implements ChannelConnection {
  readonly descriptor: ChannelDescriptor;
  private readonly now: () => Date;

  constructor(private readonly options: CredentialConnectionOptions) {
    this.descriptor = options.descriptor;
    this.now = options.now ?? (() => new Date());
  }

  /** The method whose required fields the environment fully supplies, with those values. */
  envValues(): { method: string; values: Record<string, string> } | null {
    for (const method of this.descriptor.methods) {
      const withEnv = method.fields.filter((field) => field.env);
      const required = method.fields.filter((field) => field.required);
      if (required.length === 0 || !required.every((field) => field.env && this.options.env[field.env]?.trim())) continue;
      const values: Record<string, string> = {};
      for (const field of withEnv) {
        const value = this.options.env[field.env!]?.trim();
        if (value) values[field.key] = value;
      }
      return { method: method.id, values };
    }
    return null;
  }

  /** The record in use: environment first (with its remembered state), else what was connected from the app. */
  async record(): Promise<StoredConnection | null> {
    const raw = await this.options.secrets.get(secretKeyFor(this.descriptor.id));
    const parsed = raw ? storedConnectionSchema.safeParse(safeJson(raw)) : null;
    const stored = parsed?.success ? parsed.data : null;
    const fromEnv = this.envValues();
    if (fromEnv) {
      const print = fingerprint(fromEnv.values);
      if (stored?.source === 'env' && stored.envFingerprint === print) return { ...stored, values: fromEnv.values, method: fromEnv.method };
      return storedConnectionSchema.parse({ source: 'env', method: fromEnv.method, values: fromEnv.values, connectedAt: this.now().toISOString(), envFingerprint: print });
    }
    return stored?.source === 'app' ? stored : null;
  }

  async save(record: StoredConnection): Promise<void> {
    // Environment values are not copied into the store: only the state that belongs to them.
    const toStore = record.source === 'env' ? { ...record, values: {} } : record;
    await this.options.secrets.set(secretKeyFor(this.descriptor.id), JSON.stringify(toStore));
  }

  /** Replaces the stored tokens (a rotated refresh token): awaited before the new token is used. */
  async updateTokens(tokens: Record<string, unknown>): Promise<void> {
    const record = await this.record();
    if (record) await this.save({ ...record, tokens: { ...record.tokens, ...tokens } });
  }

  async status(): Promise<ConnectionStatus> {
    const record = await this.record();
    if (!record) {
      return { state: 'not_connected', account: null, detail: `Connect ${this.descriptor.name} in Settings → Channels`, source: null, method: null, lastCheck: null };
    }
    const base = { account: record.account, source: record.source, method: record.method, lastCheck: record.lastCheck };
    if (record.reconnectNeeded) return { ...base, state: 'needs_reconnect', detail: this.reconnectMessage(record.reconnectNeeded.reason) };
    if (record.lastCheck && !record.lastCheck.ok) return { ...base, state: 'error', detail: `${this.descriptor.name}: last check failed: ${record.lastCheck.message}` };
    const where = record.source === 'env' ? 'from environment variables' : `secrets in ${this.options.secrets.description}`;
    return { ...base, state: 'connected', detail: `Connected${record.account ? ` as ${record.account}` : ''} (${where})` };
  }

  reconnectMessage(reason: string): string {
    return `${this.descriptor.name} needs reconnecting: ${reason}. Reconnect in Settings → Channels`;
  }

  async unavailableReason(): Promise<string | null> {
    const status = await this.status();
    if (status.state === 'not_connected') return `No ${this.descriptor.name} account connected: connect ${this.descriptor.name} in Settings → Channels`;
    if (status.state === 'needs_reconnect') return status.detail;
    // state 'error' (the last check could not reach the provider) does not stop tasks: the call itself decides.
    return null;
  }

  async connect(methodId: string, values: Record<string, string>, context: ConnectContext): Promise<ConnectStart> {
    const method = this.descriptor.methods.find((candidate) => candidate.id === methodId);
    if (!method) throw invalidInput(`${this.descriptor.name} has no connection method "${methodId}" (known: ${this.descriptor.methods.map((m) => m.id).join(', ')})`);
    if (method.kind === 'oauth') {
      // A browser sign-in started headless (X_CLIENT_ID set, `channels connect x`) uses the environment's client.
      const fromEnv = this.envValues();
      const envSupplied = fromEnv?.method === method.id ? fromEnv.values : {};
      return this.connectOAuth(method, validateFields(method, { ...values, ...envSupplied }), context, fromEnv?.method === method.id ? fromEnv.values : null);
    }
    const clean = validateFields(method, values);
    let verified: VerifyResult;
    try {
      verified = await this.options.verify(method.id, clean, {}, context.signal);
    } catch (error) {
      if (error instanceof CredentialsRefused) {
        const field = error.field ?? method.fields.find((candidate) => candidate.type === 'secret')?.key ?? method.fields[0]?.key ?? 'credentials';
        throw invalidInput(`${this.descriptor.name} refused these credentials: ${error.message}`, { fields: { [field]: error.message } });
      }
      throw invalidInput(`Could not check the credentials with ${this.descriptor.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const at = this.now().toISOString();
    await this.save({ source: 'app', method: method.id, values: clean, tokens: verified.tokens ?? {}, account: verified.account, connectedAt: at, envFingerprint: null, reconnectNeeded: null, lastCheck: { at, ok: true, message: `Connected as ${verified.account}` } });
    const status = await this.status();
    return { authUrl: null, message: `${this.descriptor.name} connected as ${verified.account}`, done: Promise.resolve(status) };
  }

  /** `envValues`: the environment supplies this method, so the tokens are kept with its fingerprint (record() reads them). */
  private async connectOAuth(method: ConnectionMethod, values: Record<string, string>, context: ConnectContext, envValues: Record<string, string> | null): Promise<ConnectStart> {
    if (!this.options.startOAuth) throw invalidInput(`${this.descriptor.name} cannot sign in through the browser`);
    const { authUrl, finished } = await this.options.startOAuth(method.id, values, context);
    const done = finished.then(async ({ tokens, account }) => {
      const at = this.now().toISOString();
      const source = envValues ? { source: 'env' as const, envFingerprint: fingerprint(envValues) } : { source: 'app' as const, envFingerprint: null };
      await this.save({ ...source, method: method.id, values, tokens, account, connectedAt: at, reconnectNeeded: null, lastCheck: null });
      return this.check(context.signal);
    });
    return { authUrl, message: `Finish signing in to ${this.descriptor.name} in your browser; this page updates when it is connected.`, done };
  }

  async check(signal: AbortSignal): Promise<ConnectionStatus> {
    const record = await this.record();
    if (!record) return this.status();
    const at = this.now().toISOString();
    try {
      const verified = await this.options.verify(record.method, record.values, record.tokens, signal);
      // Re-read: verify may have rotated tokens through updateTokens.
      const fresh = (await this.record()) ?? record;
      await this.save({ ...fresh, tokens: { ...fresh.tokens, ...(verified.tokens ?? {}) }, account: verified.account, reconnectNeeded: null, lastCheck: { at, ok: true, message: `Connected as ${verified.account}` } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const fresh = (await this.record()) ?? record;
      const reconnectNeeded = error instanceof CredentialsRefused ? { reason: message, at } : fresh.reconnectNeeded;
      await this.save({ ...fresh, reconnectNeeded, lastCheck: { at, ok: false, message } });
    }
    return this.status();
  }

  async disconnect(): Promise<void> {
    await this.options.secrets.delete(secretKeyFor(this.descriptor.id));
  }

  async markReconnectNeeded(reason: string): Promise<void> {
    const record = await this.record();
    if (record) await this.save({ ...record, reconnectNeeded: { reason, at: this.now().toISOString() } });
  }
}

/**
 * Runs one refresh at a time per key: a second caller while a refresh is in flight gets the same
 * promise (X's refresh tokens work once: two refreshes in parallel would lock the account out).
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
