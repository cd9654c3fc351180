// The Graph API's error envelopes, as Meta sends them, mapped to the protocol's classes: the
// Instagram 2207xxx subcodes, is_transient on a publish (unknown, reconciled) or a read (retryable),
// permissions, and throttling with Meta's estimated time to regain access.
import { describe, expect, it } from 'vitest';
import { graphError } from './graph-errors';

const envelope = (error: Record<string, unknown>) => ({ error: { type: 'OAuthException', fbtrace_id: 'AbC123', ...error } });
const answer = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });

describe('graphError', () => {
  it('Instagram subcodes: the publishing limit waits an hour without an attempt; media problems are permanent and named', () => {
    const quota = graphError(answer(400), envelope({ message: 'Application request limit reached', code: 9, error_subcode: 2207042, error_user_msg: 'You reached the maximum number of posts allowed in 24 hours.' }), 'create', 'publishing the Instagram post');
    expect(quota).toMatchObject({ errorClass: 'retryable', retryAfterMs: 3_600_000, countsAsAttempt: false });
    expect(quota.message).toBe('Instagram: the account reached its publishing limit for 24 hours while publishing the Instagram post (You reached the maximum number of posts allowed in 24 hours., code 9/2207042)');
    const ratio = graphError(answer(400), envelope({ message: 'The aspect ratio is not supported.', code: 36003, error_subcode: 2207009, error_user_msg: 'The submitted image with aspect ratio (1000/2000) cannot be published.' }), 'read', 'creating the Instagram image container');
    expect(ratio).toMatchObject({ errorClass: 'permanent', message: 'Instagram refused creating the Instagram image container (The submitted image with aspect ratio (1000/2000) cannot be published., code 36003/2207009)' });
    expect(graphError(answer(400), envelope({ message: 'Media not ready', code: 9007, error_subcode: 2207027 }), 'create', 'publishing')).toMatchObject({ errorClass: 'retryable', retryAfterMs: 60_000 });
  });

  it('is_transient: unknown outcome on a publish (reconciled first), retryable on a read', () => {
    const body = envelope({ message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true });
    expect(graphError(answer(500), body, 'create', 'publishing the Facebook post')).toMatchObject({ errorClass: 'unknown_outcome', message: expect.stringContaining('it may have been published; reconciling before any retry') });
    expect(graphError(answer(500), body, 'read', 'reading the page')).toMatchObject({ errorClass: 'retryable' });
  });

  it('throttling waits for estimated_time_to_regain_access; 190 needs reconnecting; a missing permission is named', () => {
    const throttled = graphError(answer(400, { 'x-business-use-case-usage': JSON.stringify({ '1': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 7 }] }) }), envelope({ message: '(#32) Page request limit reached', code: 32 }), 'create', 'publishing');
    expect(throttled).toMatchObject({ errorClass: 'retryable', retryAfterMs: 7 * 60_000, countsAsAttempt: false });
    expect(graphError(answer(400), envelope({ message: 'Error validating access token: Session has expired', code: 190, error_subcode: 463 }), 'read', 'reading the page')).toMatchObject({ errorClass: 'permanent', details: { reconnectNeeded: true } });
    expect(graphError(answer(403), envelope({ message: '(#200) Requires pages_manage_posts permission', code: 200 }), 'create', 'publishing').message).toBe('Meta denied the permission for publishing ((#200) Requires pages_manage_posts permission, code 200): the token lacks a permission');
  });
});
