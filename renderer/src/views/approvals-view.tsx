/**
 * The approvals inbox: every waiting task with a preview of what will be sent, the rule that
 * asked, and Approve / Reject with reason / Edit then approve; bulk decisions; keyboard shortcuts
 * (j/k move, x select, a approve, r reject, e edit).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApprovalItem } from '../../../shared/contract';
import { useApi, useApiMutation } from '../hooks/use-api';
import { ApprovalCard } from '../components/approval-card';
import { BulkBar } from '../components/bulk-bar';
import { EditApproveDialog } from '../components/edit-approve-dialog';
import { RejectDialog } from '../components/reject-dialog';
import { Empty, ErrorState, Loading } from '../components/states';

type Dialog = { kind: 'reject'; ids: string[] } | { kind: 'edit'; item: ApprovalItem } | null;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function ApprovalsView({ focusId = null }: { focusId?: string | null }) {
  const approvals = useApi('approvals:list', { limit: 200 });
  const rules = useApi('rules:list', {});
  const approve = useApiMutation('approvals:approve');
  const [moved, setFocus] = useState<number | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);

  const items = useMemo(() => approvals.data?.items ?? [], [approvals.data]);
  const ruleNames = useMemo(() => new Map((rules.data?.items ?? []).map((rule) => [rule.id, rule.name])), [rules.data]);
  const linked = focusId ? items.findIndex((item) => item.task.id === focusId) : -1;
  const focus = moved ?? Math.max(0, linked);
  const index = Math.min(focus, Math.max(0, items.length - 1));
  const current = items[index];

  // Selections of tasks that left the inbox (decided here, in the CLI or another tab) drop out.
  const selected = useMemo(() => {
    const ids = new Set(items.map((item) => item.task.id));
    return new Set([...picked].filter((id) => ids.has(id)));
  }, [items, picked]);
  const setSelected = setPicked;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialog || isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (!current) return;
      const key = event.key.toLowerCase();
      if (key === 'j') setFocus(Math.min(index + 1, items.length - 1));
      else if (key === 'k') setFocus(Math.max(index - 1, 0));
      else if (key === 'a') approve.mutate({ id: current.task.id });
      else if (key === 'r') setDialog({ kind: 'reject', ids: [current.task.id] });
      else if (key === 'e') setDialog({ kind: 'edit', item: current });
      else if (key === 'x') toggle(current.task.id);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    document.querySelector<HTMLElement>(`[data-approval-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  function toggle(id: string) {
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  if (approvals.isPending) return <Loading label="Loading the approvals inbox…" />;
  if (approvals.isError) return <ErrorState error={approvals.error} onRetry={() => void approvals.refetch()} />;

  return (
    <div className="view approvals">
      <header className="view-head">
        <h1>Approvals</h1>
        <span className="muted" data-testid="approvals-total">
          {approvals.data.total} waiting
        </span>
        <div className="kbd-hint" aria-label="Keyboard shortcuts">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>x</kbd> select · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>e</kbd> edit
        </div>
      </header>
      <BulkBar
        items={items}
        selected={selected}
        onSelectAll={(all) => setSelected(all ? new Set(items.map((item) => item.task.id)) : new Set())}
        onReject={() => setDialog({ kind: 'reject', ids: [...selected] })}
        onDone={() => setSelected(new Set())}
      />
      {approve.error ? <p className="error-text" role="alert">Approve failed: {approve.error.message}</p> : null}
      {items.length === 0 ? (
        <Empty title="Inbox zero">Nothing waits for your approval. New tasks that need a decision appear here live.</Empty>
      ) : (
        <ol className="approval-list">
          {items.map((item, i) => (
            <ApprovalCard
              key={item.task.id}
              item={item}
              index={i}
              focused={i === index}
              selected={selected.has(item.task.id)}
              ruleName={item.task.policyRuleId ? ruleNames.get(item.task.policyRuleId) ?? null : null}
              busy={approve.isPending && approve.variables?.id === item.task.id}
              onFocus={() => setFocus(i)}
              onToggle={() => toggle(item.task.id)}
              onApprove={() => approve.mutate({ id: item.task.id })}
              onReject={() => setDialog({ kind: 'reject', ids: [item.task.id] })}
              onEdit={() => setDialog({ kind: 'edit', item })}
            />
          ))}
        </ol>
      )}
      {dialog?.kind === 'reject' ? <RejectDialog ids={dialog.ids} onClose={() => setDialog(null)} onDone={() => setSelected(new Set())} /> : null}
      {dialog?.kind === 'edit' ? <EditApproveDialog item={dialog.item} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
