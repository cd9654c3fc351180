// The Brevo channel in the real engine (real SQLite file): approval by the shipped rules, the
// daily limits newsletter_send 1 and influencer_outreach 10, and the "not connected" failure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/types';
import { taskRow, tempDir, testEngine } from '../../test-support/engine-fixture';
import { createBrevoHandler } from './brevo-handler';
import { FakeBrevoServer } from './test-support/fake-brevo-server';
import { brevoEnv } from './test-support/brevo-fixture';

let fake: FakeBrevoServer;
let dir: ReturnType<typeof tempDir>;
beforeEach(async () => {
  fake = await FakeBrevoServer.start();
  dir = tempDir();
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
  dir.cleanup();
});

const engineWith = (env: Record<string, string>) => testEngine({ dir: dir.path, handlers: [createBrevoHandler({ env, secrets: new MemorySecretStore() })] });

describe('Brevo in the engine', () => {
  it('newsletters wait for approval, then one a day: the second is held by newsletter_send 1/1', async () => {
    const engine = engineWith(brevoEnv(fake));
    const ids: string[] = [];
    for (const subject of ['May deals', 'June deals']) {
      const task = await engine.api['tasks:create']({ title: subject, assignedAgent: 'Marketing Agent', metadata: { action: 'send_newsletter', subject, html_content: `<p>${subject}</p>` } });
      ids.push(task.id);
    }
    await engine.runCycle();
    expect(fake.requests).toEqual([]);
    expect(ids.map((id) => taskRow(engine, id).requires_approval)).toEqual([1, 1]);
    for (const id of ids) await engine.api['approvals:approve']({ id });
    await engine.runCycle();
    const rows = ids.map((id) => taskRow(engine, id));
    expect(rows.map((row) => row.status)).toEqual(['completed', 'new']);
    expect(String(rows[1]!.hold_reason)).toContain('newsletter_send 1/1');
    expect(fake.sentCampaigns()).toHaveLength(1);
    expect(fake.sentCampaigns()[0]!.listIds).toEqual([7]);
    await engine.close();
  });

  it('influencer outreach: ten a day, the eleventh is held by influencer_outreach 10/10', async () => {
    const engine = engineWith(brevoEnv(fake));
    const ids: string[] = [];
    for (let index = 1; index <= 11; index++) {
      const task = await engine.api['tasks:create']({
        title: `Outreach ${index}`,
        assignedAgent: 'Marketing Agent',
        metadata: { task_type: 'influencer_outreach', to: `creator${index}@creators.example`, name: `Creator ${index}`, subject: 'Audico x {{name}}', message_template: '<p>Hi {{name}}</p>' },
      });
      await engine.api['approvals:approve']({ id: task.id });
      ids.push(task.id);
    }
    await engine.runCycle();
    const statuses = ids.map((id) => taskRow(engine, id).status);
    expect(statuses.filter((status) => status === 'completed')).toHaveLength(10);
    const held = ids.map((id) => taskRow(engine, id)).find((row) => row.status === 'new')!;
    expect(String(held.hold_reason)).toContain('influencer_outreach 10/10');
    expect(fake.transactional).toHaveLength(10);
    await engine.close();
  });

  it('newsletters:send-test from the approval card: a test to ALERT_EMAIL, then the approved send reuses that draft', async () => {
    const engine = engineWith(brevoEnv(fake, { ALERT_EMAIL: 'kenny@audico.example' }));
    const task = await engine.api['tasks:create']({ title: 'May', assignedAgent: 'Marketing Agent', metadata: { action: 'send_newsletter', subject: 'May', html_content: '<p>x</p>', list_ids: [9] } });
    expect(await engine.api['newsletters:send-test']({ taskId: task.id })).toEqual({ campaignId: 100, email: 'kenny@audico.example' });
    expect(fake.tests).toEqual([{ campaignId: 100, emailTo: ['kenny@audico.example'] }]);
    const [approval] = (await engine.api['approvals:list']({})).items;
    expect(approval?.preview?.detail).toMatchObject({ kind: 'newsletter', lists: [{ id: 9, totalSubscribers: 120, uniqueSubscribers: 118, totalBlacklisted: 2 }], campaign: { campaignId: 100, status: 'draft' }, canSendTest: true });
    await engine.api['approvals:approve']({ id: task.id });
    await engine.runCycle();
    expect(fake.campaigns.size).toBe(1);
    expect(fake.sentCampaigns()).toHaveLength(1);
    await expect(engine.api['newsletters:send-test']({ taskId: task.id })).rejects.toMatchObject({ code: 'conflict' });
    await engine.close();
  });

  it('not connected: an approved newsletter fails saying so, nothing is sent', async () => {
    const engine = engineWith({ BREVO_API_BASE_URL: fake.apiBaseUrl });
    const task = await engine.api['tasks:create']({ title: 'May', assignedAgent: 'Marketing Agent', metadata: { action: 'send_newsletter', subject: 'May', html_content: '<p>x</p>' } });
    await engine.api['approvals:approve']({ id: task.id });
    await engine.runCycle();
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'failed', execution_error: expect.stringContaining('No Brevo account connected') });
    expect(fake.requests).toEqual([]);
    await engine.close();
  });
});
