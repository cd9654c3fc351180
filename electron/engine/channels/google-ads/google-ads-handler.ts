/**
 * The Google Ads Agent's bid changes (the cloud only ever defined bid_change_percent). Not
 * connected yet: outside dry-run these fail with a clear message.
 */
import { z } from 'zod';
import { notConnectedError } from '../not-connected';
import { metadataPayload } from '../payload';
import type { ChannelHandler } from '../types';

export interface BidChange {
  changePercent: number;
  campaign: string | null;
  currentBid: number | null;
}

const bidPayloadSchema = metadataPayload(
  {
    bid_change_percent: z.coerce.number().min(-100).max(1000),
    campaign: z.string().optional(),
    campaign_id: z.union([z.string(), z.number()]).optional(),
    current_bid: z.coerce.number().min(0).optional(),
  },
  (metadata): BidChange => ({
    changePercent: metadata.bid_change_percent,
    campaign: metadata.campaign ?? (metadata.campaign_id !== undefined ? String(metadata.campaign_id) : null),
    currentBid: metadata.current_bid ?? null,
  }),
);

const round2 = (value: number) => Math.round(value * 100) / 100;

export const googleAdsHandler: ChannelHandler<BidChange> = {
  id: 'google-ads',
  name: 'Google Ads',
  agent: 'Google Ads Agent',
  payloadSchema: bidPayloadSchema,
  limitKeys: () => [],
  preview: (change) => {
    const newBid = change.currentBid === null ? null : round2(change.currentBid * (1 + change.changePercent / 100));
    const sign = change.changePercent > 0 ? '+' : '';
    return {
      channel: 'google-ads',
      summary: `Change bids ${sign}${change.changePercent}%${change.campaign ? ` on ${change.campaign}` : ''}${newBid !== null ? ` (${change.currentBid} -> ${newBid})` : ''}`,
      detail: { kind: 'bid_change', campaign: change.campaign, oldBid: change.currentBid, newBid, changePercent: change.changePercent },
    };
  },
  async execute() {
    throw notConnectedError('Google Ads', 'changing bids');
  },
};
