/**
 * The real twitter-api-v2 client, pointed at X_API_BASE_URL when set. The library has no base-URL
 * option (and `cloneWithPrefix` throws), so a plugin rewrites each computed request in
 * `onBeforeRequest` (api.x.com, upload.x.com and the OAuth 2 token endpoint alike) and lends an
 * http.Agent for http: origins; rewriting earlier, in `onBeforeRequestConfig`, changes how uploads
 * are encoded. The plugin also sends the OAuth 2 token call form-encoded as RFC 6749 requires
 * (the library's detection of that endpoint is broken and sends JSON).
 */
import { Agent } from 'node:http';
import { TwitterApi, type ITwitterApiClientPlugin, type TwitterApiTokens } from 'twitter-api-v2';

/** X's API origin. Default: https://api.x.com */
export const defaultXApiBase = 'https://api.x.com';

export function xRequestPlugin(baseUrl: string): ITwitterApiClientPlugin {
  const base = new URL(baseUrl);
  const rewrite = base.origin !== defaultXApiBase;
  const agent = base.protocol === 'http:' ? new Agent({ keepAlive: true }) : undefined;
  return {
    onBeforeRequest({ computedParams, requestOptions }) {
      const url = computedParams.url;
      if (url.pathname === '/2/oauth2/token' && typeof computedParams.body === 'string' && computedParams.body.startsWith('{')) {
        const fields = JSON.parse(computedParams.body) as Record<string, unknown>;
        const form = new URLSearchParams(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null).map(([key, value]): [string, string] => [key, String(value)])).toString();
        computedParams.body = form;
        const headers = (requestOptions.headers ?? {}) as Record<string, string | number>;
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = Buffer.byteLength(form);
        requestOptions.headers = headers;
      }
      if (!rewrite) return;
      url.protocol = base.protocol;
      url.hostname = base.hostname;
      url.port = base.port;
      if (agent) requestOptions.agent = agent;
    },
  };
}

/** A client for an OAuth 2 access token, OAuth 1.0a user keys, or an OAuth 2 app (client id) for token calls. */
export function xClient(auth: string | TwitterApiTokens | { clientId: string; clientSecret?: string }, baseUrl: string): TwitterApi {
  return new TwitterApi(auth as string, { plugins: [xRequestPlugin(baseUrl)] });
}
