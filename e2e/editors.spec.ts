/// <reference lib="dom" />
/**
 * Issue 14, seen 6 and 7, against a real server (live mode, nothing executes): the preview is
 * what is sent (an HTML e-mail with its own styles under the dashboard's strict CSP, no remote
 * loads; a Google Ads pause shown as a pause, money with its currency; an over-limit post keeps
 * its text; the SEO "after" column whole at 1024x640), and each kind of task has a real editor
 * whose preview follows the edit, with errors at the field, Approve disabled until valid, and the
 * diff against the agent's proposal kept and shown. Screenshots at both sizes in both themes;
 * axe-core on the editors.
 */
import AxeBuilder from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { openApproval } from './support/seed';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;
let pixel: Server;
let pixelHits = 0;
let pixelUrl = '';
test.beforeAll(async () => {
  server = await startServe({ env: { AGENT_DRY_RUN: 'false', ENABLE_AUTO_EXECUTION: 'false' } });
  // A "tracking pixel" host: the preview must never ask it for anything.
  pixel = createServer((_request, response) => {
    pixelHits++;
    response.writeHead(200, { 'Content-Type': 'image/gif' }).end();
  });
  await new Promise<void>((resolve) => pixel.listen(0, '127.0.0.1', resolve));
  pixelUrl = `http://127.0.0.1:${(pixel.address() as { port: number }).port}`;
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await new Promise((resolve) => pixel?.close(resolve));
});

async function clearInbox() {
  const { items } = await server.rpc('approvals:list', {});
  if (items.length) await server.rpc('approvals:bulk', { ids: items.map((item) => item.task.id), decision: 'reject', reason: 'cleanup between tests' });
}
test.beforeEach(clearInbox);

const waiting = (title: string, assignedAgent: string, metadata: Record<string, unknown>) => server.rpc('tasks:create', { title, assignedAgent, priority: 'medium', requiresApproval: true, metadata });
const state = async (id: string) => server.rpc('tasks:get', { id });

async function inbox(page: Page) {
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
}

async function shootBoth(page: Page, name: string) {
  await shoot(page, name, ['light', 'dark']);
  await page.setViewportSize({ width: 1024, height: 640 });
  await shoot(page, `${name}-1024x640`, ['light', 'dark']);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function axeClean(page: Page) {
  // The e-mail frame has no scripts (its sandbox), so axe cannot run inside it.
  const results = await new AxeBuilder({ page }).options({ iframes: false }).exclude('iframe').analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Waits until the engine has checked the current edit (the live preview is up to date). */
async function checked(dialog: Locator) {
  await expect(dialog.getByTestId('live-status')).toHaveText(/Preview of your edit, checked by the engine|Preview as the agent proposed it/);
}

const styledMail = () =>
  `<html><head><style>h1.brand { color: rgb(200, 0, 0); font-size: 30px } .bg { background: url(${pixelUrl}/bg.gif) rgb(255, 250, 220) }</style></head>` +
  `<body style="background: rgb(240, 240, 255)"><h1 class="brand">Audico</h1><p id="ship" class="bg" style="color: rgb(0, 128, 0); font-weight: 700">Your Denon ships today.</p>` +
  `<img id="pixel" src="${pixelUrl}/open.gif" alt="tracking"><script>parent.document.title = "pwned"</script></body></html>`;

test('seen 6: an HTML e-mail renders with its own styles (inline and <style>) under the strict dashboard CSP; scripts and remote loads do not run', async ({ page }) => {
  await waiting('Reply to Lerato', 'Email Agent', { email_category: 'order', to: 'lerato@example.com', subject: 'Your Denon ships today', body_text: 'Hi Lerato', body_html: styledMail() });
  const response = await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  // The dashboard itself stays strict: no inline style, let alone inline script.
  const csp = (await page.request.get(server.url)).headers()['content-security-policy'] ?? '';
  expect(response?.ok()).toBe(true);
  expect(csp).toMatch(/style-src 'self';/);
  expect(csp).not.toContain('unsafe-inline');
  const frame = page.locator('iframe[title="E-mail: Your Denon ships today"]');
  await expect(frame).toHaveAttribute('data-rendered', 'true');
  await expect(frame).toHaveAttribute('sandbox', 'allow-same-origin'); // no allow-scripts: nothing in the e-mail runs
  const look = await frame.evaluate((element: HTMLIFrameElement) => {
    const doc = element.contentDocument!;
    const css = (selector: string) => getComputedStyle(doc.querySelector(selector)!);
    return { h1: css('h1.brand').color, size: css('h1.brand').fontSize, p: css('#ship').color, weight: css('#ship').fontWeight, body: css('body').backgroundColor, bg: css('#ship').backgroundImage, pixelSrc: doc.querySelector('#pixel')?.getAttribute('src') ?? null, scripts: doc.querySelectorAll('script').length };
  });
  expect(look).toEqual({ h1: 'rgb(200, 0, 0)', size: '30px', p: 'rgb(0, 128, 0)', weight: '700', body: 'rgb(240, 240, 255)', bg: 'none', pixelSrc: null, scripts: 0 });
  expect(await page.title()).not.toBe('pwned');
  expect(pixelHits).toBe(0);
  await shootBoth(page, 'editors-email-preview');
});

test('seen 6: a Google Ads pause is previewed as a pause; bids and budgets carry the currency', async ({ page }) => {
  const pause = await waiting('Pause the Sonos campaign', 'Google Ads Agent', { action: 'pause_campaign', campaign_id: '333', reason: 'stock out' });
  const bid = await waiting('Raise the Denon bid', 'Google Ads Agent', { action: 'adjust_bid', ad_group_id: '555', new_bid: 4.5 });
  await inbox(page);
  const card = await openApproval(page, pause.id);
  await expect(card.getByTestId('ads-change')).toContainText('Pause campaign');
  await expect(card.getByTestId('ads-values')).toContainText('New status');
  await expect(card.getByTestId('ads-values')).toContainText('PAUSED');
  await expect(card).not.toContainText(/Change bids|0 %/);
  const bidCard = await openApproval(page, bid.id);
  await expect(bidCard.getByTestId('ads-values')).toContainText('R 4.50');
  await expect(bidCard.getByTestId('ads-change')).toContainText('amounts in ZAR');
  await shootBoth(page, 'editors-ads-preview');
});

test('seen 6: a post over the limit keeps its text on screen, the error beside it', async ({ page }) => {
  const text = `Weekend sale on every Denon receiver in the shop: ${'come and listen, '.repeat(16)}`.trim();
  const post = await waiting('Over-long post', 'Social Media Agent', { platform: 'x', content: text });
  await inbox(page);
  const card = await openApproval(page, post.id);
  await expect(card.locator('.post-text')).toHaveText(text);
  await expect(card.getByTestId('char-count')).toContainText('over the limit');
  await expect(card.getByTestId('blockers')).toContainText("over X's limit of 280");
  await expect(card.getByText('Cannot preview')).toHaveCount(0);
  await shootBoth(page, 'editors-post-over-limit');
});

test('seen 6: the SEO "after" column is whole at 1024x640', async ({ page }) => {
  const long = 'denon-avr-x2800h-8k-av-receiver-with-heos-built-in-and-dolby-atmos-matte-black';
  const seo = await waiting('SEO keywords for Denon', 'SEO Agent', { change_type: 'url_rewrite', affected_products: 2, changes: [{ product_id: 40, after: long }, { product_id: 43, after: 'sonos-era-300-spatial-audio-speaker-black' }] });
  await page.setViewportSize({ width: 1024, height: 640 });
  await inbox(page);
  const card = await openApproval(page, seo.id);
  const cell = card.locator('.preview-seo td', { hasText: 'denon-avr' });
  await expect(cell).toBeVisible();
  const fits = await cell.evaluate((td) => {
    const box = td.getBoundingClientRect();
    const holder = td.closest('.approval-card')!.getBoundingClientRect();
    return { inside: box.right <= holder.right + 1 && box.left >= holder.left - 1, notClipped: td.scrollWidth <= td.clientWidth + 1 };
  });
  expect(fits).toEqual({ inside: true, notClipped: true });
  await shoot(page, 'editors-seo-preview-1024x640', ['light', 'dark']);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test.describe('editors', () => {
  // axe-core injects itself into every frame; the e-mail frame refuses it (no allow-scripts), as it must.
  test.use({ allowConsole: [/^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/] });

  test('seen 7: the e-mail editor: fields, rendered preview following the edit, errors at the field, saved edits shown on the card and the task', async ({ page }) => {
    test.setTimeout(240_000); // six screenshots and an axe run on a shared machine
    const reply = await waiting('Reply to Thabo', 'Email Agent', { email_category: 'order', to: 'thabo@example.com', subject: 'Your order', body_text: 'Hi Thabo,\nyour order ships today.', body_html: '<p>Hi Thabo, your order <b>ships today</b>.</p>' });
    await inbox(page);
    const card = await openApproval(page, reply.id);
    await card.getByRole('button', { name: 'Edit then approve…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit then approve' });
    await expect(dialog.getByRole('tab', { name: 'E-mail' })).toHaveAttribute('aria-selected', 'true');
    // Real fields, real line breaks (no JSON, no \n escapes).
    await expect(dialog.getByLabel('Body (plain text)')).toHaveValue('Hi Thabo,\nyour order ships today.');
    await dialog.getByLabel('Subject').fill('Your Denon AVR ships today');
    await dialog.getByLabel('Body (HTML, rendered on the right)').fill('<p style="color: rgb(0, 0, 200)">Hi Thabo, your <b id="what">Denon AVR-X2800H</b> ships today.</p>');
    const frame = dialog.locator('iframe[title="E-mail: Your Denon AVR ships today"]');
    await expect(frame).toHaveAttribute('data-rendered', 'true');
    await expect(page.frameLocator('iframe[title="E-mail: Your Denon AVR ships today"]').locator('#what')).toHaveText('Denon AVR-X2800H');
    await expect(dialog.getByTestId('edit-changes')).toContainText('subject changed, HTML body changed');
    await shootBoth(page, 'editors-email');
    await axeClean(page);

    // A bad address: the engine's error at the To field; Approve and Save disabled until fixed.
    await dialog.getByLabel('To', { exact: true }).fill('thabo at example');
    await expect(dialog.getByTestId('error-metadata.to')).toContainText('is not an e-mail address');
    await expect(dialog.getByRole('button', { name: 'Save and approve' })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Save edits' })).toBeDisabled();
    await shoot(page, 'editors-email-invalid', ['light', 'dark']);
    await dialog.getByLabel('To', { exact: true }).fill('thabo@example.com');
    await checked(dialog);
    await expect(dialog.getByTestId('error-metadata.to')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Save edits' }).click();
    await expect(dialog).toHaveCount(0);

    // Still waiting, now shown as edited against the agent's proposal.
    const edited = card.getByTestId('approval-edited');
    await expect(edited).toContainText('Edited by Kenny: subject changed, HTML body changed.');
    await edited.getByText('What changed').click();
    await expect(edited).toContainText('Your order');
    await expect(edited).toContainText('Your Denon AVR ships today');
    expect((await state(reply.id)).task.approvedAt).toBeNull();

    // Approve with one more edit: the trail keeps the diff from the proposal.
    await card.getByRole('button', { name: 'Edit then approve…' }).click();
    await expect(dialog.getByTestId('earlier-edit')).toContainText('Edited earlier by Kenny: subject changed, HTML body changed.');
    await dialog.getByLabel('Cc').fill('sales@audico.example');
    await checked(dialog);
    await dialog.getByRole('button', { name: 'Save and approve' }).click();
    await expect(page.locator(`[data-row-id="${reply.id}"]`)).toHaveCount(0);
    const detail = await state(reply.id);
    expect(detail.task.approvedAt).not.toBeNull();
    expect(detail.task.metadata).toMatchObject({ subject: 'Your Denon AVR ships today', cc: 'sales@audico.example', body_text: 'Hi Thabo,\nyour order ships today.' });
    expect(detail.decisions.filter((decision) => decision.kind === 'edited').at(-1)?.details.proposalDiff).toMatchObject({ 'metadata.subject': { before: 'Your order', after: 'Your Denon AVR ships today' }, 'metadata.cc': { before: null, after: 'sales@audico.example' } });
    await page.goto(`${server.url}#/task/${reply.id}`);
    await expect(page.getByTestId('trail-edit').last()).toContainText('Edited by Kenny: subject changed, HTML body changed, cc added.');
  });

  test('seen 7: the post editor counts as X does while typing, edits media, and Fix… opens it at the field', async ({ page }) => {
    test.setTimeout(180_000);
    const post = await waiting('Over-long post', 'Social Media Agent', { platform: 'x', content: 'Big sale! '.repeat(30).trim() });
    await inbox(page);
    const card = await openApproval(page, post.id);
    await card.getByRole('button', { name: 'Fix…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit then approve' });
    const text = dialog.getByLabel('Post text');
    await expect(text).toBeFocused();
    await expect(dialog.getByTestId('error-metadata.content')).toContainText("over X's limit of 280");
    await expect(dialog.getByRole('button', { name: 'Save and approve' })).toBeDisabled();
    // The count follows each keystroke the way X counts: a link is 23 whatever its length.
    await text.fill('Denon week: https://audico.co.za/sale/denon-avr-x2800h-8k-receiver-with-heos');
    await expect(dialog.getByTestId('live-count')).toHaveText('35 / 280 as X counts — 245 left');
    await dialog.getByRole('button', { name: 'Add media' }).click();
    await dialog.getByLabel('Media 1 URL').fill('https://audico.example/img/avr-x2800h.jpg');
    await dialog.getByLabel('Media 1 alt text').fill('The Denon AVR-X2800H, front');
    await checked(dialog);
    await expect(dialog.getByTestId('error-metadata.content')).toHaveCount(0);
    const preview = dialog.locator('.edit-preview');
    await expect(preview.locator('.post-text')).toHaveText('Denon week: https://audico.co.za/sale/denon-avr-x2800h-8k-receiver-with-heos');
    await expect(preview.locator('.social-media-tile')).toContainText('Alt: The Denon AVR-X2800H, front');
    await shootBoth(page, 'editors-post');
    await axeClean(page);
    // Advanced: the same edit as JSON, still there.
    await dialog.getByRole('tab', { name: 'Advanced (JSON)' }).click();
    await expect(dialog.getByLabel('Metadata JSON')).toHaveValue(/"media_alt_text": \[\s*"The Denon AVR-X2800H, front"\s*\]/);
    await page.keyboard.press('Control+Enter');
    await expect(page.locator(`[data-row-id="${post.id}"]`)).toHaveCount(0);
    expect((await state(post.id)).task.metadata).toMatchObject({ content: 'Denon week: https://audico.co.za/sale/denon-avr-x2800h-8k-receiver-with-heos', media_urls: ['https://audico.example/img/avr-x2800h.jpg'] });
  });

  test('seen 7: newsletter, SEO and Google Ads editors; the preview follows each edit', async ({ page }) => {
    test.setTimeout(240_000); // three editors, twelve screenshots on a shared machine
    const news = await waiting('May newsletter', 'Marketing Agent', { action: 'send_newsletter', subject: 'May deals', preview_text: 'Denon and Sonos', html_content: '<h1>May deals</h1><p>Denon receivers from R 9 999.</p>' });
    const seo = await waiting('Meta title for the iPod', 'SEO Agent', { change_type: 'meta_title', affected_products: 1, changes: [{ product_id: 48, after: 'iPod Classic' }] });
    const bid = await waiting('Raise the Denon bid', 'Google Ads Agent', { action: 'adjust_bid', ad_group_id: '555', new_bid: 4.5 });
    await inbox(page);
    const dialog = page.getByRole('dialog', { name: 'Edit then approve' });

    await (await openApproval(page, news.id)).getByRole('button', { name: 'Edit then approve…' }).click();
    await dialog.getByLabel('Subject').fill('June deals');
    await dialog.getByLabel('Preview text').fill('Sonos Era 300 is back');
    await dialog.getByLabel('HTML (rendered on the right)').fill('<h1 id="head" style="color: rgb(0, 90, 0)">June deals</h1><p>Sonos Era 300 from R 8 999.</p>');
    await checked(dialog);
    const frame = dialog.locator('iframe[title="Newsletter: June deals"]');
    await expect(frame).toHaveAttribute('data-rendered', 'true');
    expect(await frame.evaluate((element: HTMLIFrameElement) => getComputedStyle(element.contentDocument!.querySelector('#head')!).color)).toBe('rgb(0, 90, 0)');
    await expect(dialog.locator('.edit-preview')).toContainText('Sonos Era 300 is back');
    await shootBoth(page, 'editors-newsletter');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await (await openApproval(page, seo.id)).getByRole('button', { name: 'Edit then approve…' }).click();
    await expect(dialog.getByRole('tab', { name: 'SEO' })).toHaveAttribute('aria-selected', 'true');
    await dialog.getByLabel(/Product 48 \(#48\): new value/).fill('iPod Classic 160 GB in black');
    await checked(dialog);
    await expect(dialog.locator('.edit-preview .preview-seo')).toContainText('iPod Classic 160 GB in black');
    await shootBoth(page, 'editors-seo');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await (await openApproval(page, bid.id)).getByRole('button', { name: 'Edit then approve…' }).click();
    const amount = dialog.getByLabel('New max CPC bid (ZAR)');
    await expect(amount).toHaveValue('4.5');
    await amount.fill('5.2');
    await checked(dialog);
    await expect(dialog.locator('.edit-preview').getByTestId('ads-values')).toContainText('R 5.20');
    await dialog.getByLabel('Change by percent').check();
    await dialog.getByLabel('Change of the max CPC bid (%)').fill('15');
    await checked(dialog);
    await expect(dialog.locator('.edit-preview .ads-change')).toContainText('+15 %');
    await shootBoth(page, 'editors-ads');
    await axeClean(page);
    await dialog.getByRole('button', { name: 'Save edits' }).click();
    await expect((await openApproval(page, bid.id)).getByTestId('approval-edited')).toContainText('Edited by Kenny: bid removed, bid change added.');
  });
});
