/**
 * Issue 15, items 2 and 5 against a real server (dry run, auto execution on): a send window set in
 * Settings with fields holds an approved e-mail ("Goes out at …", no attempt); the Calendar shows
 * it and a scheduled post; the keyboard moves between items and reschedules with "Move to…"; a
 * drag moves a post to another day at the same time; a click opens the task. Every move is a
 * recorded decision (checked over the API). Screenshots at both sizes, light and dark; axe-core.
 */
import { addDays, localClock, localDate, weekdayOf } from '../shared/zoned-time';
import { expectAccessible, shootSizes } from './support/a11y';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';
import { expect, test } from './support/test';

const zone = 'Africa/Johannesburg';
let server: ServeHandle;
test.beforeAll(async () => {
  server = await startServe({ env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'true', GMAIL_REFRESH_TOKEN: '' }, args: ['--poll-interval', '3600000'] });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

test('send window from Settings, the calendar, keyboard and drag rescheduling', async ({ page }) => {
  test.setTimeout(240_000);
  // A posting time three hours from now (local), every day: whatever the hour, "now" is outside it.
  const slot = localClock(new Date(Date.now() + 3 * 3_600_000), zone).replace(/\d$/, '0');
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/settings`);
  const row = page.locator('tr[data-channel="gmail"]');
  await row.getByLabel('Gmail: when it may send').selectOption('times');
  for (const day of ['Sat', 'Sun']) {
    const box = row.getByRole('group', { name: 'Gmail: days' }).getByLabel(day);
    if (!(await box.isChecked())) await box.check();
  }
  await row.getByLabel('Gmail: times (comma-separated, HH:MM)').fill(slot);
  await expect(row).toContainText(`every day at ${slot}`);
  await page.getByLabel('Digest time').fill('18:30');
  await page.locator('fieldset.schedule-fields').scrollIntoViewIfNeeded();
  await shootSizes(page, 'settings-hours', shoot);
  await expectAccessible(page, 'settings', 'fieldset.schedule-fields');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const saved = (await server.rpc('settings:get', {})).settings;
  expect(saved.sendSchedule.gmail).toMatchObject({ mode: 'times', days: [0, 1, 2, 3, 4, 5, 6], times: [slot] });
  expect(saved.digest.time).toBe('18:30');

  // An approved reply is held for the window: no attempt, a reason in words.
  const reply = await server.rpc('tasks:create', { title: 'Reply to Lerato', assignedAgent: 'Email Agent', requiresApproval: true, metadata: { email_category: 'order', to: 'lerato@example.com', subject: 'Your order', body_text: 'It ships today.' } });
  await server.rpc('approvals:approve', { id: reply.id, by: 'e2e' });
  await server.rpc('executor:runNow', {});
  const held = (await server.rpc('tasks:get', { id: reply.id })).task;
  expect(held).toMatchObject({ status: 'new', executionAttempts: 0 });
  expect(held.holdReason).toMatch(new RegExp(`^Goes out at ${slot} (today|tomorrow) \\(Gmail: every day at ${slot}\\)$`));
  const heldDay = localDate(new Date(held.notBefore!), zone);

  // A post scheduled an hour after it, waiting for approval.
  const postAt = new Date(Date.parse(held.notBefore!) + 3_600_000);
  const post = await server.rpc('tasks:create', { title: 'Launch post', assignedAgent: 'Social Media Agent', requiresApproval: true, metadata: { platform: 'x', content: 'Launch day!', scheduled_for: postAt.toISOString() } });

  await page.goto(`${server.url}#/calendar/${heldDay}`);
  const replyItem = page.locator(`.calendar-item[data-task-id="${reply.id}"]`);
  const postItem = page.locator(`.calendar-item[data-task-id="${post.id}"]`);
  await expect(replyItem).toContainText('Waiting for its hours');
  await expect(replyItem).toContainText(slot);
  await expect(postItem).toContainText('needs approval');
  await expect(page.locator(`section[data-day="${heldDay}"]`)).toContainText('Reply to Lerato');
  await shootSizes(page, 'calendar', shoot);
  await expectAccessible(page, 'calendar');

  // Keyboard: Tab reaches the first item, ArrowDown the next, M opens "Move to…".
  await replyItem.focus();
  await page.keyboard.press('ArrowDown');
  await expect(postItem).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(replyItem).toBeFocused();
  await page.keyboard.press('m');
  const dialog = page.getByRole('dialog', { name: 'Move “Reply to Lerato”' });
  await expect(dialog).toBeVisible();
  const nextWeek = addDays(heldDay, 7);
  await dialog.getByLabel('Date').fill(nextWeek);
  await dialog.getByLabel(`Time (${zone})`).fill('10:15');
  await shoot(page, 'calendar-move-dialog', ['light', 'dark']);
  await expectAccessible(page, 'move dialog', 'dialog');
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('calendar-status')).toContainText(`Moved "Reply to Lerato" to`);
  await expect(replyItem).toHaveCount(0);
  const movedReply = await server.rpc('tasks:get', { id: reply.id });
  expect(localDate(new Date(movedReply.task.notBefore!), zone)).toBe(nextWeek);
  expect(localClock(new Date(movedReply.task.notBefore!), zone)).toBe('10:15');
  expect(movedReply.task.metadata.scheduled_for).toBe(movedReply.task.notBefore);
  expect(movedReply.decisions.find((decision) => decision.kind === 'rescheduled')).toMatchObject({ actor: 'Kenny', details: { to: movedReply.task.notBefore } });

  // Drag: the post to the next day (the day before when it is the week's Sunday), same clock time.
  const target = weekdayOf(heldDay) === 0 ? addDays(heldDay, -1) : addDays(heldDay, 1);
  await postItem.dragTo(page.locator(`section[data-day="${target}"]`));
  await expect(page.locator(`section[data-day="${target}"] .calendar-item[data-task-id="${post.id}"]`)).toBeVisible();
  const movedPost = await server.rpc('tasks:get', { id: post.id });
  expect(localDate(new Date(movedPost.task.notBefore!), zone)).toBe(target);
  expect(localClock(new Date(movedPost.task.notBefore!), zone)).toBe(localClock(postAt, zone));
  expect(movedPost.decisions.map((decision) => decision.kind)).toContain('rescheduled');

  // A click opens the task.
  await page.locator(`.calendar-item[data-task-id="${post.id}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/task/${post.id}$`));
  await expect(page.getByRole('heading', { name: 'Launch post' })).toBeVisible();
});
