/**
 * A newsletter as Kenny approves it: the e-mail rendered as recipients will see it (sandboxed
 * frame), subject, preview text, sender, the Brevo lists with their subscriber counts read live,
 * a "Send me a test" action while it has not gone out, and after the send the campaign's status
 * and statistics (delivered, opens, clicks, unsubscribes).
 */
import { useState } from 'react';
import type { CampaignReport, PreviewDetail } from '../../../shared/preview';
import { useApiMutation } from '../hooks/use-api';
import { HtmlFrame } from './html-frame';

type NewsletterDetail = Extract<PreviewDetail, { kind: 'newsletter' }>;

const count = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toLocaleString('en'));

function SendTest({ taskId }: { taskId: string }) {
  const send = useApiMutation('newsletters:send-test', []);
  const [email, setEmail] = useState('');
  return (
    <form
      className="send-test"
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate({ taskId, ...(email.trim() ? { email: email.trim() } : {}) });
      }}
    >
      <label className="small muted">
        Test address <input type="email" value={email} placeholder="default: your alert address" onChange={(event) => setEmail(event.target.value)} />
      </label>
      <button type="submit" disabled={send.isPending}>
        {send.isPending ? 'Sending test…' : 'Send me a test'}
      </button>
      <span role="status" className="small">
        {send.isSuccess ? `Test sent to ${send.data.email}` : send.isError ? <span className="error-text">{send.error.message}</span> : null}
      </span>
    </form>
  );
}

function CampaignStats({ report }: { report: CampaignReport }) {
  const rate = (value: number | null) => (value === null ? '' : ` (${value}%)`);
  return (
    <section className="campaign-stats" aria-label="Campaign statistics">
      <div className="small muted">
        Brevo campaign {report.campaignId}: <strong>{report.status}</strong> · checked {report.checkedAt.slice(0, 16).replace('T', ' ')} UTC
      </div>
      <div className="stat-row">
        <div className="stat"><span className="stat-value">{count(report.delivered)}</span><span className="stat-label">Delivered of {count(report.sent)}</span></div>
        <div className="stat"><span className="stat-value">{count(report.opens)}</span><span className="stat-label">Opens{rate(report.openRate)}</span></div>
        <div className="stat"><span className="stat-value">{count(report.clicks)}</span><span className="stat-label">Clicks{rate(report.clickRate)}</span></div>
        <div className="stat"><span className="stat-value">{count(report.unsubscribes)}</span><span className="stat-label">Unsubscribes</span></div>
      </div>
    </section>
  );
}

export function NewsletterPreview({ d, taskId }: { d: NewsletterDetail; taskId?: string }) {
  return (
    <div className="preview-email">
      <dl className="kv compact">
        {d.sender ? (<><dt>From</dt><dd>{d.sender.name ? `${d.sender.name} <${d.sender.email}>` : d.sender.email}</dd></>) : null}
        <dt>Subject</dt>
        <dd><strong>{d.subject ?? '—'}</strong></dd>
        {d.previewText ? (<><dt>Preview text</dt><dd>{d.previewText}</dd></>) : null}
        {d.scheduledFor ? (<><dt>Scheduled</dt><dd>{d.scheduledFor}</dd></>) : null}
        <dt>Recipients</dt>
        <dd>{d.recipientCount !== null ? `${count(d.recipientCount)} (unique subscribers of the lists)` : d.listIds?.length ? `lists ${d.listIds.join(', ')}` : 'the default list'}</dd>
      </dl>
      {d.lists?.length ? (
        <table className="table compact" aria-label="Brevo lists">
          <thead>
            <tr><th>List</th><th>Subscribers</th><th>Unique</th><th>Blacklisted</th></tr>
          </thead>
          <tbody>
            {d.lists.map((list) => (
              <tr key={list.id}>
                <td>{list.name} <span className="muted mono">#{list.id}</span></td>
                <td>{count(list.totalSubscribers)}</td>
                <td>{count(list.uniqueSubscribers)}</td>
                <td>{count(list.totalBlacklisted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {d.campaign ? <CampaignStats report={d.campaign} /> : null}
      {d.html ? <HtmlFrame html={d.html} title={`Newsletter: ${d.subject ?? ''}`} /> : null}
      {taskId && d.canSendTest ? <SendTest taskId={taskId} /> : null}
    </div>
  );
}
