/**
 * `mission-control channels list | connect ID | check ID | disconnect ID`: the headless way to
 * connect every channel, prompting for what each channel declares. Credentials go to the 0600
 * secrets file in the user-data folder (the desktop app keeps its own, encrypted with
 * safeStorage). `gmail connect/status` remain as aliases.
 */
import type { ConnectionField, ConnectionMethod } from '../../../shared/channel-connection';
import type { ChannelStatus } from '../../../shared/contract';
import type { Engine } from '../../engine/index';
import { EngineError } from '../../engine/errors';
import { intFlag, stringFlag, UsageError, type ParsedArgs } from '../args';
import type { CliIo } from '../command';
import type { Command } from '../command';
import { printJson } from '../output';
import { createPrompter, type PromptInput } from '../prompt';
import { withEngine } from '../with-engine';

const flagName = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

function describeLine(channel: ChannelStatus): string {
  const state = channel.descriptor ? channel.status.state.replace('_', ' ') : 'no client yet';
  return `${channel.id.padEnd(11)} ${channel.name.padEnd(16)} ${state.padEnd(15)} ${channel.status.detail}`;
}

async function channelOf(engine: Engine, id: string | undefined): Promise<ChannelStatus> {
  if (!id) throw new UsageError('a channel ID is required (gmail, x, meta, brevo, opencart, google-ads)');
  const channel = (await engine.api['channels:list']({})).items.find((item) => item.id === id);
  if (!channel) throw new UsageError(`unknown channel "${id}"`);
  return channel;
}

/** Values for the method: flags for non-secret fields, prompts for the rest, never a secret from argv. */
async function gatherValues(args: ParsedArgs, io: CliIo, channel: ChannelStatus, method: ConnectionMethod): Promise<Record<string, string>> {
  const known = new Set(['db', 'method', 'timeout', 'json', 'help', ...method.fields.filter((field) => field.type !== 'secret').map((field) => flagName(field.key))]);
  for (const field of method.fields) {
    if (field.type === 'secret' && args.flags.has(flagName(field.key))) {
      throw new UsageError(`--${flagName(field.key)} is a secret: it is never read from the command line (it would show in the process list). Enter it at the prompt or pipe it on stdin.`);
    }
  }
  for (const name of args.flags.keys()) if (!known.has(name)) throw new UsageError(`unknown option --${name} for ${channel.name} (${method.id})`);
  const values: Record<string, string> = {};
  const toAsk: ConnectionField[] = [];
  for (const field of method.fields) {
    if (field.env && channel.envSet.includes(field.env)) continue; // the environment supplies it
    const flag = field.type === 'secret' ? undefined : stringFlag(args, flagName(field.key));
    if (flag !== undefined) values[field.key] = flag;
    else toAsk.push(field);
  }
  if (toAsk.length === 0) return values;
  const prompter = createPrompter((io.stdin ?? process.stdin) as PromptInput, io.stderr);
  try {
    for (const field of toAsk) {
      const hint = [field.required ? null : 'optional, Enter to skip', field.env ? `or set ${field.env}` : null].filter(Boolean).join('; ');
      const answer = await prompter.ask(`${field.label}${hint ? ` (${hint})` : ''}${field.type === 'secret' ? ' [hidden]' : ''}: `, { secret: field.type === 'secret' });
      if (answer) values[field.key] = answer;
    }
  } finally {
    prompter.close();
  }
  return values;
}

/** Waits for the background sign-in to finish (the engine logs channel_connected / channel_connect_failed). */
function signInFinished(engine: Engine, id: string, timeoutMs: number): Promise<{ ok: boolean; message: string }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve({ ok: false, message: `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for the sign-in` });
    }, timeoutMs);
    const off = engine.on('log:appended', (entry) => {
      if ((entry.context as { channel?: unknown }).channel !== id) return;
      if (entry.eventType !== 'channel_connected' && entry.eventType !== 'channel_connect_failed') return;
      clearTimeout(timer);
      off();
      resolve({ ok: entry.eventType === 'channel_connected', message: entry.message });
    });
  });
}

async function connect(args: ParsedArgs, io: CliIo, engine: Engine, id: string | undefined): Promise<number> {
  const channel = await channelOf(engine, id);
  if (!channel.descriptor) throw new EngineError('invalid_input', `${channel.name} cannot be connected yet: no client for it exists.`);
  const methodId = stringFlag(args, 'method') ?? channel.descriptor.methods[0]!.id;
  const method = channel.descriptor.methods.find((candidate) => candidate.id === methodId);
  if (!method) throw new UsageError(`${channel.name} has no method "${methodId}" (known: ${channel.descriptor.methods.map((m) => m.id).join(', ')})`);
  const values = await gatherValues(args, io, channel, method);
  const timeoutSeconds = intFlag(args, 'timeout') ?? 300;
  const finished = method.kind === 'oauth' ? signInFinished(engine, channel.id, timeoutSeconds * 1000) : null;
  let answer;
  try {
    answer = await engine.api['channels:connect']({ id: channel.id, method: method.id, values });
  } catch (error) {
    const fields = ((error as EngineError).details as { fields?: Record<string, string> } | undefined)?.fields;
    if (!(error instanceof EngineError) || !fields) throw error;
    io.stderr(`mission-control channels: ${channel.name} was not connected: ${error.message}\n`);
    for (const [key, message] of Object.entries(fields)) io.stderr(`  ${method.fields.find((field) => field.key === key)?.label ?? key}: ${message}\n`);
    return 1;
  }
  if (answer.authUrl) {
    io.stderr(`Open this address in a browser on this computer to connect ${channel.name}:\n\n  ${answer.authUrl}\n\nWaiting up to ${timeoutSeconds} s...\n`);
    const result = await finished!;
    if (!result.ok) {
      io.stderr(`${result.message}\n`);
      return 1;
    }
  }
  const connected = await channelOf(engine, channel.id);
  if (args.flags.has('json')) printJson(io, connected);
  else io.stdout(`${connected.status.detail}\n`);
  return connected.status.state === 'connected' ? 0 : 1;
}

export const channelsCommand: Command = {
  name: 'channels',
  summary: 'List, connect, check or disconnect the accounts the agents send through',
  usage: 'channels list [--json] | channels connect ID [--method M] [--FIELD value (non-secret fields)] [--timeout SECONDS] [--json] | channels check ID [--json] | channels disconnect ID [--json]',
  // connect checks its flags against the chosen method's fields (an unknown one is a usage error).
  valueFlags: null,
  async run(args, io) {
    const [action, id] = args.positionals;
    const json = args.flags.has('json');
    if (action !== 'connect') {
      for (const name of args.flags.keys()) if (!['db', 'json', 'help'].includes(name)) throw new UsageError(`unknown option --${name} for channels ${action ?? ''}`.trim());
    }
    return withEngine(args, io, async (engine) => {
      if (action === 'list') {
        const { items } = await engine.api['channels:list']({});
        if (json) printJson(io, { items });
        else io.stdout(`${items.map(describeLine).join('\n')}\n`);
        return 0;
      }
      if (action === 'connect') return connect(args, io, engine, id);
      if (action === 'check') {
        await channelOf(engine, id);
        const checked = await engine.api['channels:check']({ id: id! });
        if (json) printJson(io, checked);
        else io.stdout(`${describeLine(checked)}\n${checked.status.lastCheck ? `Check: ${checked.status.lastCheck.message}\n` : ''}`);
        return checked.status.state === 'connected' ? 0 : 1;
      }
      if (action === 'disconnect') {
        await channelOf(engine, id);
        const { status } = await engine.api['channels:disconnect']({ id: id! });
        if (json) printJson(io, status);
        else io.stdout(`Removed the stored credentials.\n${status.detail}\n`);
        return 0;
      }
      throw new UsageError(action ? `unknown action "${action}"` : 'an action is required (list, connect, check or disconnect)');
    });
  },
};
