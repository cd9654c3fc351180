/**
 * Exactly what a handler would send or change, rendered by kind: an e-mail as it will look (HTML
 * in a sandboxed iframe without scripts), a post with its character count against the limit, a
 * Google Ads change with names, money and caps (ads-change-preview.tsx), SEO edits as a before/after table.
 */
import type { ExecutionPreview, PreviewDetail } from '../../../shared/preview';
import { HtmlFrame } from './html-frame';
import { NewsletterPreview } from './newsletter-preview';
import { AdsChangePreview } from './ads-change-preview';
import { SocialPostPreview } from './social-post-preview';

type Of<K extends PreviewDetail['kind']> = Extract<PreviewDetail, { kind: K }>;

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

function LengthCell({ row }: { row: NonNullable<Of<'seo_change'>['products']>[number]['rows'][number] }) {
  if (row.length === null) return <td className="muted">—</td>;
  const over = row.limit !== null && (row.length > row.limit.max || row.length < row.limit.min);
  return (
    <td className={over ? 'error-text' : 'muted'}>
      {row.length}
      {row.limit ? ` / ${row.limit.max}` : ''}
      {over ? ' — over the limit' : ''}
    </td>
  );
}

/** The live before/after table (OpenCart): one block per product, current values read from the shop. */
function SeoProducts({ products }: { products: NonNullable<Of<'seo_change'>['products']> }) {
  return (
    <div className="seo-products">
      {products.map((product) => (
        <div className="seo-product" key={product.productId}>
          <div className="seo-product-head">
            <strong>{product.name ?? `Product ${product.productId}`}</strong> <span className="muted mono">#{product.productId}</span>
            {product.links.map((link) => (
              <a key={link} href={link} target="_blank" rel="noreferrer noopener" className="small">
                product page
              </a>
            ))}
          </div>
          <table className="table compact seo-table">
            <thead>
              <tr><th>Field</th><th>Language</th><th>Now in the shop</th><th>New value</th><th>Length</th></tr>
            </thead>
            <tbody>
              {product.rows.map((row, index) => (
                <tr key={index} className={row.problem ? 'row-problem' : undefined}>
                  <td>{row.field}{row.store !== null && row.store !== 0 ? ` (store ${row.store})` : ''}</td>
                  <td>{row.language ?? '—'}</td>
                  <td className="muted">{row.current ?? '(none)'}</td>
                  <td>{row.next}{row.problem ? <div className="error-text small">{row.problem}</div> : null}</td>
                  <LengthCell row={row} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

function SeoPreview({ d }: { d: Of<'seo_change'> }) {
  return (
    <div className="preview-seo">
      <div className="muted">
        {d.changeType} on {d.productIds.length} product{d.productIds.length === 1 ? '' : 's'}
        {d.shop ? ` · ${d.shop}` : ''}
      </div>
      {d.products ? (
        <SeoProducts products={d.products} />
      ) : d.changes.length ? (
        <table className="table compact seo-table seo-plain">
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

function GenericPreview({ d }: { d: Of<'generic'> }) {
  return <pre className="json">{JSON.stringify(d.fields, null, 2)}</pre>;
}

function Detail({ detail, preview, taskId }: { detail: PreviewDetail; preview: ExecutionPreview; taskId?: string }) {
  switch (detail.kind) {
    case 'email':
      return <EmailPreview d={detail} />;
    case 'social_post':
      return <SocialPostPreview d={detail} problems={preview.problems} />;
    case 'ads_change':
      return <AdsChangePreview d={detail} preview={preview} />;
    case 'seo_change':
      return <SeoPreview d={detail} />;
    case 'newsletter':
      return <NewsletterPreview d={detail} taskId={taskId} />;
    case 'generic':
      return <GenericPreview d={detail} />;
  }
}

/** `taskId` enables the task's actions inside the preview (a newsletter's "Send me a test"). */
const detailsWithOwnProblems = new Set<PreviewDetail['kind']>(['ads_change', 'social_post']);
const detailsWithOwnWarnings = new Set<PreviewDetail['kind']>(['ads_change']);

/** `showProblems` false: the caller lists the problems itself (the approval card, with Fix…). */
export function PreviewView({ preview, error, taskId, showProblems = true }: { preview: ExecutionPreview | null; error: string | null; taskId?: string; showProblems?: boolean }) {
  if (!preview) {
    return <div className="preview preview-missing">{error ? <span className="error-text">Cannot preview: {error}</span> : <span className="muted">No channel handles this task: it will not be sent anywhere.</span>}</div>;
  }
  // Some previews show problems (and warnings) in their own context: an ads change beside its caps, a post beside its text.
  const generic = showProblems && !detailsWithOwnProblems.has(preview.detail.kind);
  return (
    <div className="preview" data-kind={preview.detail.kind}>
      <div className="preview-summary">
        <span className="chip">{preview.channel}</span> {preview.summary}
      </div>
      {generic && preview.problems?.length ? (
        <ul className="preview-problems error-text" aria-label="Problems that block approval">
          {preview.problems.map((problem, index) => (
            <li key={index}>{problem.field ? <span className="mono">{problem.field}: </span> : null}{problem.message}</li>
          ))}
        </ul>
      ) : null}
      {!detailsWithOwnWarnings.has(preview.detail.kind) && preview.warnings?.length ? (
        <ul className="preview-warnings muted">
          {preview.warnings.map((warning, index) => <li key={index}>{warning}</li>)}
        </ul>
      ) : null}
      <Detail detail={preview.detail} preview={preview} taskId={taskId} />
    </div>
  );
}
