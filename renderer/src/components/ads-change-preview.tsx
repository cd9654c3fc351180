/**
 * A Google Ads change as Kenny approves it: the campaign / ad group / keyword / budget names, the
 * current and new value in the account's currency, the change in money and percent, every impact
 * cap with its limit (a cap that refuses the change is marked), who else spends from a shared
 * budget, and that money already spent cannot be undone.
 */
import type { ExecutionPreview, PreviewDetail } from '../../../shared/preview';

type AdsDetail = Extract<PreviewDetail, { kind: 'ads_change' }>;

const actionLabels: Record<AdsDetail['action'], string> = {
  adjust_bid: 'Bid change',
  set_budget: 'Daily budget change',
  pause_campaign: 'Pause campaign',
  enable_campaign: 'Enable campaign',
};

function Named({ label, item }: { label: string; item: { id: string; name?: string | null; text?: string | null } | null }) {
  if (!item) return null;
  const name = item.name ?? item.text ?? null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {name ? <strong>{name}</strong> : <span className="muted">not read yet</span>} <span className="muted small mono">#{item.id}</span>
      </dd>
    </>
  );
}

export function AdsChangePreview({ d, preview }: { d: AdsDetail; preview?: Pick<ExecutionPreview, 'problems' | 'warnings'> }) {
  const problems = preview?.problems ?? [];
  const warnings = preview?.warnings ?? [];
  const direction = d.changePercent === null ? '' : d.changePercent > 0 ? 'up' : d.changePercent < 0 ? 'down' : '';
  return (
    <div className="ads-change" data-testid="ads-change">
      <div className="ads-action">
        <span className="chip">{actionLabels[d.action]}</span>
        {d.live ? <span className="muted small">read from Google Ads just now{d.currency ? ` · ${d.currency}` : ''}</span> : <span className="muted small">not read from Google Ads yet{d.currency ? ` · amounts in ${d.currency}` : ''}</span>}
      </div>
      <dl className="ads-names">
        <Named label="Campaign" item={d.campaign} />
        <Named label="Ad group" item={d.adGroup} />
        <Named label="Keyword" item={d.keyword ? { id: d.keyword.id, text: d.keyword.text ? `${d.keyword.text}${d.keyword.matchType ? ` (${d.keyword.matchType.toLowerCase()})` : ''}` : null } : null} />
        <Named label={d.budget?.shared ? 'Shared budget' : 'Budget'} item={d.budget} />
      </dl>
      <div className="ads-values" data-testid="ads-values">
        <div>
          <div className="muted small">{d.value === 'status' ? 'Status now' : d.value === 'bid' ? 'Max CPC now' : 'Daily budget now'}</div>
          <div className="ads-amount mono">{d.before ?? '?'}</div>
        </div>
        <span className="ads-arrow" aria-label="changes to">
          →
        </span>
        <div>
          <div className="muted small">{d.value === 'status' ? 'New status' : 'New value'}</div>
          <div className="ads-amount mono strong">{d.after ?? d.requested}</div>
        </div>
        {d.change !== null ? (
          <div className={`ads-delta ${direction}`} data-testid="ads-delta">
            {d.change}
            {d.changePercent !== null ? ` (${d.changePercent > 0 ? '+' : d.changePercent < 0 ? '−' : '±'}${Math.abs(Math.round(d.changePercent * 10) / 10)} %)` : ''}
          </div>
        ) : null}
      </div>
      <div className="muted small">Asked for: {d.requested}</div>
      {problems.length ? (
        <div role="alert">
          <ul className="ads-problems" aria-label="Why this cannot be approved">
            {problems.map((problem, index) => (
              <li key={index}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings.length ? (
        <ul className="ads-warnings" aria-label="Warnings">
          {warnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      ) : null}
      {d.caps.length ? (
        <table className="ads-caps">
          <caption className="muted small">Impact caps</caption>
          <thead>
            <tr>
              <th scope="col">Cap</th>
              <th scope="col">Limit</th>
              <th scope="col">This change</th>
              <th scope="col">
                <span className="sr-only">Result</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {d.caps.map((cap) => (
              <tr key={cap.name} className={cap.ok ? '' : 'cap-over'}>
                <td>
                  {cap.label} <span className="muted small mono">{cap.name}</span>
                </td>
                <td className="mono">{cap.limit}</td>
                <td className="mono">{cap.actual}</td>
                <td>{cap.ok ? <span className="cap-ok">✓ within</span> : <strong className="cap-over-mark">✗ over the cap</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted small ads-irreversible">{d.irreversible}</p>
    </div>
  );
}
