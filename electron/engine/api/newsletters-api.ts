/**
 * newsletters:send-test: the approval card's "Send me a test". Only for a newsletter task that
 * has not run yet (the test creates or updates the task's draft campaign, which the real send
 * then reuses). Logged on the task so the trail shows who got a test and when.
 */
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import { isBrevoHandler } from '../channels/brevo/brevo-handler';
import { ChannelError } from '../channels/errors';
import { conflict, invalidInput, notFound, unavailable } from '../errors';
import { withContent } from '../store/content';
import { getTask } from '../store/tasks';
import type { ApiDeps } from './api-deps';

export async function sendNewsletterTest(deps: ApiDeps, input: MethodInput<'newsletters:send-test'>): Promise<MethodOutput<'newsletters:send-test'>> {
  const task = getTask(deps.db, input.taskId);
  if (!task) throw notFound(`Task ${input.taskId}`);
  const handler = deps.registry.find(task);
  if (!isBrevoHandler(handler)) throw invalidInput(`"${task.title}" is not a newsletter: only Brevo newsletter tasks can be sent as a test`);
  if (task.status !== 'new') throw conflict(`"${task.title}" is already ${task.status.replace('_', ' ')}: a test is only useful before it is sent`);
  try {
    const sent = await handler.sendTest(withContent(deps.db, task), input.email ?? null);
    deps.activity.log({ level: 'info', eventType: 'newsletter_test_sent', taskId: task.id, message: `Test of "${task.title}" sent to ${sent.email} (Brevo campaign ${sent.campaignId})` });
    return sent;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ChannelError && error.errorClass === 'permanent') throw invalidInput(message);
    throw unavailable(message);
  }
}
