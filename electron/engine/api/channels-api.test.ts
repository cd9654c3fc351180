import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGmailServer } from '../channels/gmail/test-support/fake-gmail-server';
import type { Engine } from '../index';
import { MemorySecretStore } from '../secrets/types';
import { tempDir, testEngine } from '../test-support/engine-fixture';

let fake: FakeGmailServer;
let dir: ReturnType<typeof tempDir>;
let engine: Engine;
let opened: string[];

beforeEach(async () => {
  fake = await FakeGmailServer.start({ emailAddress: 'kenny@audico.example' });
  dir = tempDir();
  opened = [];
  engine = testEngine({
    dir: dir.path,
    secrets: new MemorySecretStore(),
    env: { GMAIL_API_ROOT_URL: fake.rootUrl, GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl, GOOGLE_OAUTH_AUTH_URL: fake.authUrl },
    openExternal: (url) => void opened.push(url),
  });
});
afterEach(async () => {
  await engine.close();
  await fake.close();
  dir.cleanup();
});

describe('connecting Gmail from the app (channels:connect)', () => {
  it('stores the OAuth client, answers the consent URL, opens the browser, and shows connected after sign-in', async () => {
    expect((await engine.api['channels:list']({})).items.find((item) => item.id === 'gmail')).toMatchObject({ connected: false });
    await expect(engine.api['channels:connect']({ id: 'gmail' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/OAuth client/) });
    const connected = new Promise<void>((resolve) => engine.on('log:appended', (log) => log.eventType === 'channel_connected' && resolve()));
    const answer = await engine.api['channels:connect']({ id: 'gmail', clientId: fake.clientId, clientSecret: fake.clientSecret });
    expect(new URL(answer.authUrl!).origin + new URL(answer.authUrl!).pathname).toBe(fake.authUrl);
    expect(opened).toEqual([answer.authUrl]);
    // The person's browser: Google's consent page redirects to the app's loopback listener.
    const page = await fetch(answer.authUrl!);
    expect(await page.text()).toContain('Gmail connected');
    await connected;
    const gmail = (await engine.api['channels:list']({})).items.find((item) => item.id === 'gmail');
    expect(gmail).toMatchObject({ connected: true, detail: expect.stringContaining('kenny@audico.example') });
    await engine.api['channels:disconnect']({ id: 'gmail' });
    expect((await engine.api['channels:list']({})).items.find((item) => item.id === 'gmail')).toMatchObject({ connected: false });
  });

  it('closing the engine cancels a sign-in that is still waiting and frees its loopback port', async () => {
    const answer = await engine.api['channels:connect']({ id: 'gmail', clientId: fake.clientId, clientSecret: fake.clientSecret });
    const redirect = new URL(new URL(answer.authUrl!).searchParams.get('redirect_uri')!);
    await engine.close();
    await expect(fetch(redirect)).rejects.toThrow();
    engine = testEngine({ dir: dir.path, secrets: new MemorySecretStore() }); // for afterEach
  });

  it('refuses a connect without the fields its method needs, naming them; unknown channels are not found', async () => {
    await expect(engine.api['channels:connect']({ id: 'x', method: 'oauth1', values: {} })).rejects.toMatchObject({ code: 'invalid_input', details: { fields: expect.objectContaining({ apiKey: expect.stringMatching(/required/) }) } });
    await expect(engine.api['channels:connect']({ id: 'fax' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
