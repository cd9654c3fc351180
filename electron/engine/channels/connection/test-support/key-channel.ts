/**
 * A channel for connection tests, backed by KeyApiServer: an API key method (checked with
 * GET /v1/me) and a rotating refresh-token method (single-use tokens, one refresh at a time,
 * the rotated token saved before it is used again).
 */
import { z } from 'zod';
import type { ChannelDescriptor } from '../../../../../shared/channel-connection';
import type { SecretStore } from '../../../secrets/types';
import { permanent } from '../../errors';
import type { ChannelHandler, TaskInput } from '../../types';
import { CredentialConnection, CredentialsRefused, SingleFlight } from '../credential-connection';
import type { KeyApiServer } from './key-api-server';

export const keyDescriptor: ChannelDescriptor = {
  id: 'brevo',
  name: 'Acme',
  agents: ['Marketing Agent'],
  methods: [
    {
      id: 'api-key',
      label: 'API key',
      kind: 'form',
      fields: [
        { key: 'apiKey', label: 'API key', type: 'secret', required: true, env: 'ACME_API_KEY', pattern: '^key-', patternMessage: 'An Acme API key starts with key-' },
        { key: 'account', label: 'Account label', type: 'text', required: false, env: null },
      ],
    },
    { id: 'refresh', label: 'Refresh token', kind: 'form', fields: [{ key: 'refreshToken', label: 'Refresh token', type: 'secret', required: true, env: null }] },
  ],
  endpoints: [{ env: 'ACME_API_BASE_URL', default: 'https://api.acme.test', meaning: 'Acme API' }],
  checkDescription: 'GET /v1/me',
};

export function keyConnection(server: KeyApiServer, secrets: SecretStore, env: Record<string, string | undefined> = {}): CredentialConnection {
  const flight = new SingleFlight<{ access: string; refresh: string }>();
  const refresh = (token: string) =>
    flight.run('acme', async () => {
      const response = await fetch(`${server.baseUrl}/v1/refresh`, { method: 'POST', body: token });
      const body = (await response.json()) as { access_token?: string; refresh_token?: string; message?: string };
      if (!response.ok) throw new CredentialsRefused(body.message ?? `refresh refused (${response.status})`, 'refreshToken');
      // Saved before the new token is used: a crash now still leaves the one valid token stored.
      await connection.updateTokens({ refreshToken: body.refresh_token });
      return { access: body.access_token!, refresh: body.refresh_token! };
    });
  const connection: CredentialConnection = new CredentialConnection({
    descriptor: keyDescriptor,
    secrets,
    env,
    async verify(method, values, tokens, signal) {
      let key = values.apiKey ?? '';
      let rotated: Record<string, unknown> | undefined;
      if (method === 'refresh') {
        const next = await refresh(String(tokens.refreshToken ?? values.refreshToken));
        key = next.access;
        rotated = { refreshToken: next.refresh };
      }
      const response = await fetch(`${server.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${key}` }, signal });
      const body = (await response.json()) as { name?: string; message?: string };
      if (response.status === 401) throw new CredentialsRefused(body.message ?? 'refused');
      if (!response.ok) throw new Error(`Acme answered ${response.status} (${body.message ?? 'no reason'})`);
      return { account: body.name!, tokens: rotated };
    },
  });
  return connection;
}

/** A Marketing Agent handler on that connection: sends nothing, but proves the executor's gates. */
export function keyHandler(connection: CredentialConnection): ChannelHandler<TaskInput> & { calls: number } {
  const handler = {
    id: 'brevo',
    name: 'Acme',
    agent: 'Marketing Agent',
    calls: 0,
    connection,
    payloadSchema: z.custom<TaskInput>((value) => typeof value === 'object' && value !== null),
    limitKeys: () => [],
    preview: (task: TaskInput) => ({ channel: 'brevo', summary: `Send "${task.title}"`, detail: { kind: 'generic' as const, fields: { title: task.title } } }),
    async execute() {
      handler.calls++;
      if (await connection.unavailableReason()) throw permanent('unreachable: the executor refuses first');
      return { externalId: `acme-${handler.calls}`, externalUrl: null, result: {} };
    },
  };
  return handler;
}
