/**
 * X (Twitter) posts for the Social Media Agent. The X client (twitter-api-v2) is not connected
 * yet: outside dry-run a publish fails with a clear message.
 */
import { notConnectedError } from '../not-connected';
import { previewSocialPost, socialPayloadSchema, socialPlatformOf, type SocialPost } from '../social/social-payload';
import type { ChannelHandler } from '../types';

export const xHandler: ChannelHandler<SocialPost> = {
  id: 'x',
  name: 'X (Twitter)',
  agent: 'Social Media Agent',
  // Everything that is not Meta's lands here, so a missing or unknown platform fails validation
  // with a message naming metadata.platform instead of "no handler".
  accepts: (task) => !['facebook', 'instagram'].includes(socialPlatformOf(task)),
  payloadSchema: socialPayloadSchema,
  limitKeys: (post) => (post.action === 'publish' ? ['social_publish'] : []),
  preview: (post) => previewSocialPost('x', post),
  async execute() {
    throw notConnectedError('X', 'publishing to X');
  },
};
