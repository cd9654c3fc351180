import { describe, expect, it } from 'vitest';
import { makeAlert, makeItem } from './notification-fixtures.test-util';
import {
  alertNotification,
  approvalNotification,
  batchNotifications,
  isNotifiableAlert,
  notificationOptions,
} from './notification-model';
import { parseDeepLink } from './routes';

describe('approvalNotification', () => {
  it('names the task, the agent, the rule and what will be sent; click opens it in the inbox', () => {
    const spec = approvalNotification(makeItem());
    expect(spec).toEqual({
      key: 'approval:t-1',
      kind: 'approval',
      title: 'Approve? Reply to Jo about the Denon order',
      body: 'Email Agent · high · rule: outbound email Send draft r-1 to jo@example.com',
      route: '#/approvals/t-1',
      taskId: 't-1',
      actions: ['approve', 'reject'],
      urgent: false,
    });
  });

  it('falls back to the description, clips long text and encodes the id in the route', () => {
    const spec = approvalNotification(makeItem({ id: 'a/b c', title: 'x'.repeat(200), priority: 'urgent', policyReason: null }, null));
    expect(spec.title).toHaveLength(80);
    expect(spec.title.endsWith('…')).toBe(true);
    expect(spec.body).toBe('Email Agent · urgent Draft a reply confirming delivery');
    expect(spec.route).toBe('#/approvals/a%2Fb%20c');
    expect(spec.urgent).toBe(true);
  });
});

describe('alerts', () => {
  it('notifies escalations, unknown outcomes and urgent alerts only, never acknowledged ones', () => {
    expect(isNotifiableAlert(makeAlert())).toBe(true);
    expect(isNotifiableAlert(makeAlert({ type: 'outcome_unknown', severity: 'medium' }))).toBe(true);
    expect(isNotifiableAlert(makeAlert({ type: 'rate_limit', severity: 'urgent' }))).toBe(true);
    expect(isNotifiableAlert(makeAlert({ type: 'rate_limit', severity: 'high' }))).toBe(false);
    expect(isNotifiableAlert(makeAlert({ type: 'approval_needed', severity: 'urgent' }))).toBe(false);
    expect(isNotifiableAlert(makeAlert({ acknowledgedAt: '2026-11-24T09:01:00.000Z' }))).toBe(false);
  });

  it('opens the task when the alert names one, the logs otherwise', () => {
    expect(alertNotification(makeAlert())).toMatchObject({ route: '#/task/t-9', taskId: 't-9', actions: [], urgent: true, title: 'Task failed 3 times' });
    expect(alertNotification(makeAlert({ metadata: {}, severity: 'urgent', type: 'system_error' }))).toMatchObject({ route: '#/logs', taskId: null, title: 'Urgent: Task failed 3 times' });
  });
});

describe('batchNotifications', () => {
  it('one each up to the threshold, urgent first', () => {
    const specs = batchNotifications([makeItem({ id: 'a', priority: 'low' }), makeItem({ id: 'b', priority: 'urgent' })], [makeAlert()]);
    expect(specs.map((s) => s.key)).toEqual(['approval:b', 'approval:a', 'alert:a-1']);
  });

  it('a burst becomes one summary that opens the inbox', () => {
    const items = Array.from({ length: 50 }, (_, i) => makeItem({ id: `t${i}`, title: `Task ${i}`, priority: i === 7 ? 'urgent' : 'medium' }));
    const specs = batchNotifications(items, []);
    expect(specs).toHaveLength(1);
    expect(specs[0]).toMatchObject({ kind: 'approvals-batch', title: '50 tasks need your approval', route: '#/approvals', actions: [], taskId: null, urgent: true });
    expect(specs[0]?.body).toBe('Task 7; Task 0; Task 1 and 47 more');
  });

  it('batches alerts separately and drops the ones not worth a notification', () => {
    const alerts = Array.from({ length: 5 }, (_, i) => makeAlert({ id: `a${i}`, title: `Alert ${i}` }));
    const specs = batchNotifications([], [...alerts, makeAlert({ id: 'quiet', type: 'rate_limit', severity: 'low' })]);
    expect(specs).toHaveLength(1);
    expect(specs[0]).toMatchObject({ kind: 'alerts-batch', title: '5 alerts need attention', route: '#/logs' });
    expect(batchNotifications([], [makeAlert({ type: 'rate_limit', severity: 'low' })])).toEqual([]);
  });
});

describe('notificationOptions', () => {
  const spec = approvalNotification(makeItem({ id: 't<1>&', title: 'Quote "A&B" <ok>' }));

  it('macOS: Approve/Reject buttons mapped by index', () => {
    const { options, actionOrder } = notificationOptions(spec, 'darwin', 'n0nce');
    expect(options.actions).toEqual([{ type: 'button', text: 'Approve' }, { type: 'button', text: 'Reject' }]);
    expect(actionOrder).toEqual(['approve', 'reject']);
    expect(options.toastXml).toBeUndefined();
  });

  it('Windows: toast XML with escaped text and nonce-carrying protocol buttons', () => {
    const { options, actionOrder } = notificationOptions(spec, 'win32', 'n0nce');
    expect(actionOrder).toEqual([]);
    const xml = options.toastXml as string;
    expect(xml).toContain('<text>Approve? Quote &quot;A&amp;B&quot; &lt;ok&gt;</text>');
    const args = [...xml.matchAll(/arguments="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(args.map(parseDeepLink)).toEqual([
      { kind: 'approve', taskId: 't<1>&', nonce: 'n0nce' },
      { kind: 'reject', taskId: 't<1>&', nonce: 'n0nce' },
    ]);
    const launch = /launch="([^"]+)"/.exec(xml)?.[1]?.replace(/&amp;/g, '&') as string;
    expect(parseDeepLink(launch)).toEqual({ kind: 'open', route: '#/approvals/t%3C1%3E%26' });
    expect(xml).not.toMatch(/<text>[^<]*[<>][^<]*<\/text>/);
  });

  it('Linux: no buttons; urgent ones stay until dismissed', () => {
    const { options } = notificationOptions({ ...spec, urgent: true }, 'linux', 'n');
    expect(options.actions).toBeUndefined();
    expect(options.toastXml).toBeUndefined();
    expect(options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
  });

  it('batch and alert notifications never carry actions', () => {
    const batch = batchNotifications(Array.from({ length: 4 }, (_, i) => makeItem({ id: `t${i}` })), [])[0]!;
    expect(notificationOptions(batch, 'darwin', 'n').options.actions).toBeUndefined();
    expect(notificationOptions(batch, 'win32', 'n').options.toastXml).not.toContain('<actions>');
  });
});
