/**
 * Every `mission-control` command. Add a command here (one import, one entry).
 */
import type { Command } from '../command';
import { channelsCommand } from './channels';
import { approveCommand, rejectCommand } from './decide';
import { digestCommand } from './digest';
import { gmailCommand } from './gmail';
import { pauseCommand, resumeCommand } from './pause';
import { rollbackCommand } from './rollback';
import { runOnceCommand } from './run-once';
import { serveCommand } from './serve';
import { statusCommand } from './status';
import { suggestionsCommand } from './suggestions';
import { syncCommand } from './sync';
import { tasksCommand } from './tasks';

export const commands: Command[] = [runOnceCommand, statusCommand, tasksCommand, approveCommand, rejectCommand, rollbackCommand, digestCommand, pauseCommand, resumeCommand, serveCommand, syncCommand, channelsCommand, gmailCommand, suggestionsCommand];
