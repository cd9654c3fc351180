/**
 * Entry point of the `mission-control` command (bundled to out/main/cli.js; bin/mission-control.js
 * loads it). Plain Node: never imports electron.
 */
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2));
