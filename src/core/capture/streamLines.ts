/**
 * The output of a recording's child process as lines: each is passed on (the host's log
 * channel, the CLI's stderr) and the text is kept, bounded, for error messages.
 */
import type { ChildProcess } from 'node:child_process';
import { LineSplitter } from './lineSplitter';

/** Kept output in memory for messages; a chatty program must not grow it without bound. */
const KEEP_CHARS = 1 << 20;

/** Splits a child's stdout and stderr into lines, forwards them, and keeps the last MiB of each. */
export class StreamLines {
  private stdoutText = '';
  private stderrText = '';

  constructor(child: ChildProcess, onOutput?: (line: string, stream: 'stdout' | 'stderr') => void) {
    for (const stream of ['stdout', 'stderr'] as const) {
      const readable = child[stream];
      if (!readable) continue;
      const splitter = new LineSplitter((line) => {
        if (stream === 'stdout') this.stdoutText = keep(this.stdoutText, line);
        else this.stderrText = keep(this.stderrText, line);
        onOutput?.(line, stream);
      });
      readable.setEncoding('utf8');
      readable.on('data', (chunk: string) => splitter.push(chunk));
      readable.on('end', () => splitter.end());
    }
  }

  /** The last MiB of stdout. */
  get stdout(): string {
    return this.stdoutText;
  }

  /** The last MiB of stderr. */
  get stderr(): string {
    return this.stderrText;
  }
}

function keep(text: string, line: string): string {
  const next = `${text}${line}\n`;
  return next.length > KEEP_CHARS ? next.slice(-KEEP_CHARS / 2) : next;
}
