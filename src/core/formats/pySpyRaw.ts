import { ProfileParseError } from '../errors';
import type { Profile, ProfileMeta } from '../model/profile';
import { ProfileBuilder } from '../model/profileBuilder';
import { isHexAddress, parseCodeFrame, parseProcessFrame, parseThreadFrame } from './frameText';
import { FrameKeyTable } from './frameKeyTable';
import { snippet } from './snippet';

/**
 * py-spy `--format raw` and collapsed ("folded") stacks: one line per distinct stack,
 * `frame;frame;… COUNT`, root first (src/flamegraph.rs `write_raw`). The file carries no
 * sampling rate or duration; those come from a sidecar written at capture time, if any.
 */

/** Facts the raw text does not carry, supplied by the caller (e.g. from a `.pfmeta.json` sidecar). */
export interface RawMetaHints {
  readonly sampleRate?: number;
  readonly durationSec?: number;
  readonly commandLine?: string;
  /** The file is known to come from py-spy even if no frame shows it. */
  readonly fromPySpy?: boolean;
}

const COUNT = /^\d+(?:\.\d+)?$/;
const PROCESS_HEADER = /process \d+:"/y;
const THREAD_HEADER = /thread \([0-9A-Za-z]+\)/y;

/** Streaming parser: feed it lines one at a time, then `finish()`; it never holds the input. */
export class PySpyRawParser {
  private readonly builder = new ProfileBuilder();
  /** Frame text → frame index, so each distinct frame text is parsed once. */
  // A null-prototype object, not a Map: looking up a freshly sliced key measured ~1.5× faster
  // (V8 finds it in its string table), and this lookup runs once per frame of every line.
  private readonly codeFrames: Record<string, number | undefined> = Object.create(null) as Record<string, number | undefined>;
  /** Root pseudo-frame text → frame index, kept apart so position decides the meaning. */
  private readonly pseudoFrames = new Map<string, number>();
  /** Frame bytes (as latin1) → frame index: addLineBytes finds known frames without decoding them. */
  private readonly codeFrameKeys = new FrameKeyTable();
  private readonly ids: number[] = [];
  /** The byte path's frame indices for the current line (grown as needed). */
  private byteIds = new Int32Array(256);
  /** The fast path's frame texts for the current line, joined to confirm it. */
  private readonly lineKeys: string[] = [];
  private dataLines = 0;
  private sawPySpyFrame = false;
  private rootCommandLine: string | undefined;

  /** `source` names the file in error messages. */
  constructor(private readonly source: string) {}

  /** Adds one line (without its `\n`); `lineNumber` is 1-based and used in error messages. */
  addLine(line: string, lineNumber: number): void {
    let text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // UTF-8 byte-order mark
    if (isBlank(text)) return;
    const sep = lastBlank(text);
    if (sep < 0) this.fail(lineNumber, `found no sample count: the line ends with ${snippet(text.length > 40 ? `…${text.slice(-40)}` : text)}`);
    const token = text.slice(sep + 1);
    if (!COUNT.test(token)) this.fail(lineNumber, `the sample count ${snippet(token, 40)} is not a number`);
    this.dataLines++;
    // A stack may be empty: py-spy --idle wrote " 3" here for a thread with no Python frames.
    this.addStack(text.slice(0, sep), Number(token));
  }

  /**
   * addLine for the line's UTF-8 bytes `buf[start, end)` (without its `\n`), given also as
   * `latin1`, the bytes read one character each: the same result and the same errors as addLine
   * on the decoded text, faster (bench/, "parse" rows). Frames are found in the latin1 text by
   * FrameKeyTable and the whole line is confirmed with one comparison; only a frame seen for
   * the first time is decoded as UTF-8. A line this path does not expect (blank, no count, a bad
   * count) is decoded and handed to addLine, which skips it or words the error.
   */
  addLineBytes(buf: Buffer, latin1: string, lineStart: number, lineEnd: number, lineNumber: number): void {
    const text = latin1;
    let start = lineStart;
    let end = lineEnd;
    if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
    if (lineNumber === 1 && end - start >= LATIN1_BOM.length && text.startsWith(LATIN1_BOM, start)) start += LATIN1_BOM.length;
    let sep = end - 1;
    for (; sep >= start; sep--) {
      const c = text.charCodeAt(sep);
      if (c === 0x20 || c === 0x09) break;
    }
    const weight = sep < start ? -1 : countValue(text, sep + 1, end);
    if (weight < 0) {
      this.addLine(buf.toString('utf8', lineStart, lineEnd), lineNumber);
      return;
    }
    this.dataLines++;
    let length = 0;
    let codeStart = start;
    if (text.startsWith('process ', start) || text.startsWith('thread (', start)) {
      // Rare (py-spy --threads / --subprocesses): the pseudo-frames are found on the decoded text, as in addLine.
      const stack = buf.toString('utf8', start, sep);
      const ids = this.ids;
      ids.length = 0;
      const pseudoEnd = this.addPseudoFrames(stack);
      if (pseudoEnd >= stack.length || !isAsciiBefore(stack, pseudoEnd)) {
        // Past a non-ASCII prefix, decoded offsets are not byte offsets: finish on the decoded text.
        this.addCodeFrames(stack, pseudoEnd);
        this.builder.addStack(ids, weight);
        return;
      }
      for (; length < ids.length; length++) this.pushByteId(length, ids[length]);
      codeStart = start + pseudoEnd;
    }
    const known = this.knownFrames(text, codeStart, sep, length);
    const count = known >= 0 ? known : this.framesOneByOne(text, codeStart, sep, length);
    this.builder.addStack(this.byteIds, weight, count); // read byteIds only now: it may have grown
  }

  /**
   * The fast path: each frame of `text[from, to)` taken on the word of FrameKeyTable.candidate,
   * then the whole line confirmed at once (its frames joined must be the text). Returns the
   * number of ids then in byteIds, or -1 when a frame is new, a segment is empty or the line
   * does not match (then framesOneByOne redoes it).
   */
  private knownFrames(text: string, from: number, to: number, length: number): number {
    const table = this.codeFrameKeys;
    const keys = this.lineKeys;
    keys.length = 0;
    let n = length;
    for (let pos = from; pos < to; ) {
      let stop = text.indexOf(';', pos);
      if (stop < 0 || stop > to) stop = to;
      if (stop === pos) return -1;
      const entry = table.candidate(text, pos, stop);
      if (entry < 0) return -1;
      keys.push(table.keyOf(entry));
      this.pushByteId(n++, table.valueOf(entry));
      pos = stop + 1;
    }
    return keys.join(';') === text.slice(from, to) ? n : -1;
  }

  /** The careful path: frame by frame, each confirmed, new frames decoded and added. Returns the number of ids then in byteIds. */
  private framesOneByOne(text: string, from: number, to: number, length: number): number {
    const table = this.codeFrameKeys;
    let n = length;
    for (let pos = from; pos < to; ) {
      let stop = text.indexOf(';', pos);
      if (stop < 0 || stop > to) stop = to;
      if (stop > pos) {
        let id = table.find(text, pos, stop);
        if (id < 0) {
          const key = detachLatin1(text.slice(pos, stop));
          id = this.codeFrameId(Buffer.from(key, 'latin1').toString('utf8'));
          table.add(key, id);
        }
        this.pushByteId(n++, id);
      }
      pos = stop + 1;
    }
    return n;
  }

  /** Ends the parse and returns the profile; `hints` fill in what the text cannot say. */
  finish(hints: RawMetaHints = {}): Profile {
    if (this.dataLines === 0) throw new ProfileParseError(this.source, 'the file has no stack lines');
    const meta: ProfileMeta = {
      tool: this.sawPySpyFrame || hints.fromPySpy === true ? 'py-spy' : 'collapsed',
      kind: 'cpu',
      unit: 'samples',
      ...(hints.sampleRate !== undefined && { sampleRate: hints.sampleRate }),
      ...(hints.durationSec !== undefined && { durationSec: hints.durationSec }),
      ...((hints.commandLine ?? this.rootCommandLine) !== undefined && { commandLine: hints.commandLine ?? this.rootCommandLine }),
    };
    return this.builder.build(meta);
  }

  private addStack(stack: string, weight: number): void {
    this.ids.length = 0;
    this.addCodeFrames(stack, this.addPseudoFrames(stack));
    this.builder.addStack(this.ids, weight);
  }

  /** Pushes the root pseudo-frames of `stack` onto `ids` and returns where its code frames start. */
  private addPseudoFrames(stack: string): number {
    const ids = this.ids;
    let pos = 0;
    // Pseudo-frames sit only at the root: processes (parents first), then one thread.
    while (stack.startsWith('process ', pos)) {
      const end = processFrameEnd(stack, pos);
      const text = end < 0 ? '' : stack.slice(pos, end);
      let id = this.pseudoFrames.get(text);
      if (id === undefined) {
        const parsed = end < 0 ? undefined : parseProcessFrame(text);
        if (!parsed) break;
        const name = detach(text);
        id = this.builder.internFrame({ ...parsed.frame, name });
        this.pseudoFrames.set(name, id);
        this.rootCommandLine ??= detach(parsed.commandLine);
      }
      ids.push(id);
      this.sawPySpyFrame = true;
      pos = end + 1;
    }
    let codeStart = pos;
    if (stack.startsWith('thread (', pos)) {
      // A thread name may itself hold `;`: keep joining until the next piece looks like a
      // code frame, which in py-spy output always ends with `(file…)` or is a hex address.
      let end = indexOfOrEnd(stack, pos);
      while (end < stack.length) {
        const next = indexOfOrEnd(stack, end + 1);
        if (looksLikeCodeFrame(stack.slice(end + 1, next))) break;
        end = next;
      }
      const text = stack.slice(pos, end);
      codeStart = end + 1;
      let id = this.pseudoFrames.get(text);
      if (id === undefined) {
        const thread = parseThreadFrame(text);
        if (thread) {
          const name = detach(text);
          id = this.builder.internFrame({ ...thread, name });
          this.pseudoFrames.set(name, id);
        }
      }
      if (id !== undefined) {
        ids.push(id);
        this.sawPySpyFrame = true;
      } else {
        codeStart = pos;
      }
    }
    return codeStart;
  }

  /** Pushes the code frames of `stack` from `codeStart` on onto `ids`. */
  private addCodeFrames(stack: string, codeStart: number): void {
    // Frames are cut out with indexOf rather than split(';'): no array per line (bench/, raw rows).
    for (let start = codeStart; start < stack.length; ) {
      const end = indexOfOrEnd(stack, start);
      const seg = stack.slice(start, end);
      start = end + 1;
      if (seg === '') continue;
      this.ids.push(this.codeFrames[seg] ?? this.codeFrameId(detach(seg)));
    }
  }

  /** The frame index of a code frame's text, parsing and interning it the first time. */
  private codeFrameId(text: string): number {
    let id = this.codeFrames[text];
    if (id === undefined) {
      const frame = parseCodeFrame(text);
      if (frame.file !== undefined) this.sawPySpyFrame = true;
      id = this.builder.internFrame(frame);
      this.codeFrames[text] = id;
    }
    return id;
  }

  private pushByteId(index: number, id: number): void {
    if (index >= this.byteIds.length) {
      const bigger = new Int32Array(this.byteIds.length * 2);
      bigger.set(this.byteIds);
      this.byteIds = bigger;
    }
    this.byteIds[index] = id;
  }

  private fail(lineNumber: number, problem: string): never {
    if (this.dataLines === 0) {
      throw new ProfileParseError(
        this.source,
        `not a supported profile format: line ${lineNumber} is not a "frame;frame;… COUNT" stack line (${problem}); expected py-spy raw/collapsed text or speedscope JSON`,
      );
    }
    throw new ProfileParseError(this.source, `line ${lineNumber}: ${problem}`);
  }
}

/** Parses raw/collapsed lines from any (async) iterable, e.g. a file read line by line. */
export async function parsePySpyRaw(
  lines: Iterable<string> | AsyncIterable<string>,
  source: string,
  hints?: RawMetaHints,
): Promise<Profile> {
  const parser = new PySpyRawParser(source);
  let n = 0;
  for await (const line of lines) parser.addLine(line, ++n);
  return parser.finish(hints);
}

/** Parses raw/collapsed text already in memory (tests, small inputs). */
export function parsePySpyRawText(text: string, source: string, hints?: RawMetaHints): Profile {
  const parser = new PySpyRawParser(source);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) parser.addLine(lines[i], i + 1);
  return parser.finish(hints);
}

/**
 * End (exclusive) of the `process PID:"cmdline"` frame starting at `pos`, or -1. The command
 * line is unescaped, so the closing quote is the one followed by the next process frame, else
 * by a thread frame, else the last `"` that ends a frame (code frames never end with `"`).
 */
function processFrameEnd(stack: string, pos: number): number {
  PROCESS_HEADER.lastIndex = pos;
  if (!PROCESS_HEADER.test(stack)) return -1;
  const from = PROCESS_HEADER.lastIndex;
  let last = stack.endsWith('"') && stack.length - 1 >= from ? stack.length - 1 : -1;
  let threadEnd = -1;
  for (let j = stack.indexOf('";', from); j >= 0; j = stack.indexOf('";', j + 1)) {
    PROCESS_HEADER.lastIndex = j + 2;
    if (PROCESS_HEADER.test(stack)) return j + 1;
    THREAD_HEADER.lastIndex = j + 2;
    if (threadEnd < 0 && THREAD_HEADER.test(stack)) threadEnd = j + 1;
    if (last < j) last = j;
  }
  if (threadEnd >= 0) return threadEnd;
  return last < 0 ? -1 : last + 1;
}

/** Whole numbers up to 15 digits are summed digit by digit (exact); anything longer goes through Number(). */
const MAX_FAST_DIGITS = 15;

/** The count in `text[start, end)` when it matches COUNT (`^\d+(?:\.\d+)?$`), else -1; its value as Number() reads it. */
function countValue(text: string, start: number, end: number): number {
  let value = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
  }
  if (i === start) return -1;
  if (i === end) return i - start <= MAX_FAST_DIGITS ? value : Number(text.slice(start, end));
  if (text.charCodeAt(i) !== 0x2e || i + 1 === end) return -1; // '.'
  for (let j = i + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c < 0x30 || c > 0x39) return -1;
  }
  return Number(text.slice(start, end));
}

/** The UTF-8 byte-order mark EF BB BF read as latin1. */
const LATIN1_BOM = '\u00ef\u00bb\u00bf';

/** A flat copy of a latin1 slice (see detach: a slice would pin its whole chunk). */
function detachLatin1(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'latin1').toString('latin1');
}

function isAsciiBefore(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The next `;` at or after `from`, or the end of the text. */
function indexOfOrEnd(text: string, from: number): number {
  const i = text.indexOf(';', from);
  return i < 0 ? text.length : i;
}

/** The last space or tab (the separator before the count); one backward scan instead of two lastIndexOf passes over the whole line. */
function lastBlank(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) return i;
  }
  return -1;
}

function looksLikeCodeFrame(text: string): boolean {
  return text.endsWith(')') || isHexAddress(text);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/**
 * A copy of `s` that does not share memory with the line it was cut from. V8 keeps a sliced
 * string's whole parent alive, so interning slices of huge lines would pin those lines.
 */
function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
