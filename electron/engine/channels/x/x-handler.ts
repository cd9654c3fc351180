/**
 * X (Twitter) posts for the Social Media Agent, through the connected X account (OAuth 2 or
 * OAuth 1.0a keys, see x-connection.ts) and the real twitter-api-v2 client. Not connected: tasks
 * fail with "No X account connected"; credentials refused: tasks are held until reconnected.
 */
import type { SecretStore } from '../../secrets/types';
import { CredentialsRefused } from '../connection/credential-connection';
import { ChannelError, retryable } from '../errors';
import { parsePayload } from '../payload';
import { socialDraftSchema, socialPayloadSchema, type SocialPost } from '../social/social-payload';
import { loadSocialPreview, previewSocialPost } from '../social/social-preview';
import type { ChannelHandler, TaskInput } from '../types';
import { XAccount } from './x-connection';
import { publishToX } from './x-publish';
import { reconcileX, rollbackX } from './x-reconcile';

/** How long after publishing a post can be deleted from the task page. Default: 24 h. */
export const xUndoWindowMs = 24 * 60 * 60 * 1000;

export interface XHandlerOptions {
  /** X_CLIENT_ID, X_CLIENT_SECRET, X_REFRESH_TOKEN, X_API_KEY…, X_API_BASE_URL. */
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  now?: () => Date;
  /** Tests against local servers only: the media checks before approval read media on loopback. Default: false. */
  allowLocalMedia?: boolean;
}

export interface XHandler extends ChannelHandler<SocialPost> {
  readonly account: XAccount;
  /** Listens for "needs reconnecting" (X refused the saved credentials); returns an unsubscribe. */
  onReconnectNeeded(listener: (message: string) => void): () => void;
}

/** The platform a social task names (metadata first, else its social_posts row). */
export function taskPlatform(task: TaskInput): string {
  const row = task.content?.social_posts;
  return String(task.metadata.platform ?? row?.platform ?? '').toLowerCase();
}

export function createXHandler(options: XHandlerOptions): XHandler {
  const listeners = new Set<(message: string) => void>();
  const notify = (message: string) => listeners.forEach((listener) => listener(message));
  const account = new XAccount({ env: options.env, secrets: options.secrets, now: options.now, onReconnectNeeded: notify });

  /** Credentials refused mid-task: remembered (tasks are held, one alert); this task waits without spending an attempt. */
  async function refused(error: unknown): Promise<never> {
    const reconnect = error instanceof CredentialsRefused || (error instanceof ChannelError && error.details.reconnectNeeded === true);
    if (!reconnect) throw error;
    const reason = (error as Error).message;
    if (!(error instanceof CredentialsRefused)) {
      await account.connection.markReconnectNeeded(reason);
      notify(account.connection.reconnectMessage(reason));
    }
    throw retryable(`${account.connection.reconnectMessage(reason)}; the post waits`, { countsAsAttempt: false, retryAfterMs: 60_000, details: { reconnectNeeded: true } });
  }

  return {
    id: 'x',
    name: 'X (Twitter)',
    agent: 'Social Media Agent',
    account,
    connection: account.connection,
    // Everything that is not Meta's lands here, so a missing or unknown platform fails validation
    // with a message naming metadata.platform instead of "no handler".
    accepts: (task) => !['facebook', 'instagram'].includes(taskPlatform(task)),
    payloadSchema: socialPayloadSchema,
    previewSchema: socialDraftSchema,
    limitKeys: (post) => (post.action === 'publish' ? ['social_publish'] : []),
    notBefore: (post) => post.scheduledFor,
    preview: (post) => previewSocialPost('x', post),
    async loadPreview(task) {
      const parsed = parsePayload(socialPayloadSchema, task);
      if (!parsed.ok) throw new Error(parsed.error);
      const status = await account.connection.status();
      return loadSocialPreview('x', parsed.payload, { accountName: status.account, localMedia: options.allowLocalMedia ? 'loopback' : 'none', signal: AbortSignal.timeout(10_000) });
    },
    // Never connected: execute fails with "No X account connected" (never a fake success);
    // connected but refused: held until reconnected.
    unavailableReason: async () => ((await account.connection.record()) ? account.unavailableReason() : null),
    status: async () => {
      const status = await account.connection.status();
      return { connected: status.state === 'connected', detail: status.detail };
    },
    async execute(post, context) {
      if (post.action !== 'publish') throw new ChannelError('permanent', 'generate_content tasks are written by the cloud agent; nothing is published on X');
      if (!(await account.connection.record())) throw new ChannelError('permanent', 'No X account connected: publishing to X cannot run until one is connected in Settings → Channels.');
      return publishToX(account, post, context).catch(refused);
    },
    reconcile: (input, context) => reconcileX(account, input, context),
    rollback: (input) => rollbackX(account, input),
    rollbackWindowMs: xUndoWindowMs,
    onReconnectNeeded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
