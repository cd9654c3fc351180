/**
 * Exactly what a handler would send or change, rendered by kind: an e-mail as it will look (HTML
 * in a sandboxed iframe without scripts), a post with its character count against the limit, a
 * bid as old -> new, SEO edits as a before/after table.
 */
import type { ExecutionPreview, PreviewDetail } from '../../../shared/preview';
import { SocialPostPreview } from './social-post-preview';

type Of<K extends PreviewDetail['kind']> = Extract<PreviewDetail, { kind: K }>;

/**
 * sandbox="" gives the e-mail an opaque origin with no scripts, forms or navigation; a srcdoc frame
 * also inherits the page's CSP, so remote images (tracking pixels) never load.
 */
function HtmlFrame({ html, title }: { html: string; title: string }) {
  const doc = `<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`;
  return <iframe className="email-frame" title={title} sandbox="" srcDoc={doc} referrerPolicy="no-referrer" />;
}

function EmailPreview({ d }: { d: Of<'email'> }) {
  return (
    <div className="preview-email">
      <dl className="kv compact">
        {d.from ? (<><dt>From</dt><dd>{d.from}</dd></>) : null}
        <dt>To</dt>
        <dd>{d.to.join(', ') || '—'}</dd>
        {d.cc.length ? (<><dt>Cc</dt><dd>{d.cc.join(', ')}</dd></>) : null}
        <dt>Subject</dt>
        <dd><strong>{d.subject}</strong></dd>
        {d.scheduledFor ? (<><dt>Scheduled</dt><dd>{d.scheduledFor}</dd></>) : null}
        {d.threadId ? (<><dt>Thread</dt><dd className="mono">{d.threadId}</dd></>) : null}
      </dl>
      {d.html ? <HtmlFrame html={d.html} title={`E-mail: ${d.subject}`} /> : <pre className="email-text">{d.text ?? '(empty body)'}</pre>}
    </div>
  );
}

function BidPreview({ d }: { d: Of<'bid_change'> }) {
  const sign = d.changePercent > 0 ? '+' : '';
  return (
    <div className="preview-bid">
      {d.campaign ? <div className="muted">Campaign {d.campaign}</div> : null}
      <div className="bid-line" data-testid="bid-change">
        <span className="mono">{d.oldBid ?? '?'}</span>
        <span aria-label="changes to"> → </span>
        <span className="mono strong">{d.newBid ?? '?'}</span>
        <span className={Math.abs(d.changePercent) > 20 ? 'error-text' : 'muted'}>
          ({sign}
          {Math.round(d.changePercent * 10) / 10}%)
        </span>
      </div>
    </div>
  );
}

function SeoPreview({ d }: { d: Of<'seo_change'> }) {
  return (
    <div className="preview-seo">
      <div className="muted">
        {d.changeType} on {d.productIds.length} product{d.productIds.length === 1 ? '' : 's'}
      </div>
      {d.changes.length ? (
        <table className="table compact">
          <thead>
            <tr><th>Product</th><th>Field</th><th>Before</th><th>After</th></tr>
          </thead>
          <tbody>
            {d.changes.map((change, index) => (
              <tr key={index}>
                <td className="mono">{String(change.productId)}</td>
                <td>{change.field}</td>
                <td className="muted">{change.before ?? '—'}</td>
                <td>{change.after ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function NewsletterPreview({ d }: { d: Of<'newsletter'> }) {
  return (
    <div className="preview-email">
      <dl className="kv compact">
        <dt>Subject</dt>
        <dd><strong>{d.subject ?? '—'}</strong></dd>
        <dt>Recipients</dt>
        <dd>{d.recipientCount ?? 'unknown'}</dd>
      </dl>
      {d.html ? <HtmlFrame html={d.html} title={`Newsletter: ${d.subject ?? ''}`} /> : null}
    </div>
  );
}

function GenericPreview({ d }: { d: Of<'generic'> }) {
  return <pre className="json">{JSON.stringify(d.fields, null, 2)}</pre>;
}

function Detail({ detail, problems }: { detail: PreviewDetail; problems: ExecutionPreview['problems'] }) {
  switch (detail.kind) {
    case 'email':
      return <EmailPreview d={detail} />;
    case 'social_post':
      return <SocialPostPreview d={detail} problems={problems} />;
    case 'bid_change':
      return <BidPreview d={detail} />;
    case 'seo_change':
      return <SeoPreview d={detail} />;
    case 'newsletter':
      return <NewsletterPreview d={detail} />;
    case 'generic':
      return <GenericPreview d={detail} />;
  }
}

export function PreviewView({ preview, error }: { preview: ExecutionPreview | null; error: string | null }) {
  if (!preview) {
    return <div className="preview preview-missing">{error ? <span className="error-text">Cannot preview: {error}</span> : <span className="muted">No channel handles this task: it will not be sent anywhere.</span>}</div>;
  }
  return (
    <div className="preview" data-kind={preview.detail.kind}>
      <div className="preview-summary">
        <span className="chip">{preview.channel}</span> {preview.summary}
      </div>
      <Detail detail={preview.detail} problems={preview.problems} />
    </div>
  );
}
