/**
 * The approvals inbox: waiting tasks on the left (filter by agent, counts), the selected task on
 * the right with its preview and decisions. The selection is a task id, so tasks arriving or
 * leaving never move it onto another task (seen 2); after a decision the next task is selected.
 * Keyboard: j/k move, x select, a approve, r reject, e edit; no shortcut acts while a dialog is
 * open or closing (seen 1) or on a task that is not on screen. Bulk approve first shows what will
 * go out, by channel (seen 3).
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ApprovalItem } from '../../../shared/contract';
import { useApi, useApiMutation } from '../hooks/use-api';
import { ApprovalCard } from '../components/approval-card';
import { BulkBar } from '../components/bulk-bar';
import { shortcutsBlocked } from '../components/dialog-guard';
import { blockersOf } from '../components/inbox/blockers';
import { BulkApproveDialog } from '../components/inbox/bulk-approve-dialog';
import { agentCounts, InboxList } from '../components/inbox/inbox-list';
import { nextSelection } from '../components/inbox/next-selection';
import { RejectDialog } from '../components/reject-dialog';
import { Empty, ErrorState, Loading } from '../components/states';

// The editors (and X's counting rules) load when an editor is first opened.
const EditApproveDialog = lazy(() => import('../components/edit-approve-dialog').then((module) => ({ default: module.EditApproveDialog })));

type Dialog = { kind: 'reject'; ids: string[] } | { kind: 'edit'; item: ApprovalItem; field: string | null } | { kind: 'bulk'; items: ApprovalItem[] } | null;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest?.('dialog'));
}

/** True when the element's box is at least partly inside the window. */
function onScreen(el: Element | null): boolean {
  if (!el) return false;
  const box = el.getBoundingClientRect();
  return box.height > 0 && box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth;
}

export function ApprovalsView({ focusId = null }: { focusId?: string | null }) {
  const approvals = useApi('approvals:list', { limit: 200 });
  const rules = useApi('rules:list', {});
  const approve = useApiMutation('approvals:approve');
  const [chosen, setChosen] = useState<string | null>(focusId);
  const [agent, setAgent] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState('');
  const [order, setOrder] = useState<string[]>([]);
  const [linked, setLinked] = useState(focusId);
  if (focusId !== linked) {
    setLinked(focusId);
    setChosen(focusId);
  }

  const all = useMemo(() => approvals.data?.items ?? [], [approvals.data]);
  const items = useMemo(() => (agent ? all.filter((item) => item.task.assignedAgent === agent) : all), [all, agent]);
  const ruleNames = useMemo(() => new Map((rules.data?.items ?? []).map((rule) => [rule.id, rule.name])), [rules.data]);
  const ids = items.map((item) => item.task.id);
  // The chosen task while it waits; when it leaves (decided here or elsewhere), its neighbour.
  const selectedId = nextSelection(order, ids, chosen);
  if (ids.join() !== order.join()) {
    setOrder(ids);
    if (selectedId !== chosen) setChosen(selectedId);
  }
  const current = items.find((item) => item.task.id === selectedId) ?? null;

  const selected = useMemo(() => {
    const present = new Set(all.map((item) => item.task.id));
    return new Set([...picked].filter((id) => present.has(id)));
  }, [all, picked]);

  const toggle = (id: string) =>
    setPicked((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const select = (id: string | null) => {
    setChosen(id);
    if (id) requestAnimationFrame(() => document.querySelector(`[data-row-id="${id}"]`)?.scrollIntoView({ block: 'nearest' }));
  };

  const approveCurrent = () => {
    if (!current || blockersOf(current).length) return;
    approve.mutate({ id: current.task.id }, { onSuccess: (task) => setNotice(`Approved “${task.title}”.`) });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (shortcutsBlocked() || dialog || isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      const key = event.key.toLowerCase();
      const index = current ? ids.indexOf(current.task.id) : -1;
      if (key === 'j' || key === 'k') {
        const next = ids[Math.min(Math.max(index + (key === 'j' ? 1 : -1), 0), ids.length - 1)];
        if (next) select(next);
        event.preventDefault();
        return;
      }
      if (!current || !['a', 'r', 'e', 'x'].includes(key)) return;
      event.preventDefault();
      // Never act on a task Kenny cannot see: bring it into view and ask for the key again.
      const card = document.querySelector(`.approval-card[data-task-id="${current.task.id}"]`);
      if (!onScreen(card)) {
        card?.scrollIntoView({ block: 'nearest' });
        setNotice(`“${current.task.title}” was not on screen; it is now. Press ${key} again to act on it.`);
        return;
      }
      if (key === 'a') {
        if (blockersOf(current).length) setNotice(`“${current.task.title}” cannot be approved until it is fixed (press e).`);
        else approveCurrent();
      } else if (key === 'r') setDialog({ kind: 'reject', ids: [current.task.id] });
      else if (key === 'e') setDialog({ kind: 'edit', item: current, field: blockersOf(current)[0]?.field ?? null });
      else if (key === 'x') toggle(current.task.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

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
      <p className="sr-only" aria-live="polite" data-testid="inbox-announce">
        {notice}
      </p>
      {notice ? <p className="notice small" data-testid="inbox-notice">{notice}</p> : null}
      {all.length === 0 ? (
        <Empty title="Inbox zero">Nothing waits for your approval. New tasks that need a decision appear here live.</Empty>
      ) : (
        <div className="inbox">
          <div className="inbox-left">
            <div className="chip-row inbox-filters" role="group" aria-label="Filter by agent">
              <button type="button" className={`chip ${agent === null ? 'chip-on' : ''}`} aria-pressed={agent === null} onClick={() => setAgent(null)}>
                All ({all.length})
              </button>
              {agentCounts(all).map(([name, count]) => (
                <button key={name} type="button" className={`chip ${agent === name ? 'chip-on' : ''}`} aria-pressed={agent === name} onClick={() => setAgent(name)}>
                  {name} ({count})
                </button>
              ))}
            </div>
            <BulkBar
              items={items}
              selected={selected}
              onSelectAll={(on) => setPicked(on ? new Set(ids) : new Set())}
              onApprove={() => setDialog({ kind: 'bulk', items: all.filter((item) => selected.has(item.task.id)) })}
              onReject={() => setDialog({ kind: 'reject', ids: [...selected] })}
            />
            <InboxList items={items} selectedId={selectedId} picked={selected} onSelect={select} onToggle={toggle} />
          </div>
          <div className="inbox-right">
            {approve.error ? <p className="error-text" role="alert">Approve failed: {approve.error.message}</p> : null}
            {current ? (
              <ApprovalCard
                item={current}
                blockers={blockersOf(current)}
                ruleName={current.task.policyRuleId ? ruleNames.get(current.task.policyRuleId) ?? null : null}
                busy={approve.isPending && approve.variables?.id === current.task.id}
                onApprove={approveCurrent}
                onReject={() => setDialog({ kind: 'reject', ids: [current.task.id] })}
                onEdit={(field) => setDialog({ kind: 'edit', item: current, field: field ?? null })}
              />
            ) : (
              <Empty title="Nothing selected">Pick a task on the left.</Empty>
            )}
          </div>
        </div>
      )}
      {dialog?.kind === 'reject' ? (
        <RejectDialog ids={dialog.ids} onClose={() => setDialog(null)} onDone={() => { setPicked(new Set()); setNotice(`Rejected ${dialog.ids.length} task${dialog.ids.length === 1 ? '' : 's'}.`); }} />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <Suspense fallback={null}>
          <EditApproveDialog item={dialog.item} focusField={dialog.field} onClose={() => setDialog(null)} onApproved={() => setNotice(`Approved “${dialog.item.task.title}” with your edits.`)} onSaved={() => setNotice(`Saved your edits of “${dialog.item.task.title}”; it still waits.`)} />
        </Suspense>
      ) : null}
      {dialog?.kind === 'bulk' ? (
        <BulkApproveDialog items={dialog.items} onClose={() => setDialog(null)} onDone={(done) => { setPicked(new Set()); setNotice(`Approved ${done.length} task${done.length === 1 ? '' : 's'}.`); }} />
      ) : null}
    </div>
  );
}
