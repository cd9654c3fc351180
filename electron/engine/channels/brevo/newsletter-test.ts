/**
 * "Send me a test": the newsletter as approved goes to one address (Kenny's) through Brevo's
 * sendTest. sendTest needs a campaign, so the task's draft campaign is created (or brought up to
 * date) with the task's marker: the real send later reuses that same draft, never a second one.
 */
import { permanent } from '../errors';
import type { BrevoConfig } from './brevo-connection';
import { beforeSendFailure } from './brevo-errors';
import { campaignMarker, findCampaignByMarker, sentStatuses } from './campaign-lookup';
import type { NewsletterSend } from './newsletter-payload';
import { campaignFields, resolveAudience } from './newsletter-send';

export async function sendNewsletterTest(config: BrevoConfig, send: NewsletterSend, email: string, signal?: AbortSignal): Promise<{ campaignId: number; email: string }> {
  const { client } = config;
  const marker = campaignMarker(send.taskId);
  const { sender, listIds } = await resolveAudience(config, send, signal);
  const fields = campaignFields(send, sender, listIds, marker);
  try {
    const existing = await findCampaignByMarker(client, marker, signal);
    if (existing && sentStatuses.has(existing.status)) throw permanent(`The newsletter was already sent (campaign ${existing.id} is ${existing.status}): no test needed`);
    let campaignId = existing?.id ?? null;
    if (campaignId !== null) await client.updateCampaign(campaignId, fields, signal);
    else campaignId = (await client.createCampaign(fields, signal)).id;
    await client.sendTest(campaignId, [email], signal);
    return { campaignId, email };
  } catch (error) {
    throw beforeSendFailure(error, 'sending the test e-mail');
  }
}
