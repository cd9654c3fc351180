/**
 * The approvals inbox: waiting tasks on the left (filter by agent, counts), the selected task on
 * the right with its preview and decisions; a "Done" tab with what was decided today. The
 * selection is a task id, so tasks arriving or leaving never move it onto another task (seen 2);
 * after a decision the next task is selected. Keyboard (components/inbox/use-inbox-keys.ts): j/k
 * move, Enter opens, a approve, r reject, e edit, s snooze, d mark a manual task done, x select.
 * Every approval here starts the undo window (the toast's Undo). Manual tasks are marked done,
 * never approved (seen 8). Bulk approve first shows what will go out, by channel (seen 3).
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ApprovalItem } from '../../../shared/contract';
import { useApi, useApiMutation } from '../hooks/use-api';
import { navigate } from '../hooks/use-route';
import { announce } from '../components/announce';
import { ApprovalCard } from '../components/approval-card';
import { BulkBar } from '../components/bulk-bar';
import { blockersOf } from '../components/inbox/blockers';
import { BulkApproveDialog } from '../components/inbox/bulk-approve-dialog';
import { DoneList } from '../components/inbox/done-list';
import { agentCounts, InboxList } from '../components/inbox/inbox-list';
import { nextSelection } from '../components/inbox/next-selection';
import { SnoozeDialog } from '../components/inbox/snooze-dialog';
import { useInboxKeys, type InboxAction } from '../components/inbox/use-inbox-keys';
import { MarkDoneDialog } from '../components/mark-done-dialog';
import { RejectDialog } from '../components/reject-dialog';
import { trackApprovals } from '../components/shell/undo-store';
import { Empty, ErrorState, Loading } from '../components/states';

// The editors (and X's counting rules) load when an editor is first opened.
const EditApproveDialog = lazy(() => import('../components/edit-approve-dialog').then((module) => ({ default: module.EditApproveDialog })));

type Dialog =
  | { kind: 'reject'; ids: string[] }
  | { kind: 'edit'; item: ApprovalItem; field: string | null }
  | { kind: 'bulk'; items: ApprovalItem[] }
  | { kind: 'snooze' | 'done'; item: ApprovalItem }
  | null;

export function ApprovalsView({ focusId = null }: { focusId?: string | null }) {
  const approvals = useApi('approvals:list', { limit: 200 });
  const rules = useApi('rules:list', {});
  const approve = useApiMutation('approvals:approve');
  const [tab, setTab] = useState<'waiting' | 'done'>('waiting');
  const [chosen, setChosen] = useState<string | null>(focusId);
  const [agent, setAgent] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNoticeText] = useState('');
  const [order, setOrder] = useState<string[]>([]);
  const [linked, setLinked] = useState(focusId);
  if (focusId !== linked) {
    setLinked(focusId);
    setChosen(focusId);
  }
  const setNotice = (text: string) => {
    setNoticeText(text);
    announce(text);
  };

  // A snoozed task comes back by itself: ask again when the first one is due.
  const nextBack = approvals.data?.nextSnoozeEndsAt ?? null;
  const { refetch } = approvals;
  useEffect(() => {
    if (!nextBack) return;
    const timer = window.setTimeout(() => void refetch(), Math.min(Math.max(Date.parse(nextBack) - Date.now() + 250, 0), 2_000_000_000));
    return () => window.clearTimeout(timer);
  }, [nextBack, refetch]);

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
    if (id)
      requestAnimationFrame(() => {
        const row = document.querySelector<HTMLElement>(`[data-row-id="${id}"]`);
        row?.scrollIntoView({ block: 'nearest' });
        // Focus follows the selection, so Enter opens the task it shows.
        if (row && !row.contains(document.activeElement)) row.querySelector<HTMLElement>('.row-title')?.focus({ preventScroll: true });
      });
  };

  const approveItem = (item: ApprovalItem) => {
    if (item.manual || blockersOf(item).length) return;
    approve.mutate(
      { id: item.task.id, undo: true },
      {
        onSuccess: (task) => {
          trackApprovals([task]);
          setNotice(`Approved “${task.title}”.`);
        },
      },
    );
  };

  const act = (action: InboxAction, item: ApprovalItem) => {
    if (action === 'open') navigate({ view: 'task', id: item.task.id });
    else if (action === 'toggle') toggle(item.task.id);
    else if (action === 'reject') setDialog({ kind: 'reject', ids: [item.task.id] });
    else if (action === 'snooze') setDialog({ kind: 'snooze', item });
    else if (action === 'done') {
      if (item.manual) setDialog({ kind: 'done', item });
      else setNotice(`“${item.task.title}” is run by its channel: approve or reject it.`);
    } else if (item.manual) setNotice(`“${item.task.title}” is a manual task: mark it done (d) when it is done.`);
    else if (action === 'edit') setDialog({ kind: 'edit', item, field: blockersOf(item)[0]?.field ?? null });
    else if (blockersOf(item).length) setNotice(`“${item.task.title}” cannot be approved until it is fixed (press e).`);
    else approveItem(item);
  };

  useInboxKeys({ enabled: tab === 'waiting' && !dialog, ids, current, select, act, notify: setNotice });

  if (approvals.isPending) return <Loading label="Loading the approvals inbox…" />;
  if (approvals.isError) return <ErrorState error={approvals.error} onRetry={() => void approvals.refetch()} />;
  const snoozed = approvals.data.snoozed ?? 0;

  return (
    <div className="view approvals">
      <header className="view-head">
        <h1>Approvals</h1>
        <div className="segmented" role="tablist" aria-label="Inbox">
          <button type="button" role="tab" aria-selected={tab === 'waiting'} className={tab === 'waiting' ? 'on' : ''} onClick={() => setTab('waiting')}>
            Waiting
          </button>
          <button type="button" role="tab" aria-selected={tab === 'done'} className={tab === 'done' ? 'on' : ''} onClick={() => setTab('done')}>
            Done today
          </button>
        </div>
        <span className="muted" data-testid="approvals-total">
          {approvals.data.total} waiting
        </span>
        {snoozed > 0 ? <span className="muted small" data-testid="snoozed-count">{snoozed} put off for later</span> : null}
        <div className="kbd-hint" aria-label="Keyboard shortcuts">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>e</kbd> edit · <kbd>s</kbd> later · <kbd>?</kbd> all keys
        </div>
      </header>
      <p className="sr-only" aria-live="polite" data-testid="inbox-announce">
        {notice}
      </p>
      {notice ? <p className="notice small" data-testid="inbox-notice">{notice}</p> : null}
      {tab === 'done' ? (
        <DoneList />
      ) : all.length === 0 ? (
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
                onApprove={() => approveItem(current)}
                onReject={() => setDialog({ kind: 'reject', ids: [current.task.id] })}
                onEdit={(field) => setDialog({ kind: 'edit', item: current, field: field ?? null })}
                onSnooze={() => setDialog({ kind: 'snooze', item: current })}
                onMarkDone={() => setDialog({ kind: 'done', item: current })}
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
      {dialog?.kind === 'snooze' ? <SnoozeDialog task={dialog.item.task} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'done' ? <MarkDoneDialog task={dialog.item.task} onClose={() => setDialog(null)} onDone={() => setNotice(`Marked “${dialog.item.task.title}” done.`)} /> : null}
    </div>
  );
}
