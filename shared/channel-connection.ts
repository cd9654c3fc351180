/**
 * How a channel connects, declared once per channel (gmail, x, meta, brevo, opencart, google-ads).
 * The engine implements the declaration (electron/engine/channels/connection/); the dashboard
 * generates each channel's connect form from it and the CLI prompts from it. Pure data, so it
 * crosses every process boundary unchanged.
 */
import { z } from 'zod';

export const channelIds = ['gmail', 'x', 'meta', 'brevo', 'opencart', 'google-ads'] as const;
export const channelIdSchema = z.enum(channelIds);
export type ChannelId = z.infer<typeof channelIdSchema>;

/** One value a person types (or an environment variable supplies) to connect. */
export const connectionFieldSchema = z.object({
  /** Key in the values map and in the stored credentials ("apiKey"). */
  key: z.string(),
  label: z.string(),
  /** secret: masked in the form, never echoed back, stored only in the SecretStore. */
  type: z.enum(['text', 'secret', 'url', 'email', 'number']),
  required: z.boolean(),
  /** The environment variable that supplies this value headless; when set it wins and the field shows as locked. */
  env: z.string().nullable(),
  placeholder: z.string().optional(),
  help: z.string().optional(),
  /** A regular expression (source) the trimmed value must match; checked by the engine, shown by the form. */
  pattern: z.string().optional(),
  /** What the field error says when the pattern does not match. */
  patternMessage: z.string().optional(),
});
export type ConnectionField = z.infer<typeof connectionFieldSchema>;

/**
 * One way to connect. `form`: the values are the credentials (an API key, a page token, a
 * database URL), checked against the provider before they are saved. `oauth`: the values (if
 * any: an OAuth client id/secret) are saved, then the consent page opens in the system browser
 * (loopback redirect, PKCE S256, state) and the connection completes in the background.
 */
export const connectionMethodSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['form', 'oauth']),
  fields: z.array(connectionFieldSchema),
  help: z.string().optional(),
});
export type ConnectionMethod = z.infer<typeof connectionMethodSchema>;

/** An environment variable that points the channel at another host (tests, proxies). */
export const endpointVariableSchema = z.object({ env: z.string(), default: z.string(), meaning: z.string() });

export const channelDescriptorSchema = z.object({
  id: channelIdSchema,
  name: z.string(),
  /** Agents whose tasks go out through this channel. */
  agents: z.array(z.string()),
  methods: z.array(connectionMethodSchema).min(1),
  endpoints: z.array(endpointVariableSchema),
  /** What "Check now" does, in words ("reads the account: GET /v3/account"). */
  checkDescription: z.string(),
});
export type ChannelDescriptor = z.infer<typeof channelDescriptorSchema>;

/**
 * connected: it can act. not_connected: nothing configured. needs_reconnect: configured, but
 * the provider refused the credentials (revoked, expired); tasks are held until reconnected.
 * error: configured, but the last check failed for another reason (network, provider down).
 */
export const connectionStateSchema = z.enum(['connected', 'not_connected', 'needs_reconnect', 'error']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const connectionCheckSchema = z.object({ at: z.string(), ok: z.boolean(), message: z.string() });
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/** A channel's connection as the dashboard, tray and CLI show it. Never contains a secret. */
export const connectionStatusSchema = z.object({
  state: connectionStateSchema,
  /** As whom ("kenny@audico.co.za", "@AudicoSA", "Audico (page 1234)", "OpenCart 4.1.0.3 at shop.audico.co.za"). */
  account: z.string().nullable(),
  /** One line: why it is not connected / what to do, or what it is connected to and where the secrets are. */
  detail: z.string(),
  /** env: supplied by environment variables (locked in the dashboard); app: connected from the app or CLI. */
  source: z.enum(['env', 'app']).nullable(),
  /** The connection method in use (ids of the descriptor's methods). */
  method: z.string().nullable(),
  lastCheck: connectionCheckSchema.nullable(),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

/** Field errors of a refused connect: field key -> message. Travels as invalid_input details. */
export const fieldErrorsSchema = z.object({ fields: z.record(z.string(), z.string()) });
export type FieldErrors = z.infer<typeof fieldErrorsSchema>;

/** A configured channel that cannot act: Today and the tray point at it. */
export const needsAttention = (status: ConnectionStatus): boolean => status.state === 'needs_reconnect' || status.state === 'error';
