import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time';

describe('isoTime', () => {
  it('writes exactly what toISOString writes', () => {
    const samples = [0, 1, 999, 1_000, 59_999, Date.UTC(2026, 10, 30, 9, 5, 7, 8), Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    const [first, last] = [Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    for (let i = 0; i < 5_000; i++) samples.push(first + Math.floor(Math.random() * (last - first)));
    // outside the four-digit years it defers to toISOString (+YYYYYY / -YYYYYY)
    samples.push(first - 1, last + 1, -8.64e15, 8.64e15);
    for (const ms of samples) expect(isoTime(new Date(ms)), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('answers the same instant twice and the next one anew', () => {
    const now = Date.UTC(2026, 10, 30, 9, 5, 7, 8);
    expect(isoTime(new Date(now))).toBe('2026-11-30T09:05:07.008Z');
    expect(isoTime(new Date(now))).toBe('2026-11-30T09:05:07.008Z');
    expect(isoTime(new Date(now + 1))).toBe('2026-11-30T09:05:07.009Z');
  });

  it('throws like toISOString for an invalid date', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
