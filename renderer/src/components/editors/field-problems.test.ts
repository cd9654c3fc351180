import { describe, expect, it } from 'vitest';
import { isFocusTarget, messagesAt, problemsOf, splitPayloadError, unplaced } from './field-problems';

describe('field problems', () => {
  it('splits a payload error into messages per field, keeping messages that contain semicolons', () => {
    expect(splitPayloadError('Invalid task payload: metadata.subject: required for a composed message; metadata.to: "bob" is not an e-mail address')).toEqual([
      { field: 'metadata.subject', message: 'required for a composed message' },
      { field: 'metadata.to', message: '"bob" is not an e-mail address' },
    ]);
    expect(splitPayloadError('Invalid task payload: metadata.changes.0.after: too long; keep it short')).toEqual([{ field: 'metadata.changes.0.after', message: 'too long; keep it short' }]);
    expect(splitPayloadError('No channel takes this task')).toEqual([{ field: null, message: 'No channel takes this task' }]);
  });

  it('joins the payload error and the blocking problems; a task no channel takes has none', () => {
    const preview = { channel: 'x', summary: 's', detail: { kind: 'generic' as const, fields: {} }, problems: [{ field: 'metadata.content', message: 'over the limit' }] };
    expect(problemsOf({ preview, previewError: null, channel: 'x' })).toEqual([{ field: 'metadata.content', message: 'over the limit' }]);
    expect(problemsOf({ preview: null, previewError: 'Invalid task payload: metadata.platform: bad', channel: 'x' })).toEqual([{ field: 'metadata.platform', message: 'bad' }]);
    expect(problemsOf({ preview: null, previewError: null, channel: null })).toEqual([]);
    expect(problemsOf(null)).toEqual([]);
  });

  it('places a problem at its field or the field above it; the rest go above the form', () => {
    const problems = [
      { field: 'metadata.changes.1.after', message: 'duplicate keyword' },
      { field: 'metadata.platform', message: 'unknown' },
      { field: null, message: 'shop unreachable' },
    ];
    expect(messagesAt(problems, 'metadata.changes.1')).toEqual(['duplicate keyword']);
    expect(messagesAt(problems, 'metadata.changes.10')).toEqual([]);
    expect(unplaced(problems, ['metadata.changes']).map((problem) => problem.message)).toEqual(['unknown', 'shop unreachable']);
    expect(isFocusTarget('metadata.changes.1.after', 'metadata.changes.1')).toBe(true);
    expect(isFocusTarget('metadata.changes.1.after', 'metadata.changes.0')).toBe(false);
    expect(isFocusTarget(null, 'metadata.content')).toBe(false);
  });
});
