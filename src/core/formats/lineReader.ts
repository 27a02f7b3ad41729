import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
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
 * Called once per line with the line's bytes `buf[start, end)` (without its `\n`), the same
 * bytes read as latin1 (`latin1[i]` is the character of byte `buf[i]`) and its 1-based number.
 */
export type LineBytesVisitor = (buf: Buffer, latin1: string, start: number, end: number, lineNumber: number) => void;

/**
 * Calls `visit` for every line of a byte stream, not decoded as UTF-8: the raw parser decodes
 * only the frames it has not seen before (pySpyRaw.ts, addLineBytes), which made `report` on a
 * 100 MB raw file much faster (bench/, "parse" rows). A line lies inside its chunk when it can
 * (no copy); only a line split across chunks is joined.
 * It stops with LineTooLongError as soon as a line passes `maxLineChars` characters (UTF-16
 * units, as the text reader it replaced counted them), so a huge file without a line break
 * cannot exhaust memory. `stats` counts bytes.
 */
export async function forEachLineBytes(stream: Readable, maxLineChars: number, visit: LineBytesVisitor, stats?: StreamStats): Promise<void> {
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      countChunk(stats, chunk.length, pendingBytes + chunk.length);
      // One latin1 string per chunk (a plain copy), not one per line: the parser reads lines in place.
      const text = chunk.toString('latin1');
      let start = 0;
      let nl = chunk.indexOf(10, start);
      while (nl >= 0) {
        lineNumber++;
        if (pendingBytes === 0) {
          if (nl - start > maxLineChars && charLength([chunk.subarray(start, nl)]) > maxLineChars) throw new LineTooLongError(lineNumber, maxLineChars);
          visit(chunk, text, start, nl, lineNumber);
        } else {
          pending.push(chunk.subarray(start, nl));
          const line = Buffer.concat(pending, pendingBytes + nl - start);
          pending.length = 0;
          pendingBytes = 0;
          if (line.length > maxLineChars && charLength([line]) > maxLineChars) throw new LineTooLongError(lineNumber, maxLineChars);
          visit(line, line.toString('latin1'), 0, line.length, lineNumber);
        }
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        // Bytes ≥ characters, so the decode that counts exactly runs only past the limit (and
        // at most until the bytes pass three times it: no UTF-8 sequence, valid or not, takes more than 3 bytes per unit).
        if (pendingBytes > maxLineChars && (pendingBytes > 3 * maxLineChars + 6 || charLength(pending) > maxLineChars)) {
          throw new LineTooLongError(lineNumber + 1, maxLineChars);
        }
      }
    }
    if (pendingBytes > 0) {
      const line = Buffer.concat(pending, pendingBytes);
      visit(line, line.toString('latin1'), 0, line.length, lineNumber + 1);
    }
  } finally {
    stream.destroy();
  }
}

/**
 * The length in UTF-16 units of the text the pieces decode to, an unfinished multi-byte
 * character at the end not counted (as a streaming decoder would hold it back).
 */
function charLength(pieces: readonly Buffer[]): number {
  const decoder = new StringDecoder('utf8');
  let n = 0;
  for (const piece of pieces) n += decoder.write(piece).length;
  return n;
}
