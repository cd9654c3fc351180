// The OpenCart channel inside the real engine (SQLite file, policy, limits) against a real
// MariaDB: the approval rules for more than 10 products and for URL rewrites, the seo_bulk_apply
// daily limit, and rollback through the API (a decision with who and when) and the CLI.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/run-cli';
import { createEngine, type Engine } from '../../index';
import { MemorySecretStore } from '../../secrets/types';
import { taskRow, tempDir } from '../../test-support/engine-fixture';
import { createOpencartHandler } from './opencart-handler';
import { startMariadb, type TestMariadb } from './test-support/mariadb';
import { createShop, description, type Shop } from './test-support/opencart-fixture';

let maria: TestMariadb;
let shop: Shop;
let dir: ReturnType<typeof tempDir>;
beforeAll(async () => {
  maria = await startMariadb();
}, 60_000);
afterAll(async () => {
  await maria?.destroy();
});
beforeEach(async () => {
  dir = tempDir();
  shop = await createShop(maria, '4.1.0.3');
});
afterEach(() => dir.cleanup());

const open = (): Engine =>
  createEngine({ dbPath: join(dir.path, 'mc.db'), env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [createOpencartHandler({ env: shop.env, secrets: new MemorySecretStore() })] });
const create = (engine: Engine, metadata: Record<string, unknown>, title = 'SEO') =>
  engine.api['tasks:create']({ title, assignedAgent: 'SEO Agent', priority: 'medium', requiresApproval: false, metadata });
const demoProducts = [28, 29, 30, 31, 32, 33, 34, 35, 36, 40, 41, 42, 43];
const products = (n: number) => demoProducts.slice(0, n).map((id) => ({ product_id: id, after: `Meta ${id}` }));

describe('OpenCart in the engine', { timeout: 60_000 }, () => {
  it('more than 10 products, URL rewrites and category moves wait for approval; small meta fixes run by themselves', async () => {
    const engine = open();
    try {
      const big = await create(engine, { change_type: 'meta_description', affected_products: 11, changes: products(11) });
      const small = await create(engine, { change_type: 'meta_description', affected_products: 2, changes: products(2) });
      const rewrite = await create(engine, { change_type: 'url_rewrite', affected_products: 1, changes: [{ product_id: 40, after: 'iphone-new' }] });
      const move = await create(engine, { change_type: 'category_move', affected_products: 1, changes: [{ product_id: 40, after: [25] }] });
      const awaiting = (await engine.api['approvals:list']({})).items.map((item) => item.task.id);
      expect(awaiting.sort()).toEqual([big.id, rewrite.id, move.id].sort());
      await engine.runCycle();
      expect(taskRow(engine, small.id).status).toBe('completed');
      expect(taskRow(engine, big.id).status).toBe('new');
      expect((await description(shop, 36)).meta_description).not.toBe('Meta 36');
      expect((await description(shop, 29)).meta_description).toBe('Meta 29');
      // The approval card shows the live before/after table.
      const card = (await engine.api['approvals:list']({})).items.find((item) => item.task.id === rewrite.id)!;
      expect(card.preview?.detail).toMatchObject({ kind: 'seo_change', products: [{ productId: 40, rows: [{ field: 'seo_keyword', current: 'iphone', next: 'iphone-new' }] }] });
    } finally {
      await engine.close();
    }
  });

  it('a preview problem blocks approval until the shop (or the task) no longer has it', async () => {
    const engine = open();
    try {
      const task = await create(engine, { change_type: 'url_rewrite', affected_products: 1, changes: [{ product_id: 40, after: 'macbook' }] });
      await expect(engine.api['approvals:approve']({ id: task.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('metadata.changes.0.after: SEO keyword "macbook" is already used by product_id=43') });
      // Fixed in the shop meanwhile: the approval reads the shop again.
      await shop.exec("UPDATE oc_seo_url SET keyword = 'macbook-2025' WHERE `key` = 'product_id' AND `value` = '43'");
      await expect(engine.api['approvals:approve']({ id: task.id })).resolves.toMatchObject({ approvedBy: 'Kenny' });
    } finally {
      await engine.close();
    }
  });

  it('seo_bulk_apply: 5 a day, the sixth task is held, not failed', async () => {
    const engine = open();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await create(engine, { change_type: 'meta_description', affected_products: 1, changes: [{ product_id: 28 + i, after: `Day ${i}` }] }, `SEO ${i}`)).id);
      for (let i = 0; i < 3; i++) await engine.runCycle();
      const rows = ids.map((id) => taskRow(engine, id));
      expect(rows.filter((row) => row.status === 'completed')).toHaveLength(5);
      const held = rows.find((row) => row.status !== 'completed')!;
      expect(held).toMatchObject({ status: 'new', execution_attempts: 0 });
      expect(String(held.hold_reason)).toContain('seo_bulk_apply');
    } finally {
      await engine.close();
    }
  });

  it('rollback through the API is a decision with who and when; once only; the CLI does the same', async () => {
    const engine = open();
    let cliTask: string;
    try {
      const before = (await description(shop, 40)).meta_description;
      const task = await create(engine, { change_type: 'meta_description', affected_products: 1, changes: [{ product_id: 40, after: 'Rolled' }] });
      expect((await engine.api['tasks:get']({ id: task.id })).rollback).toMatchObject({ available: false, reason: expect.stringContaining('Only completed tasks') });
      await engine.runCycle();
      expect((await engine.api['tasks:get']({ id: task.id })).rollback).toMatchObject({ available: true });
      const result = await engine.api['tasks:rollback']({ id: task.id, by: 'Kenny' });
      expect(result).toMatchObject({ restored: ['product 40 English meta_description'], leftAlone: [], by: 'Kenny' });
      expect((await description(shop, 40)).meta_description).toBe(before);
      const detail = await engine.api['tasks:get']({ id: task.id });
      expect(detail.decisions.at(-1)).toMatchObject({ kind: 'rolled_back', actor: 'Kenny', details: { restored: ['product 40 English meta_description'] } });
      expect(detail.rollback).toMatchObject({ available: false, done: { by: 'Kenny' } });
      await expect(engine.api['tasks:rollback']({ id: task.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already rolled back by Kenny') });
      cliTask = (await create(engine, { change_type: 'meta_title', affected_products: 1, changes: [{ product_id: 41, after: 'CLI title' }] })).id;
      await engine.runCycle();
      expect((await description(shop, 41)).meta_title).toBe('CLI title');
    } finally {
      await engine.close();
    }
    let stdout = '';
    const code = await runCli(['rollback', cliTask, '--db', join(dir.path, 'mc.db'), '--by', 'Thandi'], {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stdout += text),
      env: {},
      openEngine: (options) => createEngine({ ...options, handlers: [createOpencartHandler({ env: shop.env, secrets: new MemorySecretStore() })] }),
    });
    expect(stdout).toContain('restored: product 41 English meta_title');
    expect(code).toBe(0);
    expect((await description(shop, 41)).meta_title).not.toBe('CLI title');
  });
});
