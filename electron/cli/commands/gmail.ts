/**
 * `mission-control gmail connect|status|disconnect`: the headless way to connect the Gmail account
 * the Email Agent sends from. Tokens go to the 0600 secrets file in the user-data folder (the
 * desktop app keeps its own, encrypted with safeStorage).
 */
import { GmailAccount, verifyGmail } from '../../engine/channels/gmail/gmail-account';
import { gmailConfigFromEnv } from '../../engine/channels/gmail/gmail-config';
import { connectGmail } from '../../engine/channels/gmail/oauth-loopback';
import { createFileSecretStore } from '../../engine/secrets/file-secret-store';
import { intFlag, stringFlag, UsageError } from '../args';
import { readSecret } from '../read-secret';
import type { Command } from '../command';
import { printJson } from '../output';

export const gmailCommand: Command = {
  name: 'gmail',
  valueFlags: ['client-id', 'client-secret', 'timeout'],
  summary: 'Alias of `channels connect|check|disconnect gmail` (kept for scripts written before `channels`)',
  usage: 'gmail connect [--client-id ID (the secret is then asked for, or read from stdin)] [--timeout SECONDS] | gmail status [--check] [--json] | gmail disconnect',
  booleanFlags: ['check'],
  async run(args, io) {
    const [action] = args.positionals;
    const secrets = createFileSecretStore(io.env);
    const account = new GmailAccount(gmailConfigFromEnv(io.env), secrets);
    if (action === 'status') {
      // --check asks Gmail (users.getProfile): proves the tokens still work.
      const status = args.flags.has('check') ? await verifyGmail(account) : { ...(await account.status()), verified: null, error: null };
      const ok = status.connected && status.verified !== false;
      if (args.flags.has('json')) printJson(io, { ...status, secretStore: secrets.description });
      else io.stdout(`${ok ? 'Gmail: connected' : 'Gmail: not available'}${status.verified ? ' (checked with Gmail)' : ''}\n${status.detail}\n${status.error ? `Gmail answered: ${status.error}\n` : ''}`);
      return ok ? 0 : 1;
    }
    if (action === 'disconnect') {
      await account.disconnect();
      io.stdout(`Removed the Gmail tokens from ${secrets.path}.\nTo revoke Mission Control's access at Google as well: https://myaccount.google.com/permissions\n`);
      return 0;
    }
    if (action === 'connect') {
      const timeoutSeconds = intFlag(args, 'timeout') ?? 300;
      const clientId = stringFlag(args, 'client-id');
      if (args.flags.has('client-secret')) {
        throw new UsageError('--client-secret would show the secret in the process list; give --client-id alone and paste the secret at the prompt (or pipe it on stdin)');
      }
      const clientSecret = clientId ? await (io.readSecret ?? readSecret)('Gmail OAuth client secret: ') : undefined;
      if (clientId && !clientSecret) throw new UsageError('no client secret given (paste it at the prompt, or pipe it on stdin)');
      // Saved for later runs (GMAIL_CLIENT_ID/GMAIL_CLIENT_SECRET still win when set).
      if (clientId && clientSecret) await account.saveClientCredentials({ clientId, clientSecret });
      const result = await connectGmail({
        account,
        timeoutMs: timeoutSeconds * 1000,
        openBrowser: (url) => {
          io.stdout(`Open this address in a browser on this computer to connect Gmail:\n\n  ${url}\n\nWaiting up to ${timeoutSeconds} s for Google...\n`);
        },
      });
      io.stdout(`Connected Gmail${result.email ? ` as ${result.email}` : ''}. Tokens stored in ${secrets.description}.\n`);
      return 0;
    }
    throw new UsageError(action ? `unknown action "${action}"` : 'an action is required (connect, status or disconnect)');
  },
};
