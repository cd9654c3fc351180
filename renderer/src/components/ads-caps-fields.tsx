/**
 * Settings → Google Ads impact caps: a change beyond one is refused before approval with the
 * cap's name (never clipped). Money in the account's currency.
 */
import type { AdsCaps } from '../../../shared/settings';
import { Locked, NumberField } from './settings-form';

export function AdsCapsFields({ caps, locked, onChange }: { caps: AdsCaps; locked: string | undefined; onChange: (caps: AdsCaps) => void }) {
  const field = (key: Exclude<keyof AdsCaps, 'currency'>, label: string, unit: string, min = 0) => (
    <NumberField label={label} unit={unit} min={min} value={caps[key]} disabled={!!locked} onChange={(value) => onChange({ ...caps, [key]: value })} />
  );
  return (
    <fieldset>
      <legend>Google Ads impact caps</legend>
      <div className="muted small">A change beyond a cap is refused before approval, never clipped.</div>
      {field('maxChangePercent', 'Largest single change', '%')}
      {field('maxDailyChangePercent', 'Largest total change per 24 h', '%')}
      {field('bidFloor', 'Lowest max CPC bid', 'currency')}
      {field('bidCeiling', 'Highest max CPC bid', 'currency')}
      {field('budgetFloor', 'Lowest daily budget', 'currency')}
      {field('budgetCeiling', 'Highest daily budget', 'currency')}
      {field('maxEntitiesPerTask', 'Most entities per task', 'entities', 1)}
      <label>
        Currency of the caps (shown before Google Ads is read)
        <input value={caps.currency} maxLength={3} size={4} disabled={!!locked} onChange={(event) => onChange({ ...caps, currency: event.target.value.toUpperCase() })} />
      </label>
      <Locked name={locked} />
    </fieldset>
  );
}
