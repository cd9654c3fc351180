// The OpenCart channel against a real MariaDB loaded with the real OpenCart 3.0.5.0 and 4.1.0.3
// dumps: every change type, several languages, OpenCart's rules (lengths, unique URL-safe
// keywords, HTML encoding), the live preview, rollback, and a failure in the middle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePayload } from '../payload';
import { seoPayloadSchema } from './opencart-payload';
import { startMariadb, type OpencartDump, type TestMariadb } from './test-support/mariadb';
import { addGerman, createShop, description, keywordOf, seoTask, storeUrl, testContext, type Shop } from './test-support/opencart-fixture';

let maria: TestMariadb;
beforeAll(async () => {
  maria = await startMariadb();
}, 60_000);
afterAll(async () => {
  await maria?.destroy();
});

const versions: OpencartDump[] = ['3.0.5.0', '4.1.0.3'];

async function run(shop: Shop, metadata: Record<string, unknown>) {
  const parsed = parsePayload(shop.handler.payloadSchema, seoTask(metadata));
  if (!parsed.ok) throw new Error(parsed.error);
  const context = testContext();
  const outcome = await shop.handler.execute(parsed.payload, context);
  return { outcome, context };
}

async function rollback(shop: Shop, progress: Record<string, unknown>) {
  return shop.handler.rollback!({ task: seoTask({}), execution: { idempotencyKey: 'key-1', externalId: null, externalUrl: null, result: {}, progress } }, { signal: new AbortController().signal, now: () => new Date() });
}

describe.each(versions)('OpenCart %s', (version) => {
  const major = version.startsWith('3') ? 3 : 4;

  it('check reads the schema: which OpenCart, its engine and the languages', async () => {
    const shop = await createShop(maria, version);
    const status = await shop.handler.connection!.check(new AbortController().signal);
    expect(status.state).toBe('connected');
    expect(status.account).toContain(major === 3 ? 'OpenCart 3.x (seo_url.query, MyISAM)' : 'OpenCart 4.x (seo_url.key/value, InnoDB)');
    expect(status.account).toContain('English (en-gb)');
  });

  it('meta_title in every language, HTML-encoded as OpenCart stores form input, previewed live from the shop', async () => {
    const shop = await createShop(maria, version);
    await addGerman(shop);
    const before = await description(shop, 40);
    const metadata = { change_type: 'meta_title', changes: [{ product_id: 40, before: 'agent says something else', after: '  iPhone "Pro" <Deals> & Rock’n’Roll ' }] };
    const preview = await shop.handler.loadPreview!(seoTask(metadata));
    expect(preview.problems).toEqual([]);
    expect(preview.detail.kind === 'seo_change' && preview.detail.products).toEqual([
      expect.objectContaining({
        productId: 40,
        name: 'iPhone',
        links: expect.arrayContaining([expect.stringContaining(`${storeUrl}index.php?route=product/product`)]),
        rows: [
          expect.objectContaining({ field: 'meta_title', language: 'English', current: before.meta_title, next: 'iPhone "Pro" <Deals> & Rock’n’Roll', length: 54, limit: { min: 1, max: 255 } }),
          expect.objectContaining({ field: 'meta_title', language: 'Deutsch', current: `${String(before.meta_title)} DE` }),
        ],
      }),
    ]);
    const { outcome, context } = await run(shop, metadata);
    const stored = 'iPhone &quot;Pro&quot; &lt;Deals&gt; &amp; Rock’n’Roll';
    expect((await description(shop, 40, 1)).meta_title).toBe(stored);
    expect((await description(shop, 40, 2)).meta_title).toBe(stored);
    expect((await shop.rows('SELECT date_modified FROM oc_product WHERE product_id = 40'))[0]!.date_modified).toEqual(new Date('2026-11-24T08:00:00.000Z'.replace('T', ' ').replace('.000Z', '')));
    expect(outcome.result).toMatchObject({ rowsChanged: 3, notice: expect.stringContaining('up to an hour') });
    expect(context.progress.opencartSnapshot).toMatchObject({ major, items: expect.arrayContaining([expect.objectContaining({ kind: 'description', before: before.meta_title, after: stored })]) });
  });

  it.each(['meta_description', 'meta_keyword'])('%s for one language only', async (changeType) => {
    const shop = await createShop(maria, version);
    await addGerman(shop);
    const german = await description(shop, 43, 2);
    await run(shop, { change_type: changeType, changes: [{ product_id: 43, language_id: 1, after: 'MacBook: light & fast' }] });
    expect((await description(shop, 43, 1))[changeType]).toBe('MacBook: light &amp; fast');
    expect((await description(shop, 43, 2))[changeType]).toBe(german[changeType]);
  });

  it('url_rewrite: replaces the keyword, inserts the missing row of the second language, and rolls both back', async () => {
    const shop = await createShop(maria, version);
    await addGerman(shop);
    const dumpBefore = await shop.dump();
    const { context } = await run(shop, { change_type: 'url_rewrite', changes: [{ product_id: 40, after: 'iphone-classic' }] });
    expect(await keywordOf(shop, version, 40, 1)).toBe('iphone-classic');
    expect(await keywordOf(shop, version, 40, 2)).toBe('iphone-classic');
    const result = await rollback(shop, context.progress);
    expect(result.restored).toHaveLength(2);
    expect(result.leftAlone).toEqual([]);
    expect(await keywordOf(shop, version, 40, 1)).toBe('iphone');
    expect(await keywordOf(shop, version, 40, 2)).toBeNull();
    expect(await shop.dump()).toBe(dumpBefore);
  });

  it('refuses a keyword another product uses in the same store and language, and one that is not URL-safe', async () => {
    const shop = await createShop(maria, version);
    const dumpBefore = await shop.dump();
    const preview = await shop.handler.loadPreview!(seoTask({ change_type: 'url_rewrite', changes: [{ product_id: 40, after: 'macbook' }, { product_id: 41, after: 'i mac/new' }] }));
    expect(preview.problems).toEqual([
      { field: 'metadata.changes.0.after', message: expect.stringMatching(/"macbook" is already used by product_id=43 .*unique per store and language/) },
      { field: 'metadata.changes.1.after', message: expect.stringContaining('not URL-safe') },
    ]);
    await expect(run(shop, { change_type: 'url_rewrite', changes: [{ product_id: 40, after: 'macbook' }] })).rejects.toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('already used') });
    expect(await shop.dump()).toBe(dumpBefore);
  });

  it('refuses a value over OpenCart’s limit as stored (HTML-encoded)', async () => {
    const shop = await createShop(maria, version);
    const dumpBefore = await shop.dump();
    // 250 characters typed, 258 stored: "&" becomes "&amp;" and "<" "&lt;".
    const value = `${'a'.repeat(248)}&<`;
    const preview = await shop.handler.loadPreview!(seoTask({ change_type: 'meta_title', changes: [{ product_id: 40, after: value }] }));
    expect(preview.problems).toEqual([{ field: 'metadata.changes.0.after', message: expect.stringContaining('257 characters as OpenCart stores it (HTML-encoded); the limit is 255') }]);
    await expect(run(shop, { change_type: 'meta_title', changes: [{ product_id: 40, after: value }] })).rejects.toMatchObject({ errorClass: 'permanent' });
    expect(await shop.dump()).toBe(dumpBefore);
  });

  it('image_alt: refused on a core shop (no alt column), applied where the shop has one', async () => {
    const shop = await createShop(maria, version);
    const preview = await shop.handler.loadPreview!(seoTask({ change_type: 'image_alt', changes: [{ product_id: 40, after: 'Black iPhone' }] }));
    expect(preview.problems).toEqual([{ field: 'metadata.change_type', message: expect.stringContaining('no image alt column') }]);
    await shop.exec("ALTER TABLE oc_product_description ADD COLUMN image_alt varchar(255) NOT NULL DEFAULT ''");
    await run(shop, { change_type: 'image_alt', changes: [{ product_id: 40, after: 'Black iPhone' }] });
    expect((await description(shop, 40)).image_alt).toBe('Black iPhone');
  });

  it('category_move: replaces the category links; rollback puts them back', async () => {
    const shop = await createShop(maria, version);
    const links = async () => (await shop.rows<{ category_id: number }>('SELECT category_id FROM oc_product_to_category WHERE product_id = 40 ORDER BY category_id')).map((r) => r.category_id);
    const before = await links();
    const { context } = await run(shop, { change_type: 'category_move', changes: [{ product_id: 40, after: [25, 28] }] });
    expect(await links()).toEqual([25, 28]);
    const result = await rollback(shop, context.progress);
    expect(result.restored).toEqual(['product 40 categories']);
    expect(await links()).toEqual(before);
    const preview = await shop.handler.loadPreview!(seoTask({ change_type: 'category_move', changes: [{ product_id: 40, after: [99999] }] }));
    expect(preview.problems).toEqual([{ field: 'metadata.changes.0.after', message: 'Category 99999 does not exist in the shop' }]);
  });

  it('rollback after someone edited one row: that row is listed and left alone, the others restored', async () => {
    const shop = await createShop(maria, version);
    const original = { 40: await description(shop, 40), 43: await description(shop, 43) };
    const { context } = await run(shop, { change_type: 'meta_description', changes: [{ product_id: 40, after: 'New 40' }, { product_id: 43, after: 'New 43' }] });
    await shop.exec("UPDATE oc_product_description SET meta_description = 'Kenny fixed this by hand' WHERE product_id = 43");
    const result = await rollback(shop, context.progress);
    expect(result.restored).toEqual(['product 40 English meta_description']);
    expect(result.leftAlone).toEqual([{ what: 'product 43 English meta_description', why: 'changed since by someone else: now "Kenny fixed this by hand", the task wrote "New 43"' }]);
    expect((await description(shop, 40)).meta_description).toBe(original[40].meta_description);
    expect((await description(shop, 43)).meta_description).toBe('Kenny fixed this by hand');
    const dates = await shop.rows<{ product_id: number; date_modified: unknown }>('SELECT product_id, date_modified FROM oc_product WHERE product_id IN (40, 43) ORDER BY product_id');
    expect(dates[0]!.date_modified).not.toEqual(new Date('2026-11-24 08:00:00'));
    expect(dates[1]!.date_modified).toEqual(new Date('2026-11-24 08:00:00'));
  });

  it('a failure in the middle leaves nothing changed', async () => {
    const shop = await createShop(maria, version, {
      afterWrite: (index) => {
        if (index === 2) throw new Error('connection lost (simulated)');
      },
    });
    const dumpBefore = await shop.dump();
    await expect(run(shop, { change_type: 'meta_title', changes: [{ product_id: 40, after: 'A' }, { product_id: 41, after: 'B' }, { product_id: 42, after: 'C' }] })).rejects.toMatchObject({
      errorClass: 'retryable',
      message: expect.stringContaining(major === 3 ? 'Nothing changed (the snapshot was written back)' : 'Nothing changed (transaction rolled back)'),
    });
    expect(await shop.dump()).toBe(dumpBefore);
  });
});

describe('payload', () => {
  const parse = (metadata: Record<string, unknown>) => parsePayload(seoPayloadSchema, seoTask(metadata));

  it('fails before approval naming the field when there is no concrete new value', () => {
    expect(parse({ change_type: 'meta_description', productIds: [40] })).toMatchObject({ ok: false, error: expect.stringContaining('metadata.changes') });
    expect(parse({ change_type: 'meta_description', changes: [{ product_id: 40, before: 'x', after: '' }] })).toMatchObject({ ok: false, error: expect.stringContaining('metadata.changes.0.after: a concrete new meta_description is required') });
    expect(parse({ change_type: 'category_move', changes: [{ product_id: 40, after: 'Desktops' }] })).toMatchObject({ ok: false, error: expect.stringContaining('metadata.changes.0.after') });
    expect(parse({ change_type: 'meta_title', changes: [{ product_id: 40, after: 'x', colour: 'red' }] })).toMatchObject({ ok: false, error: expect.stringContaining('colour') });
  });

  it('makes affected_products tell the truth (the approval rule reads it)', () => {
    const changes = Array.from({ length: 11 }, (_, i) => ({ product_id: 28 + i, after: 'x' }));
    expect(parse({ change_type: 'meta_title', changes })).toMatchObject({ ok: false, error: expect.stringContaining('metadata.affected_products: is required when more than 10 products change') });
    expect(parse({ change_type: 'meta_title', affected_products: 2, changes })).toMatchObject({ ok: false, error: expect.stringContaining('says 2 but changes cover 11') });
    expect(parse({ change_type: 'meta_title', affected_products: 11, changes })).toMatchObject({ ok: true });
  });
});
