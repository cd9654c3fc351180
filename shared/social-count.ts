/**
 * How each platform counts a post, the way its composer does: X by weighted length (twitter-text:
 * a link is 23, emoji and CJK count 2) up to 280 per post; Facebook and Instagram by characters.
 * Shared so the editor's live counter and the engine's rules agree (the engine's
 * channels/social/social-rules.ts checks the same limits before approval).
 */
import twitterText from 'twitter-text';

/** X's limit per post (weighted). */
export const xLimit = 280;
/** Facebook's text limit (characters). */
export const facebookLimit = 63_206;
/** Instagram's caption limit (characters). */
export const instagramLimit = 2_200;

export interface PostCount {
  count: number;
  limit: number;
  /** X's weighted count rather than characters. */
  weighted: boolean;
}

/** True for X, whichever way the agent spelt it. */
export const isXPlatform = (platform: string): boolean => platform === 'x' || platform === 'twitter';

/** The count of `text` on `platform` against its limit. Unknown platforms count as X (the engine's default). */
export function countPost(platform: string, text: string): PostCount {
  if (platform === 'facebook') return { count: [...text].length, limit: facebookLimit, weighted: false };
  if (platform === 'instagram') return { count: [...text].length, limit: instagramLimit, weighted: false };
  return { count: twitterText.parseTweet(text).weightedLength, limit: xLimit, weighted: true };
}
