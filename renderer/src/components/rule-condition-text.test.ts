import { describe, expect, it } from 'vitest';
import { fromRow, parseConditionsJson, toRow } from './rule-condition-text';

describe('rule conditions as fields', () => {
  it('types values: numbers, booleans, lists; and back', () => {
    expect(fromRow({ field: 'email_category', op: 'eq', value: 'complaint' })).toEqual({ ok: true, condition: { field: 'email_category', op: 'eq', value: 'complaint' } });
    expect(fromRow({ field: 'bid.change', op: 'gt', value: '20' })).toEqual({ ok: true, condition: { field: 'bid.change', op: 'gt', value: 20 } });
    expect(fromRow({ field: 'platform', op: 'in', value: 'x, facebook' })).toEqual({ ok: true, condition: { field: 'platform', op: 'in', value: ['x', 'facebook'] } });
    expect(fromRow({ field: 'draft_id', op: 'exists', value: 'ignored' })).toEqual({ ok: true, condition: { field: 'draft_id', op: 'exists' } });
    expect(toRow({ field: 'platform', op: 'in', value: ['x', 'facebook'] })).toEqual({ field: 'platform', op: 'in', value: 'x, facebook' });
  });

  it('says what is wrong: missing value, a non-number for a comparison, a bad field path', () => {
    expect(fromRow({ field: 'email_category', op: 'eq', value: ' ' })).toMatchObject({ ok: false, error: expect.stringMatching(/a value is needed/) });
    expect(fromRow({ field: 'bid.change', op: 'gt', value: 'lots' })).toMatchObject({ ok: false, error: expect.stringMatching(/needs a number/) });
    expect(fromRow({ field: 'email category', op: 'eq', value: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/dotted metadata path/) });
  });

  it('the JSON view refuses unknown keys instead of dropping them', () => {
    expect(parseConditionsJson('[{"field":"email_category","op":"eq","vale":"quote"}]')).toMatchObject({ ok: false, error: expect.stringMatching(/vale/) });
    expect(parseConditionsJson('[{"field":"email_category","op":"eq","value":"quote"}]')).toEqual({ ok: true, conditions: [{ field: 'email_category', op: 'eq', value: 'quote' }] });
  });
});
