// X through the executor: a rate limit's reset is the next try and spends no attempt; refused
// credentials hold the task (needs reconnecting) with one urgent alert.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../secrets/file-secret-store';
import type { Engine } from '../../index';
import { taskRow, tempDir, testEngine } from '../../test-support/engine-fixture';
import { createXHandler } from './x-handler';
import { FakeXServer } from './test-support/fake-x-server';

let fake: FakeXServer;
let dir: ReturnType<typeof tempDir>;
let engine: Engine;
beforeEach(async () => {
  fake = await FakeXServer.start();
  dir = tempDir();
});
afterEach(async () => {
  await engine?.close();
  await fake.close();
  dir.cleanup();
});

async function approvedPost(env: Record<string, string>, content: string): Promise<string> {
  engine = testEngine({ dir: dir.path, handlers: [createXHandler({ env, secrets: new FileSecretStore(join(dir.path, 'secrets.json')) })] });
  const task = await engine.api['tasks:create']({ title: 'Post', assignedAgent: 'Social Media Agent', metadata: { platform: 'x', content } });
  await engine.api['approvals:approve']({ id: task.id, by: 'Kenny' });
  return task.id;
}

describe('X in the executor', { timeout: 30_000 }, () => {
  it('429: waits for x-rate-limit-reset without spending an attempt, then publishes', async () => {
    const reset = Math.floor(Date.now() / 1000) + 2;
    fake.injectFault('tweet', { kind: 'status', status: 429, headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) }, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } });
    const id = await approvedPost({ X_CLIENT_ID: fake.clientId, X_REFRESH_TOKEN: fake.issueRefreshToken(), X_API_BASE_URL: fake.baseUrl }, 'Rate limited once');
    await engine.runCycle();
    const waiting = taskRow(engine, id);
    expect(waiting).toMatchObject({ status: 'new', execution_attempts: 0 });
    expect(Date.parse(String(waiting.not_before))).toBeGreaterThanOrEqual(reset * 1000 - 1000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(String(waiting.not_before)) - Date.now()) + 200));
    await engine.runCycle();
    expect(taskRow(engine, id)).toMatchObject({ status: 'completed', execution_attempts: 1 });
    expect(fake.live()).toHaveLength(1);
  });

  it('refused refresh token: the task is held, the channel needs reconnecting, one urgent alert', async () => {
    const used = fake.issueRefreshToken();
    fake.revokeRefreshTokens();
    const id = await approvedPost({ X_CLIENT_ID: fake.clientId, X_REFRESH_TOKEN: used, X_API_BASE_URL: fake.baseUrl }, 'Never goes out');
    await engine.runCycle();
    await engine.runCycle();
    const row = taskRow(engine, id);
    expect(row).toMatchObject({ status: 'new', execution_attempts: 0 });
    expect(String(row.hold_reason)).toMatch(/X needs reconnecting: X refused the refresh token/);
    const alerts = (await engine.api['alerts:list']({})).items.filter((alert) => alert.title === 'X (Twitter) needs reconnecting');
    expect(alerts).toHaveLength(1);
    expect(fake.live()).toHaveLength(0);
  });
});
