/**
 * `mission-control digest [--day YYYY-MM-DD]`: the daily digest of a day (default today, in the
 * shop's time zone) as the e-mail's text, or as JSON. Read-only; sends nothing.
 */
import { digestText } from '../../../shared/digest';
import { stringFlag } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { withEngine } from '../with-engine';

export const digestCommand: Command = {
  name: 'digest',
  summary: "Print a day's digest: what ran, failed, waits, limits, flags",
  usage: 'digest [--day YYYY-MM-DD] [--db PATH] [--json]',
  valueFlags: ['day'],
  run: (args, io) =>
    withEngine(args, io, async (engine) => {
      const day = stringFlag(args, 'day');
      const digest = await engine.api['digest:get'](day ? { day } : {});
      if (args.flags.has('json')) printJson(io, digest);
      else io.stdout(`${digestText(digest, null)}\n`);
      return 0;
    }),
};
