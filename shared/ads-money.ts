/**
 * Google Ads money: the API speaks micros (1,000,000 per currency unit, int64 sent as strings);
 * people read money in the account's currency. Bids and budgets must be multiples of the
 * currency's billable unit (0.01 for ZAR), so every amount is rounded to it before it is shown
 * or sent: what Kenny approves is the amount Google gets.
 */

export const microsPerUnit = 1_000_000;

/** Currencies without a minor unit bill in whole units; the rest (ZAR, USD, EUR, ...) in hundredths. */
const wholeUnitCurrencies = new Set(['JPY', 'KRW', 'CLP', 'VND', 'ISK', 'UGX', 'PYG', 'XOF', 'XAF', 'HUF', 'TWD', 'IDR', 'COP']);

/** The billable unit in micros: 10,000 (0.01) unless the currency bills in whole units. */
export function billableUnitMicros(currency: string): number {
  return wholeUnitCurrencies.has(currency.toUpperCase()) ? microsPerUnit : 10_000;
}

/** Rounds micros to the nearest billable unit (half away from zero). */
export function roundMicros(micros: number, currency: string): number {
  const unit = billableUnitMicros(currency);
  return Math.sign(micros) * Math.round(Math.abs(micros) / unit) * unit;
}

/** An amount in currency units (4.5) as billable micros (4500000). */
export function toMicros(amount: number, currency: string): number {
  return roundMicros(Math.round(amount * microsPerUnit), currency);
}

/** Micros (number or the API's int64 string) as money: "R 4.50" for ZAR (en-GB digits: same in Node and Chromium). */
export function formatMicros(micros: number | string, currency: string): string {
  const amount = Number(micros) / microsPerUnit;
  const digits = billableUnitMicros(currency) === microsPerUnit ? 0 : 2;
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits })
      .format(amount)
      .replace(/\s/g, ' ');
  } catch {
    return `${currency} ${amount.toFixed(digits)}`;
  }
}

/** A signed change as money ("+R 0.50", "−R 1.00"). */
export function formatMicrosChange(micros: number, currency: string): string {
  const sign = micros > 0 ? '+' : micros < 0 ? '−' : '±';
  return `${sign}${formatMicros(Math.abs(micros), currency)}`;
}

/** A signed percent with one decimal at most ("+12.5 %", "−20 %"). */
export function formatPercent(percent: number): string {
  const rounded = Math.round(percent * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${Math.abs(rounded)} %`;
}
