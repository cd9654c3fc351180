import { stringFlag } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { withEngine } from '../with-engine';

const toggle = (paused: boolean): Command => ({
  name: paused ? 'pause' : 'resume',
  valueFlags: ['by'],
  summary: paused ? 'Pause all execution (global_pause; survives restarts)' : 'Resume execution',
  usage: `${paused ? 'pause' : 'resume'} [--by NAME] [--db PATH] [--json]`,
  run: (args, io) =>
    withEngine(args, io, async (engine) => {
      const status = await engine.api[paused ? 'executor:pause' : 'executor:resume']({ by: stringFlag(args, 'by') });
      if (args.flags.has('json')) printJson(io, { paused: status.paused });
      else io.stdout(paused ? 'Paused: nothing executes until you resume.\n' : 'Resumed.\n');
      return 0;
    }),
});

export const pauseCommand = toggle(true);
export const resumeCommand = toggle(false);
