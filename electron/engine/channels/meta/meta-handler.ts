/**
 * Facebook Page and Instagram posts (Graph API, plain fetch) for the Social Media Agent, through
 * the connected page (meta-connection.ts). Not connected: tasks fail with a clear message; token
 * refused (190): needs reconnecting, tasks held, one alert.
 */
import type { SecretStore } from '../../secrets/types';
import { CredentialsRefused } from '../connection/credential-connection';
import { ChannelError, retryable } from '../errors';
import { parsePayload } from '../payload';
import { socialDraftSchema, socialPayloadSchema, type SocialPost } from '../social/social-payload';
import { socialRuleIssues } from '../social/social-rules';
import { loadSocialPreview, previewSocialPost } from '../social/social-preview';
import type { ChannelHandler } from '../types';
import { taskPlatform } from '../x/x-handler';
import { publishToFacebook } from './facebook-publish';
import { GraphClient, graphConfigFromEnv } from './graph-client';
import { needsReconnect } from './graph-errors';
import { defaultInstagramPace, publishToInstagram, type InstagramPace } from './instagram-publish';
import { MetaAccount } from './meta-connection';
import { reconcileMeta, rollbackMeta } from './meta-reconcile';

/** How long after publishing a Facebook post can be deleted from the task page. Default: 24 h. */
export const metaUndoWindowMs = 24 * 60 * 60 * 1000;

export interface MetaHandlerOptions {
  /** META_PAGE_ID, META_PAGE_ACCESS_TOKEN, META_IG_USER_ID, META_USER_ACCESS_TOKEN, META_GRAPH_BASE_URL, META_GRAPH_VERSION. */
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  now?: () => Date;
  /** Instagram container polling pace. Default: every 10 s for up to 5 minutes. */
  instagramPace?: InstagramPace;
  /** Tests against local servers only: media URLs on loopback (127.0.0.1, localhost) are accepted. Default: false. */
  allowLocalMedia?: boolean;
}

export interface MetaHandler extends ChannelHandler<SocialPost> {
  readonly account: MetaAccount;
  onReconnectNeeded(listener: (message: string) => void): () => void;
}

export function createMetaHandler(options: MetaHandlerOptions): MetaHandler {
  const graph = new GraphClient(graphConfigFromEnv(options.env));
  const account = new MetaAccount(graph, options);
  const listeners = new Set<(message: string) => void>();
  const pace = options.instagramPace ?? defaultInstagramPace;
  const localMedia = options.allowLocalMedia === true ? 'loopback' : 'none';

  /** As whom the post goes out: the page's name on Facebook, @username on Instagram (from the connection, no network). */
  async function accountName(post: SocialPost): Promise<string | null> {
    const record = await account.connection.record();
    const tokens = (record?.tokens ?? {}) as { pageName?: string | null; igUsername?: string | null };
    if (post.platform === 'instagram' && tokens.igUsername) return `@${tokens.igUsername}`;
    if (post.platform === 'facebook' && tokens.pageName) return tokens.pageName;
    return record?.account ?? null;
  }

  async function refused(error: unknown): Promise<never> {
    if (!needsReconnect(error) && !(error instanceof CredentialsRefused)) throw error;
    const reason = (error as Error).message;
    await account.connection.markReconnectNeeded(reason);
    const message = account.connection.reconnectMessage(reason);
    listeners.forEach((listener) => listener(message));
    throw retryable(`${message}; the post waits`, { countsAsAttempt: false, retryAfterMs: 60_000, details: { reconnectNeeded: true } });
  }

  return {
    id: 'meta',
    name: 'Facebook & Instagram',
    agent: 'Social Media Agent',
    account,
    connection: account.connection,
    accepts: (task) => ['facebook', 'instagram'].includes(taskPlatform(task)),
    payloadSchema: socialPayloadSchema,
    previewSchema: socialDraftSchema,
    limitKeys: (post) => (post.action === 'publish' ? ['social_publish'] : []),
    // Facebook schedules its own posts; Instagram waits in the queue until then.
    notBefore: (post) => (post.platform === 'instagram' ? post.scheduledFor : null),
    preview: (post) => previewSocialPost('meta', post, { localMedia }),
    async loadPreview(task) {
      const parsed = parsePayload(socialPayloadSchema, task);
      if (!parsed.ok) throw new Error(parsed.error);
      return loadSocialPreview('meta', parsed.payload, { accountName: await accountName(parsed.payload), localMedia, signal: AbortSignal.timeout(10_000) });
    },
    unavailableReason: async () => ((await account.connection.record()) ? account.connection.unavailableReason() : null),
    status: async () => {
      const status = await account.connection.status();
      return { connected: status.state === 'connected', detail: status.detail };
    },
    async execute(post, context) {
      if (post.action !== 'publish') throw new ChannelError('permanent', 'generate_content tasks are written by the cloud agent; nothing is published');
      const problems = socialRuleIssues(post, { localMedia });
      if (problems.length) throw new ChannelError('permanent', problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
      try {
        const page = await account.page();
        return await (post.platform === 'instagram' ? publishToInstagram(graph, page, post, context, pace) : publishToFacebook(graph, page, post, context));
      } catch (error) {
        return refused(error);
      }
    },
    async reconcile(input, context) {
      return reconcileMeta(graph, await account.page(), input, context);
    },
    async rollback(input, context) {
      return rollbackMeta(graph, await account.page(), input, context.signal);
    },
    rollbackWindowMs: metaUndoWindowMs,
    onReconnectNeeded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
