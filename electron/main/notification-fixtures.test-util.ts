/** Fixtures for notification tests: a task awaiting approval, its inbox item, an escalation alert. */
import type { ApprovalItem } from '../../shared/contract';
import type { Alert, Task } from '../../shared/domain';

export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 't-1', title: 'Reply to Jo about the Denon order', description: 'Draft a reply confirming delivery', status: 'new',
    assignedAgent: 'Email Agent', priority: 'high', mentionsKenny: false, deliverableUrl: null,
    createdAt: '2026-11-24T09:00:00.000Z', updatedAt: '2026-11-24T09:00:00.000Z', executionAttempts: 0,
    lastExecutionAttempt: null, executionError: null, requiresApproval: true, approvedBy: null, approvedAt: null,
    rejectedBy: null, rejectedAt: null, rejectionReason: null, metadata: {}, completedAt: null, leaseOwner: null,
    leaseExpiresAt: null, notBefore: null, holdReason: null, policyDecision: 'require_approval',
    policyReason: 'rule: outbound email', policyRuleId: 'r1', outcomeUnknown: false, origin: 'local', ...overrides,
  };
}

export function makeItem(overrides: Partial<Task> = {}, summary: string | null = 'Send draft r-1 to jo@example.com'): ApprovalItem {
  return {
    task: makeTask(overrides),
    preview: summary ? { channel: 'gmail', summary, detail: { kind: 'generic', fields: {} } } : null,
    previewError: null,
    channel: 'gmail',
  };
}

export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a-1', type: 'escalation', severity: 'high', title: 'Task failed 3 times', message: 'Gmail said 401: token expired',
    metadata: { taskId: 't-9' }, createdAt: '2026-11-24T09:00:00.000Z', acknowledgedAt: null, acknowledgedBy: null,
    deliveryStatus: null, deliveryError: null, ...overrides,
  };
}
