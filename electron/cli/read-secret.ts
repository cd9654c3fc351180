/**
 * Reads a secret without it ever appearing in the process list (argv) or on screen: from a
 * hidden prompt when stdin is a terminal, else the first line of stdin (`… < secret.txt`,
 * `pass show x | mission-control gmail connect …`).
 */
import type { Readable } from 'node:stream';

type Input = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => void };

/** Resolves with the secret, trimmed; '' when nothing was entered. */
export function readSecret(prompt: string, input: Input = process.stdin, output: (text: string) => void = (text) => process.stderr.write(text)): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const tty = Boolean(input.isTTY && input.setRawMode);
    if (tty) {
      output(prompt);
      input.setRawMode!(true);
    }
    input.setEncoding('utf8');
    const finish = (error?: Error): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      if (tty) {
        input.setRawMode!(false);
        output('\n');
      }
      input.pause();
      if (error) reject(error);
      else resolve(text.trim());
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\u0003') return finish(new Error('cancelled'));
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
    };
    const onEnd = (): void => finish();
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}
