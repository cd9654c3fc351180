/**
 * Where the Google Ads channel sends its requests. Environment variables win; the defaults are
 * Google's production endpoints. GOOGLE_ADS_API_BASE_URL and GOOGLE_OAUTH_TOKEN_URL point the
 * real client at a local server that speaks the same REST protocol (the tests do).
 */

/**
 * The REST version used when GOOGLE_ADS_API_VERSION is not set. Google sunsets each version about
 * a year after its release (requests then fail with UNSUPPORTED_VERSION): raise it then.
 */
export const defaultAdsApiVersion = 'v23';

export interface AdsConfig {
  /** Default: defaultAdsApiVersion. */
  apiVersion: string;
  /** Default: https://googleads.googleapis.com */
  baseUrl: string;
  /** Default: https://oauth2.googleapis.com/token (as for Gmail). */
  tokenUrl: string;
  /** Default: https://accounts.google.com/o/oauth2/v2/auth */
  authUrl: string;
}

/** The OAuth scope the Google Ads API needs. */
export const adsScope = 'https://www.googleapis.com/auth/adwords';

const value = (env: Record<string, string | undefined>, name: string) => env[name]?.trim() || null;

export function adsConfigFromEnv(env: Record<string, string | undefined>): AdsConfig {
  const version = value(env, 'GOOGLE_ADS_API_VERSION');
  return {
    apiVersion: version ? (version.startsWith('v') ? version : `v${version}`) : defaultAdsApiVersion,
    baseUrl: (value(env, 'GOOGLE_ADS_API_BASE_URL') ?? 'https://googleads.googleapis.com').replace(/\/+$/, ''),
    tokenUrl: value(env, 'GOOGLE_OAUTH_TOKEN_URL') ?? 'https://oauth2.googleapis.com/token',
    authUrl: value(env, 'GOOGLE_OAUTH_AUTH_URL') ?? 'https://accounts.google.com/o/oauth2/v2/auth',
  };
}

/** Customer ids are written 123-456-7890 in the Google Ads UI and sent as 1234567890. */
export const normalizeCustomerId = (id: string) => id.replace(/[\s-]/g, '');
export const customerIdPattern = '^\\d{3}-?\\d{3}-?\\d{4}$';
