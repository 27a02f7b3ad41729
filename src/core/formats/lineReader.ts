import type { Readable } from 'node:stream';
import { countChunk, type StreamStats } from './streamStats';

/** A line longer than the reader's limit; the caller turns it into a ProfileParseError. */
export class LineTooLongError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly limit: number,
  ) {
    super(`line ${lineNumber} is longer than ${limit} characters`);
  }
}

/**
 * Yields the lines of a UTF-8 text stream without their `\n` (`stats`, if given, records the
 * chunks and the most text held at once). Unlike `readline`, it stops
 * with LineTooLongError as soon as one line passes `maxLineChars`, so a multi-gigabyte file
 * with no line break cannot exhaust memory. (The deepest real py-spy stacks are a few
 * hundred kilobytes per line.)
 */
export async function* readLines(stream: Readable, maxLineChars: number, stats?: StreamStats): AsyncGenerator<string> {
  stream.setEncoding('utf8'); // decodes multi-byte characters split across chunks
  let pending = '';
  let lineNumber = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      countChunk(stats, chunk.length, pending.length + chunk.length);
      let start = 0;
      let nl = chunk.indexOf('\n');
      while (nl >= 0) {
        const line = pending === '' ? chunk.slice(start, nl) : pending + chunk.slice(start, nl);
        pending = '';
        lineNumber++;
        if (line.length > maxLineChars) throw new LineTooLongError(lineNumber, maxLineChars);
        yield line;
        start = nl + 1;
        nl = chunk.indexOf('\n', start);
      }
      if (start < chunk.length) {
        pending += chunk.slice(start);
        if (pending.length > maxLineChars) throw new LineTooLongError(lineNumber + 1, maxLineChars);
      }
    }
    if (pending !== '') yield pending;
  } finally {
    stream.destroy();
  }
}
