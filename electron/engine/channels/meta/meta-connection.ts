/**
 * How Facebook and Instagram connect: a page access token and page id (+ the Instagram business
 * account id), or a long-lived user token from which the page (/me/accounts), its page token and
 * its Instagram business account are read. Headless: META_PAGE_ID, META_PAGE_ACCESS_TOKEN,
 * META_IG_USER_ID (or META_USER_ACCESS_TOKEN). The check reads the page.
 */
import { z } from 'zod';
import type { ChannelDescriptor } from '../../../../shared/channel-connection';
import type { SecretStore } from '../../secrets/types';
import { CredentialConnection, CredentialsRefused, type VerifyResult } from '../connection/credential-connection';
import { ChannelError, permanent } from '../errors';
import { defaultGraphBase, GraphClient } from './graph-client';
import { needsReconnect } from './graph-errors';

export const metaDescriptor: ChannelDescriptor = {
  id: 'meta',
  name: 'Facebook & Instagram',
  agents: ['Social Media Agent'],
  methods: [
    {
      id: 'page_token',
      label: 'Page access token',
      kind: 'form',
      help: 'A long-lived page access token (pages_manage_posts, pages_read_engagement, instagram_content_publish) and the page id.',
      fields: [
        { key: 'pageId', label: 'Facebook page id', type: 'text', required: true, env: 'META_PAGE_ID', pattern: '^\\d+$', patternMessage: 'A page id is digits only' },
        { key: 'pageAccessToken', label: 'Page access token', type: 'secret', required: true, env: 'META_PAGE_ACCESS_TOKEN' },
        { key: 'igUserId', label: 'Instagram business account id (optional: read from the page)', type: 'text', required: false, env: 'META_IG_USER_ID', pattern: '^\\d+$', patternMessage: 'An Instagram user id is digits only' },
      ],
    },
    {
      id: 'user_token',
      label: 'Long-lived user token',
      kind: 'form',
      help: 'The app lists your pages (/me/accounts) and uses the chosen page\'s token and Instagram business account.',
      fields: [
        { key: 'userAccessToken', label: 'Long-lived user access token', type: 'secret', required: true, env: 'META_USER_ACCESS_TOKEN' },
        { key: 'pageId', label: 'Page id (optional: the first page otherwise)', type: 'text', required: false, env: null, pattern: '^\\d+$', patternMessage: 'A page id is digits only' },
      ],
    },
  ],
  endpoints: [
    { env: 'META_GRAPH_BASE_URL', default: defaultGraphBase, meaning: 'Every Graph API request goes to this origin instead' },
    { env: 'META_GRAPH_VERSION', default: 'v23.0', meaning: 'The Graph API version (Meta retires old ones)' },
  ],
  checkDescription: 'reads the page: GET /{page-id}?fields=name,instagram_business_account',
};

const tokensSchema = z.object({ pageId: z.string(), pageAccessToken: z.string().optional(), pageName: z.string().optional(), igUserId: z.string().nullable().optional(), igUsername: z.string().nullable().optional() }).partial();

export interface MetaPage {
  pageId: string;
  pageToken: string;
  pageName: string | null;
  igUserId: string | null;
  igUsername: string | null;
}

interface PageRead {
  id: string;
  name?: string;
  access_token?: string;
  instagram_business_account?: { id: string; username?: string };
}

export class MetaAccount {
  readonly connection: CredentialConnection;

  constructor(
    readonly graph: GraphClient,
    options: { secrets: SecretStore; env: Record<string, string | undefined>; now?: () => Date },
  ) {
    this.connection = new CredentialConnection({ descriptor: metaDescriptor, secrets: options.secrets, env: options.env, now: options.now, verify: (method, values, _tokens, signal) => this.verify(method, values, signal) });
  }

  /** The connected page, its token and Instagram account; throws "not connected" (permanent). */
  async page(): Promise<MetaPage> {
    const record = await this.connection.record();
    if (!record) throw permanent('No Facebook/Instagram account connected: connect Facebook & Instagram in Settings → Channels');
    const tokens = tokensSchema.parse(record.tokens);
    if (tokens.pageId === undefined) {
      // Never read (environment variables, or a user token): read the page once and remember it.
      const verified = await this.verify(record.method, record.values);
      await this.connection.updateTokens(verified.tokens ?? {});
      const again = await this.connection.record();
      if (!again || tokensSchema.parse(again.tokens).pageId === undefined) throw permanent('Could not remember the Facebook page (the secret store did not keep it)');
      return this.page();
    }
    if (record.method === 'page_token') {
      return { pageId: record.values.pageId!, pageToken: record.values.pageAccessToken!, pageName: tokens.pageName ?? null, igUserId: record.values.igUserId ?? tokens.igUserId ?? null, igUsername: tokens.igUsername ?? null };
    }
    return { pageId: tokens.pageId, pageToken: tokens.pageAccessToken ?? '', pageName: tokens.pageName ?? null, igUserId: tokens.igUserId ?? null, igUsername: tokens.igUsername ?? null };
  }

  private async verify(method: string, values: Record<string, string>, signal?: AbortSignal): Promise<VerifyResult> {
    try {
      let page: PageRead;
      let pageToken: string;
      if (method === 'page_token') {
        pageToken = values.pageAccessToken!;
        page = await this.graph.call<PageRead>({ path: values.pageId!, token: pageToken, params: { fields: 'id,name,instagram_business_account{id,username}' }, kind: 'read', what: 'reading the page', signal });
      } else {
        const accounts = await this.graph.call<{ data: PageRead[] }>({ path: 'me/accounts', token: values.userAccessToken!, params: { fields: 'id,name,access_token,instagram_business_account{id,username}' }, kind: 'read', what: 'listing your pages (/me/accounts)', signal });
        const chosen = values.pageId ? accounts.data.find((candidate) => candidate.id === values.pageId) : accounts.data[0];
        if (!chosen?.access_token) throw new CredentialsRefused(values.pageId ? `this user cannot manage page ${values.pageId} (pages: ${accounts.data.map((p) => `${p.name} ${p.id}`).join(', ') || 'none'})` : 'this user manages no Facebook page', 'pageId');
        page = chosen;
        pageToken = chosen.access_token;
      }
      const igUserId = values.igUserId ?? page.instagram_business_account?.id ?? null;
      const ig = page.instagram_business_account?.username ? ` and @${page.instagram_business_account.username} on Instagram` : igUserId ? ` and Instagram ${igUserId}` : ' (no Instagram business account)';
      return {
        account: `${page.name ?? 'page'} (Facebook page ${page.id})${ig}`,
        tokens: { pageId: page.id, pageName: page.name ?? null, igUserId, igUsername: page.instagram_business_account?.username ?? null, ...(method === 'user_token' ? { pageAccessToken: pageToken } : {}) },
      };
    } catch (error) {
      if (needsReconnect(error) || (error instanceof ChannelError && error.errorClass === 'permanent')) throw new CredentialsRefused((error as Error).message);
      throw error;
    }
  }
}
