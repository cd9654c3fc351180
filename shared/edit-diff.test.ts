import { describe, expect, it } from 'vitest';
import { changesFromRecord, describeEdit, editChanges, editDiffRecord, fieldLabel } from './edit-diff';

const proposal = { title: 'Reply to Lerato', description: null, metadata: { to: 'lerato@example.com', subject: 'Your order', body_text: 'Hi', email_category: 'order' } };

describe('edit diff', () => {
  it('lists each changed field once, metadata keys as metadata.<key>, unchanged fields left out', () => {
    const edited = { ...proposal, metadata: { ...proposal.metadata, subject: 'Your Denon ships today', body_text: 'Hi Lerato', cc: 'sales@audico.co.za' } };
    expect(editChanges(proposal, edited)).toEqual([
      { field: 'metadata.subject', before: 'Your order', after: 'Your Denon ships today' },
      { field: 'metadata.body_text', before: 'Hi', after: 'Hi Lerato' },
      { field: 'metadata.cc', before: null, after: 'sales@audico.co.za' },
    ]);
    expect(editChanges(proposal, { ...proposal, metadata: { ...proposal.metadata } })).toEqual([]);
  });

  it('round-trips through the stored record', () => {
    const changes = editChanges(proposal, { ...proposal, title: 'Reply' });
    expect(changesFromRecord(editDiffRecord(changes))).toEqual(changes);
    expect(changesFromRecord(null)).toEqual([]);
    expect(changesFromRecord(['x'])).toEqual([]);
  });

  it('describes an edit in Kenny\'s words', () => {
    expect(fieldLabel('metadata.body_text')).toBe('body');
    expect(fieldLabel('metadata.meta_description')).toBe('meta description');
    const changes = editChanges(proposal, { ...proposal, metadata: { ...proposal.metadata, subject: 'New', cc: 'a@b.c', email_category: '' } });
    expect(describeEdit(changes)).toBe('subject changed, email category removed, cc added');
    expect(describeEdit(changes, 1)).toBe('subject changed and 2 more');
    expect(describeEdit([])).toBe('nothing changed');
  });
});
