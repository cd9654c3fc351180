/**
 * Facebook and Instagram posts (Meta Graph API) for the Social Media Agent. Not connected yet:
 * outside dry-run a publish fails with a clear message.
 */
import { notConnectedError } from '../not-connected';
import { socialPayloadSchema, type SocialPost } from '../social/social-payload';
import { previewSocialPost } from '../social/social-preview';
import type { ChannelHandler } from '../types';

export const metaHandler: ChannelHandler<SocialPost> = {
  id: 'meta',
  name: 'Facebook & Instagram',
  agent: 'Social Media Agent',
  accepts: (task) => ['facebook', 'instagram'].includes(String(task.metadata.platform ?? '').toLowerCase()),
  payloadSchema: socialPayloadSchema,
  limitKeys: (post) => (post.action === 'publish' ? ['social_publish'] : []),
  preview: (post) => previewSocialPost('meta', post),
  async execute() {
    throw notConnectedError('Facebook/Instagram', 'publishing to Facebook or Instagram');
  },
};
