import { ProfileParseError } from '../errors';
import type { Profile, ProfileMeta } from '../model/profile';
import { ProfileBuilder } from '../model/profileBuilder';
import { isHexAddress, parseCodeFrame, parseProcessFrame, parseThreadFrame } from './frameText';
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
  private readonly ids: number[] = [];
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
    const ids = this.ids;
    ids.length = 0;
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
    // Frames are cut out with indexOf rather than split(';'): no array per line (bench/, raw rows).
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
    for (let start = codeStart; start < stack.length; ) {
      const end = indexOfOrEnd(stack, start);
      const seg = stack.slice(start, end);
      start = end + 1;
      if (seg === '') continue;
      let id = this.codeFrames[seg];
      if (id === undefined) {
        const key = detach(seg);
        const frame = parseCodeFrame(key);
        if (frame.file !== undefined) this.sawPySpyFrame = true;
        id = this.builder.internFrame(frame);
        this.codeFrames[key] = id;
      }
      ids.push(id);
    }
    this.builder.addStack(ids, weight);
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
