import { describe, expect, it } from 'vitest';
import { countPost } from './social-count';

describe('countPost', () => {
  it('counts X the way X does: a link is 23, an emoji 2', () => {
    expect(countPost('x', 'Sale https://audico.co.za/a/very/long/path/to/the/sale/page')).toEqual({ count: 5 + 23, limit: 280, weighted: true });
    expect(countPost('twitter', '🎉').count).toBe(2);
  });

  it('counts Facebook and Instagram in characters against their own limits', () => {
    expect(countPost('instagram', '🎉 https://audico.co.za')).toEqual({ count: 22, limit: 2200, weighted: false });
    expect(countPost('facebook', 'abc').limit).toBe(63_206);
  });
});
