import { describe, expect, it } from 'vitest';
import { nextSelection } from './next-selection';

describe('nextSelection', () => {
  it('keeps the chosen task when others arrive before it', () => {
    expect(nextSelection(['b', 'c'], ['a', 'b', 'c'], 'b')).toBe('b');
  });
  it('after a decision selects the task that followed, else the one before, else the first', () => {
    expect(nextSelection(['a', 'b', 'c'], ['a', 'c'], 'b')).toBe('c');
    expect(nextSelection(['a', 'b', 'c'], ['a', 'b'], 'c')).toBe('b');
    expect(nextSelection([], ['x', 'y'], 'gone')).toBe('x');
    expect(nextSelection(['a'], [], 'a')).toBeNull();
  });
  it('with nothing chosen, the first', () => {
    expect(nextSelection([], ['a', 'b'], null)).toBe('a');
  });
});
