import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/types';
import { GmailAccount, gmailClientSecret, gmailTokenSecret } from './gmail-account';
import { gmailConfigFromEnv } from './gmail-config';
import { GmailConnection } from './gmail-connection';

describe('Gmail secrets stored before the connection model', () => {
  it('are moved from gmail.oauth / gmail.client to channel.gmail on first read, so nobody reconnects', async () => {
    const secrets = new MemorySecretStore();
    const token = { source: 'oauth', refreshToken: '1//old-install', accessToken: null, expiryDate: null, scope: null, email: 'kenny@audico.example', connectedAt: '2026-11-01T08:00:00.000Z', reconnectNeeded: null };
    await secrets.set('gmail.oauth', JSON.stringify(token));
    await secrets.set('gmail.client', JSON.stringify({ clientId: 'old.apps.googleusercontent.com', clientSecret: 'old-secret' }));
    const account = new GmailAccount(gmailConfigFromEnv({}), secrets);
    const status = await new GmailConnection(account).status();
    expect(status).toMatchObject({ state: 'connected', account: 'kenny@audico.example', source: 'app', method: 'oauth' });
    expect(await account.clientCredentials()).toEqual({ clientId: 'old.apps.googleusercontent.com', clientSecret: 'old-secret' });
    expect(JSON.parse((await secrets.get(gmailTokenSecret))!)).toMatchObject({ refreshToken: '1//old-install' });
    expect(await secrets.get(gmailClientSecret)).toContain('old-secret');
    expect(await secrets.get('gmail.oauth')).toBeNull();
    expect(await secrets.get('gmail.client')).toBeNull();
    await account.disconnect();
    expect(await new GmailConnection(account).status()).toMatchObject({ state: 'not_connected' });
  });
});
