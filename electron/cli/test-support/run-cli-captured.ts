/** Test support: runs the CLI in-process with a real engine and captures what it prints. */
import { createEngine } from '../../engine/index';
import type { CliIo } from '../command';
import { runCli } from '../run-cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliCaptured(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env, openEngine: createEngine };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
