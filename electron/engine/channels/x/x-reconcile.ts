/**
 * After a crash or an unknown answer: did the post go out? What the intent recorded comes first
 * (each created post id is recorded as it is created); otherwise the account's own posts since
 * the intent are read and matched by text (X rewrites links to t.co and escapes &, < and >, so
 * both sides are normalized). An authoritative read without a match is "not sent".
 */
import { z } from 'zod';
import { parsePayload } from '../payload';
import { socialPayloadSchema } from '../social/social-payload';
import type { ExecutionContext, ReconcileInput, ReconcileResult, RollbackInput, RollbackResult } from '../types';
import type { XAccount } from './x-connection';
import { classifyXError } from './x-errors';
import { xOutcome, type PostedPart } from './x-publish';

const progressSchema = z.object({
  xStartedAt: z.string().optional(),
  xPosted: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
});

/** Text as X stores it compared with text as we sent it. */
export function normalizePostText(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/https?:\/\/\S+/g, '<link>')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function reconcileX(account: XAccount, input: ReconcileInput, context: ExecutionContext): Promise<ReconcileResult> {
  const parsed = parsePayload(socialPayloadSchema, input.task);
  if (!parsed.ok) return { status: 'unknown', evidence: `the task no longer parses (${parsed.error}); check the X account by hand` };
  const post = parsed.payload;
  const progress = progressSchema.parse(input.progress ?? {});
  const recorded = progress.xPosted ?? [];
  const session = await account.client();
  if (recorded.length === post.parts.length) {
    return { status: 'succeeded', outcome: xOutcome(post, recorded, session.username, context.now(), { reconciled: true }), evidence: `X accepted post ${recorded[0]!.id} before the executor stopped (recorded with the intent)` };
  }
  if (!progress.xStartedAt) return { status: 'not_sent', evidence: 'the executor stopped before calling X (nothing recorded with the intent)' };
  let userId = session.userId;
  let username = session.username;
  try {
    if (!userId) {
      const me = await session.client.v2.me();
      userId = me.data.id;
      username = me.data.username;
    }
    const since = new Date(Date.parse(progress.xStartedAt) - 60_000).toISOString();
    const timeline = await session.client.v2.userTimeline(userId, { start_time: since, max_results: 100, 'tweet.fields': ['created_at', 'referenced_tweets'] });
    const mine = timeline.tweets.map((tweet) => ({ id: tweet.id, text: normalizePostText(tweet.text), replyTo: tweet.referenced_tweets?.find((ref) => ref.type === 'replied_to')?.id ?? null }));
    const found: PostedPart[] = [...recorded];
    for (const part of post.parts.slice(recorded.length)) {
      const previous = found.at(-1)?.id ?? post.replyTo;
      const match = mine.find((tweet) => tweet.text === normalizePostText(part) && (previous === null || tweet.replyTo === previous) && !found.some((done) => done.id === tweet.id));
      if (!match) break;
      found.push({ id: match.id, text: part });
    }
    if (found.length === post.parts.length) {
      return { status: 'succeeded', outcome: xOutcome(post, found, username, context.now(), { reconciled: true }), evidence: `post ${found[0]!.id} with the task's text is on @${username ?? userId}'s timeline since ${since}` };
    }
    if (found.length > 0) return { status: 'unknown', evidence: `only ${found.length} of ${post.parts.length} thread posts are on the timeline (${found.map((part) => part.id).join(', ')}): finish or delete the thread by hand` };
    if (timeline.meta.next_token) return { status: 'unknown', evidence: `more than 100 posts since ${since}: the post was not among the first 100 read` };
    return { status: 'not_sent', evidence: `no post with the task's text on @${username ?? userId}'s timeline since ${since} (${mine.length} read)` };
  } catch (error) {
    return { status: 'unknown', evidence: `could not read the X timeline: ${classifyXError(error, 'reading the timeline', 'read').message}` };
  }
}

const resultSchema = z.object({ postIds: z.array(z.string()).optional() }).loose();

/** Deletes the published post (every part of a thread, last first). */
export async function rollbackX(account: XAccount, input: RollbackInput): Promise<RollbackResult> {
  const result = resultSchema.safeParse(input.execution.result ?? {});
  const ids = (result.success ? result.data.postIds : undefined) ?? (input.execution.externalId ? [input.execution.externalId] : []);
  if (ids.length === 0) return { message: 'Nothing to undo: no X post id was recorded', restored: [], leftAlone: [] };
  const { client } = await account.client();
  const restored: string[] = [];
  const leftAlone: RollbackResult['leftAlone'] = [];
  for (const id of [...ids].reverse()) {
    try {
      const answer = await client.v2.deleteTweet(id);
      if (answer.data.deleted) restored.push(`X post ${id} deleted`);
      else leftAlone.push({ what: `X post ${id}`, why: 'X did not delete it' });
    } catch (error) {
      const failure = classifyXError(error, `deleting post ${id}`, 'read');
      const status = (failure.details as { status?: number }).status;
      if (status === 404) leftAlone.push({ what: `X post ${id}`, why: 'already deleted' });
      else throw failure;
    }
  }
  return { message: restored.length ? `Deleted ${restored.length} X post(s)` : 'Nothing deleted on X', restored, leftAlone };
}
