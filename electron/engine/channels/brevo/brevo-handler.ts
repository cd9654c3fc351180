/**
 * The Marketing Agent's channel: newsletters as Brevo campaigns (newsletter-send.ts) and
 * influencer outreach as a personal e-mail from Kenny's Gmail (gmail-outreach.ts), or as a Brevo
 * transactional e-mail when Gmail is not connected and Brevo is (brevo-outreach.ts). Not
 * connected: execute fails with "No Brevo account connected", never a fake success.
 */
import type { CampaignReport, ExecutionPreview } from '../../../../shared/preview';
import type { SecretStore } from '../../secrets/types';
import { ChannelError, permanent } from '../errors';
import type { GmailAccount } from '../gmail/gmail-account';
import { notConnectedError } from '../not-connected';
import { parsePayload } from '../payload';
import type { ChannelHandler, ContentWriteBack, ExecutionContext, ReconcileResult, TaskInput } from '../types';
import { campaignReport, statisticsWriteBack } from './campaign-follow-up';
import { BrevoConnection, type BrevoConfig } from './brevo-connection';
import { brevoOutreachMailer, withOutreachWriteBack } from './brevo-outreach';
import { marketingPayloadSchema, type MarketingSend } from './brevo-payload';
import { loadNewsletterPreview, previewMarketing, previewOutreach } from './brevo-preview';
import { gmailOutreachMailer, type OutreachMailer } from './gmail-outreach';
import { reconcileNewsletter, sendNewsletter } from './newsletter-send';
import { sendNewsletterTest } from './newsletter-test';
import type { OutreachSend } from './outreach-payload';

export type { MarketingSend } from './brevo-payload';

export interface BrevoHandlerOptions {
  /** BREVO_API_KEY, BREVO_API_BASE_URL, BREVO_SENDER_EMAIL, BREVO_SENDER_NAME, BREVO_LIST_ID, ALERT_EMAIL. */
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  /** The Gmail channel's account: outreach goes from it when connected. Default: none (Brevo only). */
  gmail?: GmailAccount | null;
  fetch?: typeof fetch;
}

export interface BrevoHandler extends ChannelHandler<MarketingSend> {
  readonly connection: BrevoConnection;
  loadPreview(task: TaskInput): Promise<ExecutionPreview>;
  /**
   * A newsletter task's campaign status and statistics now, with the newsletter_drafts update
   * that carries them (null before a campaign exists). For a periodic follow-up that applies content write-backs.
   */
  followUp(task: TaskInput): Promise<{ report: CampaignReport; writeBack: ContentWriteBack[] } | null>;
  /** "Send me a test" of a newsletter task: to `email`, else ALERT_EMAIL, else the Gmail account. */
  sendTest(task: TaskInput, email?: string | null): Promise<{ campaignId: number; email: string }>;
}

export const isBrevoHandler = (handler: unknown): handler is BrevoHandler =>
  typeof handler === 'object' && handler !== null && (handler as { id?: unknown }).id === 'brevo' && 'sendTest' in handler;

export function createBrevoHandler(options: BrevoHandlerOptions): BrevoHandler {
  const connection = new BrevoConnection({ env: options.env, secrets: options.secrets, fetch: options.fetch });
  const gmail = options.gmail ? gmailOutreachMailer(options.gmail) : null;
  const brevoMailer = brevoOutreachMailer(connection);

  const requireConfig = async (what: string): Promise<BrevoConfig> => {
    const config = await connection.config();
    if (!config) throw notConnectedError('Brevo', what);
    const reason = await connection.unavailableReason();
    if (reason) throw permanent(reason);
    return config;
  };

  /** Gmail when connected, else Brevo when connected, else null with both reasons. */
  const pickMailer = async (): Promise<{ mailer: OutreachMailer | null; reason: string | null }> => {
    const gmailReason = gmail ? await gmail.unavailableReason() : 'the Gmail channel is not registered';
    if (gmail && !gmailReason) return { mailer: gmail, reason: null };
    const brevoReason = await brevoMailer.unavailableReason();
    if (!brevoReason) return { mailer: brevoMailer, reason: null };
    return { mailer: null, reason: `Influencer outreach waits for a mail account: Gmail: ${gmailReason}; Brevo: ${brevoReason}` };
  };

  const parse = (task: TaskInput): MarketingSend => {
    const parsed = parsePayload(marketingPayloadSchema, task);
    if (!parsed.ok) throw permanent(parsed.error);
    return parsed.payload;
  };

  const handler: BrevoHandler = {
    id: 'brevo',
    name: 'Brevo',
    agent: 'Marketing Agent',
    connection,
    payloadSchema: marketingPayloadSchema,
    limitKeys: (send) => [send.kind === 'send_newsletter' ? 'newsletter_send' : 'influencer_outreach'],
    preview: previewMarketing,
    // Outreach waits (held, no attempt spent) while neither Gmail nor Brevo can send; a newsletter
    // without Brevo fails with "No Brevo account connected" like every unconnected channel.
    decidesAvailability: true,
    unavailableReason: async (send) => {
      if (send?.kind === 'influencer_outreach') return (await pickMailer()).reason;
      const status = await connection.status();
      return status.state === 'needs_reconnect' ? status.detail : null;
    },
    status: async () => {
      const status = await connection.status();
      return { connected: status.state === 'connected', detail: status.detail };
    },
    async execute(send, context) {
      try {
        if (send.kind === 'send_newsletter') return await sendNewsletter(await requireConfig('sending newsletters'), send, context);
        return await sendOutreach(send, context);
      } catch (error) {
        // Brevo refused the key mid-task: hold Brevo's tasks until it is reconnected.
        if (error instanceof ChannelError && error.details.status === 401 && error.details.operation) await connection.markReconnectNeeded(`Brevo refused the API key (${String(error.details.message)})`);
        throw error;
      }
    },
    async reconcile(input, context): Promise<ReconcileResult> {
      const parsed = parsePayload(marketingPayloadSchema, input.task);
      if (!parsed.ok) return { status: 'unknown', evidence: `The task no longer parses (${parsed.error}); check Brevo by hand` };
      const send = parsed.payload;
      if (send.kind === 'send_newsletter') return reconcileNewsletter(await requireConfig('checking the newsletter'), send, input.progress, context);
      const mailer = input.progress.via === 'brevo' ? brevoMailer : gmail;
      if (!mailer) return { status: 'unknown', evidence: 'the outreach e-mail went through Gmail, which is no longer registered' };
      const verdict = await mailer.reconcile(send, context);
      return verdict.status === 'succeeded' ? { ...verdict, outcome: withOutreachWriteBack(send, verdict.outcome, context) } : verdict;
    },
    async loadPreview(task) {
      const send = parse(task);
      if (send.kind === 'send_newsletter') return loadNewsletterPreview(await connection.config(), send, new Date());
      const { mailer, reason } = await pickMailer();
      const preview = previewOutreach(send, mailer ? await mailer.from() : null, mailer?.via === 'gmail' ? 'Gmail' : mailer ? 'Brevo' : null);
      return reason ? { ...preview, warnings: [reason] } : preview;
    },
    async followUp(task) {
      const send = parse(task);
      if (send.kind !== 'send_newsletter') return null;
      const report = await campaignReport(await requireConfig('reading campaign statistics'), send, new Date());
      return report ? { report, writeBack: statisticsWriteBack(send, report) } : null;
    },
    async sendTest(task, email) {
      const send = parse(task);
      if (send.kind !== 'send_newsletter') throw permanent('Only newsletters can be sent as a test');
      const to = email?.trim() || options.env.ALERT_EMAIL?.trim() || (gmail ? await gmail.from() : null);
      if (!to) throw permanent('No address for the test: give one, or set ALERT_EMAIL, or connect Gmail');
      return sendNewsletterTest(await requireConfig('sending a test'), send, to);
    },
  };

  async function sendOutreach(send: OutreachSend, context: ExecutionContext) {
    const { mailer, reason } = await pickMailer();
    if (!mailer) throw permanent(reason ?? 'No mail account for outreach');
    const outcome = await mailer.send(send, context);
    return withOutreachWriteBack(send, outcome, context);
  }

  return handler;
}
