/**
 * A Google Ads change: the new max CPC bid or daily budget, as an amount in the account's
 * currency (read from Google, else the caps' currency setting) or as a percent of the current
 * value; a pause or an enable has nothing to change but is shown as what it is. Impact caps are
 * checked live in the preview beside it.
 */
import type { PreviewDetail } from '../../../../shared/preview';
import type { EditorEntry, EditorProps } from './editor-types';
import { Field } from './field';

type Ads = Extract<PreviewDetail, { kind: 'ads_change' }>;

const numberOrUndefined = (text: string): number | undefined => (text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text));

function AdsEditor({ metadata, set, problems, focusField, preview, proposal }: EditorProps) {
  const detail = (preview?.detail.kind === 'ads_change' ? (preview.detail as Ads) : null) ?? (proposal?.detail.kind === 'ads_change' ? (proposal.detail as Ads) : null);
  const action = String(metadata.action ?? detail?.action ?? 'adjust_bid');
  if (action === 'pause_campaign' || action === 'enable_campaign') {
    return (
      <p data-testid="ads-status-note">
        This task <strong>{action === 'pause_campaign' ? 'pauses' : 'enables'}</strong> campaign {detail?.campaign?.name ?? String(metadata.campaign_id ?? '')}: there is no amount to change. Reject it if it should not happen.
      </p>
    );
  }
  const bid = action === 'adjust_bid';
  const amountKey = bid ? 'new_bid' : 'new_amount';
  const percentKey = bid ? 'bid_change_percent' : 'budget_change_percent';
  const byPercent = metadata[percentKey] !== undefined;
  const currency = detail?.currency ?? 'the account currency';
  const what = bid ? 'max CPC bid' : 'daily budget';
  const switchTo = (percent: boolean) => {
    set(percent ? amountKey : percentKey, undefined);
    set(percent ? percentKey : amountKey, percent ? 0 : undefined);
  };
  return (
    <div className="ads-editor">
      <div role="radiogroup" aria-label={`How the ${what} changes`} className="chip-row">
        <label><input type="radio" name="ads-mode" checked={!byPercent} onChange={() => switchTo(false)} /> New amount</label>
        <label><input type="radio" name="ads-mode" checked={byPercent} onChange={() => switchTo(true)} /> Change by percent</label>
      </div>
      {byPercent ? (
        <Field label={`Change of the ${what} (%)`} field={`metadata.${percentKey}`} problems={problems} focusField={focusField} hint={detail?.after ? <>New {what}: {detail.after} (now {detail.before ?? '?'})</> : null}>
          {(input) => <input {...input} type="number" step="0.1" value={String(metadata[percentKey] ?? '')} onChange={(event) => set(percentKey, numberOrUndefined(event.target.value))} />}
        </Field>
      ) : (
        <Field label={`New ${what} (${currency})`} field={`metadata.${amountKey}`} problems={problems} focusField={focusField} hint={detail?.before ? <>Now: {detail.before}</> : null}>
          {(input) => <input {...input} type="number" step="0.01" min="0" value={String(metadata[amountKey] ?? '')} onChange={(event) => set(amountKey, numberOrUndefined(event.target.value))} />}
        </Field>
      )}
    </div>
  );
}

export const adsEditor: EditorEntry = { label: 'Google Ads', fields: ['metadata.new_bid', 'metadata.new_amount', 'metadata.bid_change_percent', 'metadata.budget_change_percent'], Editor: AdsEditor };
