import { describe, expect, it } from 'vitest';
import { blockersOf, fieldOf } from './blockers';

describe('blockersOf', () => {
  it('a payload error of a task with a channel blocks, naming the field', () => {
    expect(blockersOf({ channel: 'x', preview: null, previewError: "metadata.content: 300 characters is over x's limit of 280" })).toEqual([
      { field: 'metadata.content', message: "metadata.content: 300 characters is over x's limit of 280" },
    ]);
  });
  it('preview problems block; warnings and tasks without a channel do not', () => {
    const preview = { channel: 'x', summary: 'Post', detail: { kind: 'generic' as const, fields: {} }, problems: [{ field: 'metadata.media', message: 'image not found' }], warnings: ['shared budget'] };
    expect(blockersOf({ channel: 'x', preview, previewError: null })).toEqual([{ field: 'metadata.media', message: 'image not found' }]);
    expect(blockersOf({ channel: null, preview: null, previewError: null })).toEqual([]);
    expect(blockersOf({ channel: 'x', preview: { ...preview, problems: [] }, previewError: null })).toEqual([]);
  });
  it('fieldOf finds nested paths only', () => {
    expect(fieldOf('Invalid: metadata.to.0 is not an e-mail')).toBe('metadata.to.0');
    expect(fieldOf('no field here')).toBeNull();
  });
});
