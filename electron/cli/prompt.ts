/**
 * Asking a person for connection values. Secrets are read with the echo off from a terminal, or
 * one line per value from piped stdin, never from argv (argv shows in the process list and the
 * shell history). Prompts go to stderr so `--json` output stays clean.
 */
import { createInterface } from 'node:readline';

export interface PromptInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

export interface Prompter {
  /** Resolves with the trimmed answer ('' when stdin ended). */
  ask(question: string, options: { secret: boolean }): Promise<string>;
  close(): void;
}

/** A prompter over a terminal (hidden secrets) or piped input (one line per question). */
export function createPrompter(input: PromptInput, write: (text: string) => void): Prompter {
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  let reader: ReturnType<typeof createInterface> | null = null;
  const ensureReader = () => {
    if (reader || input.isTTY) return;
    reader = createInterface({ input, crlfDelay: Infinity, terminal: false });
    reader.on('line', (line) => (waiting.length ? waiting.shift()!(line) : lines.push(line)));
    reader.on('close', () => {
      ended = true;
      for (const resolve of waiting.splice(0)) resolve(null);
    });
  };
  const nextLine = () =>
    new Promise<string | null>((resolve) => {
      ensureReader();
      if (lines.length) return resolve(lines.shift()!);
      if (ended) return resolve(null);
      waiting.push(resolve);
    });

  return {
    async ask(question, { secret }) {
      write(question);
      if (!input.isTTY) {
        const line = await nextLine();
        if (secret) write('\n');
        return (line ?? '').trim();
      }
      return (await readTerminal(input, write, secret)).trim();
    },
    close() {
      reader?.close();
      if (input.isTTY) (input as unknown as { pause?: () => void }).pause?.();
    },
  };
}

/** One line from a terminal; with `hidden`, raw mode and no echo (Ctrl-C aborts). */
function readTerminal(input: PromptInput, write: (text: string) => void, hidden: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    if (hidden) input.setRawMode?.(true);
    input.resume();
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      if (hidden) input.setRawMode?.(false);
      input.pause();
      write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
    };
    input.on('data', onData);
  });
}
