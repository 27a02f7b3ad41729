import { StackTable } from '../model/stackTable';
import { isSmallInt, NUMBER_BYTE, NUMBER_TEXT, simpleNumber } from './jsonNumber';

/**
 * JSON.parse for a byte stream: the document is built from chunks as they arrive, so a file is
 * never one JS string (V8 caps strings at ~512 MiB, and a 300 MB speedscope file as a string plus
 * its parsed copy needs over 1 GB). Gives the same value JSON.parse gives for valid JSON and
 * throws JsonStreamError (a SyntaxError) for anything else.
 *
 * With `shareIntegerArrays`, equal short arrays of non-negative integers become one shared array
 * object. A py-spy speedscope file repeats each distinct stack once per sample (measured: 650k
 * samples of 250k stacks in 100 MB), so sharing keeps one copy per distinct stack instead of one
 * per sample. Consumers must not mutate the result (the speedscope parser only reads it).
 */

/** Invalid or truncated JSON (the message names the byte offset). */
export class JsonStreamError extends SyntaxError {}

/** Options for JsonStreamParser. */
export interface JsonStreamOptions {
  readonly shareIntegerArrays?: boolean;
}

/** Deeper nesting than this is refused: no speedscope document goes past 6 levels, and a file of `[[[[…` must not exhaust memory. */
export const MAX_JSON_DEPTH = 1000;
/** Longer integer arrays (weights, say) are not worth hashing for sharing. */
const MAX_SHARED_LENGTH = 4096;

// Parser states (numbers, not an enum, so esbuild and tsx need no const-enum support).
const VALUE = 0;
const ARRAY_FIRST = 1;
const OBJECT_FIRST = 2;
const KEY = 3;
const COLON = 4;
const AFTER_VALUE = 5;
const IN_STRING = 6;
const IN_NUMBER = 7;
const IN_LITERAL = 8;
const END = 9;

/** An open array or object and what is known about it. */
class Container {
  key = '';
  /** Every element so far is an integer in [0, 2^30) (isSmallInt). */
  ints = true;
  constructor(
    readonly array: unknown[] | undefined,
    readonly object: Record<string, unknown> | undefined,
  ) {}
}

/** Push parser: `write` each chunk in order, then `end` returns the document. */
export class JsonStreamParser {
  private state = VALUE;
  private readonly stack: Container[] = [];
  /** The innermost open container (the stack's last), kept in a field for the hot path. */
  private top: Container | undefined;
  private root: unknown;
  /** Bytes before the current chunk, for error positions. */
  private offset = 0;
  private atStart = true;
  private readonly shared: StackTable | undefined;
  private scratch = new Int32Array(256);
  // A token cut by a chunk boundary.
  private stringParts: Buffer[] = [];
  private stringIsKey = false;
  private escapeNext = false;
  private numberText = '';
  private literal = '';
  private literalMatched = 0;

  constructor(options: JsonStreamOptions = {}) {
    this.shared = options.shareIntegerArrays === true ? new StackTable() : undefined;
  }

  /** Parses the next chunk of the document. */
  write(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = buf.length;
    if (n === 0) return;
    let i = 0;
    if (this.atStart) {
      this.atStart = false;
      // A UTF-8 byte-order mark (JSON.parse of the decoded text would see U+FEFF; readProfileFile strips it).
      if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    }
    if (this.state === IN_STRING) i = this.continueString(buf);
    else if (this.state === IN_NUMBER) i = this.continueNumber(buf);
    else if (this.state === IN_LITERAL) i = this.continueLiteral(buf, 0);
    while (i < n) {
      const c = buf[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      switch (this.state) {
        case VALUE:
        case ARRAY_FIRST:
          if (c >= 0x30 && c <= 0x39 && this.top?.array !== undefined) {
            i = this.integerRun(buf, i);
          } else if (c === 0x5d /* ] */ && this.state === ARRAY_FIRST) {
            this.closeContainer();
            i++;
          } else {
            i = this.startValue(buf, i, c);
          }
          break;
        case OBJECT_FIRST:
          if (c === 0x7d /* } */) {
            this.closeContainer();
            i++;
          } else {
            i = this.startKey(buf, i, c);
          }
          break;
        case KEY:
          i = this.startKey(buf, i, c);
          break;
        case COLON:
          if (c !== 0x3a) this.fail(buf, i, "':'");
          this.state = VALUE;
          i++;
          break;
        case AFTER_VALUE:
          i = this.afterValue(buf, i, c);
          break;
        default:
          this.fail(buf, i, 'the end of the document');
      }
    }
    this.offset += n;
  }

  /** Ends the document and returns its value. */
  end(): unknown {
    if (this.state === IN_NUMBER) this.finishNumberText(this.numberText);
    if (this.state !== END) throw new JsonStreamError(`Unexpected end of JSON input (at byte ${this.offset})`);
    return this.root;
  }

  private startValue(buf: Buffer, i: number, c: number): number {
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (this.stack.length >= MAX_JSON_DEPTH) throw new JsonStreamError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep (at byte ${this.offset + i})`);
      const isArray = c === 0x5b;
      this.top = isArray ? new Container([], undefined) : new Container(undefined, {});
      this.stack.push(this.top);
      this.state = isArray ? ARRAY_FIRST : OBJECT_FIRST;
      return i + 1;
    }
    if (c === 0x22 /* " */) {
      this.stringIsKey = false;
      return this.startString(buf, i);
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) return this.startNumber(buf, i);
    if (c === 0x74 /* t */) return this.startLiteral(buf, i, 'true');
    if (c === 0x66 /* f */) return this.startLiteral(buf, i, 'false');
    if (c === 0x6e /* n */) return this.startLiteral(buf, i, 'null');
    return this.fail(buf, i, 'a value');
  }

  private startKey(buf: Buffer, i: number, c: number): number {
    if (c !== 0x22) this.fail(buf, i, 'a property name');
    this.stringIsKey = true;
    return this.startString(buf, i);
  }

  private afterValue(buf: Buffer, i: number, c: number): number {
    const top = this.top as Container;
    if (c === 0x2c /* , */) {
      this.state = top.array !== undefined ? VALUE : KEY;
    } else if ((c === 0x5d /* ] */ && top.array !== undefined) || (c === 0x7d /* } */ && top.object !== undefined)) {
      this.closeContainer();
    } else {
      this.fail(buf, i, top.array !== undefined ? "',' or ']'" : "',' or '}'");
    }
    return i + 1;
  }

  private closeContainer(): void {
    const top = this.stack.pop() as Container;
    this.top = this.stack.length === 0 ? undefined : this.stack[this.stack.length - 1];
    if (top.array !== undefined) {
      const array = this.shared !== undefined && top.ints && top.array.length <= MAX_SHARED_LENGTH ? this.shared.canonical(top.array as number[]) : top.array;
      this.addValue(array, false);
    } else {
      this.addValue(top.object, false);
    }
  }

  private addValue(value: unknown, isSmallInt: boolean): void {
    const top = this.top;
    if (top === undefined) {
      this.root = value;
      this.state = END;
      return;
    }
    if (top.array !== undefined) {
      top.array.push(value);
      if (!isSmallInt) top.ints = false;
    } else if (top.key === '__proto__') {
      // JSON.parse makes an own property here; plain assignment would set the prototype.
      Object.defineProperty(top.object, '__proto__', { value, writable: true, enumerable: true, configurable: true });
    } else {
      (top.object as Record<string, unknown>)[top.key] = value;
    }
    this.state = AFTER_VALUE;
  }

  // Strings ------------------------------------------------------------------------------------

  private startString(buf: Buffer, quote: number): number {
    const n = buf.length;
    let j = quote + 1;
    let plain = true; // ASCII without escapes or control characters: decodable as latin1
    while (j < n) {
      const c = buf[j];
      if (c === 0x22) break;
      if (c === 0x5c) {
        plain = false;
        j += 2;
        continue;
      }
      if (c < 0x20 || c >= 0x80) plain = false;
      j++;
    }
    if (j >= n) {
      this.stringParts = [Buffer.from(buf.subarray(quote + 1, n))];
      this.escapeNext = j > n; // the chunk ended right after a backslash
      this.state = IN_STRING;
      return n;
    }
    this.completeString(plain ? buf.toString('latin1', quote + 1, j) : this.decodeString(buf.subarray(quote + 1, j), quote));
    return j + 1;
  }

  private continueString(buf: Buffer): number {
    const n = buf.length;
    let j = this.escapeNext ? 1 : 0;
    while (j < n) {
      const c = buf[j];
      if (c === 0x22) break;
      j += c === 0x5c ? 2 : 1;
    }
    if (j >= n) {
      this.stringParts.push(Buffer.from(buf));
      this.escapeNext = j > n;
      return n;
    }
    this.stringParts.push(buf.subarray(0, j));
    const bytes = Buffer.concat(this.stringParts);
    this.stringParts = [];
    this.completeString(this.decodeString(bytes, 0));
    return j + 1;
  }

  /** The text of a string's content bytes; escapes and control characters are checked by JSON.parse on this one string. */
  private decodeString(bytes: Buffer, at: number): string {
    const text = bytes.toString('utf8');
    if (bytes.indexOf(0x5c) < 0 && !hasControlByte(bytes)) return text;
    try {
      return JSON.parse(`"${text}"`) as string;
    } catch {
      throw new JsonStreamError(`Bad escape or control character in a JSON string (at byte ${this.offset + at})`);
    }
  }

  private completeString(text: string): void {
    if (this.stringIsKey) {
      (this.top as Container).key = text;
      this.state = COLON;
    } else {
      this.addValue(text, false);
    }
  }

  // Numbers ------------------------------------------------------------------------------------

  private startNumber(buf: Buffer, start: number): number {
    const n = buf.length;
    let j = start;
    while (j < n && NUMBER_BYTE[buf[j]] === 1) j++;
    if (j === n) {
      // Cut by the chunk boundary (or the last token of the file: `end` finishes it).
      this.numberText = buf.toString('latin1', start, n);
      this.state = IN_NUMBER;
      return n;
    }
    const value = simpleNumber(buf, start, j);
    if (value === undefined) this.finishNumberText(buf.toString('latin1', start, j));
    else this.addValue(value, isSmallInt(value));
    return j;
  }

  /**
   * The hot path: a run of small unsigned integers in an array (`12,345,6]`), as the samples of
   * a speedscope file are, read in one loop. With sharing, a whole array of them is read into a
   * scratch buffer first and only becomes a new JS array if no equal one was seen (most samples
   * repeat a known stack, so they allocate nothing). Anything else (a sign, fraction, exponent,
   * a chunk boundary inside the array) continues on the general path from where it stopped.
   */
  private integerRun(buf: Buffer, i: number): number {
    const top = this.top as Container;
    const array = top.array as unknown[];
    const shared = this.shared;
    const buffered = shared !== undefined && this.state === ARRAY_FIRST;
    let scratch = this.scratch;
    let count = 0;
    const n = buf.length;
    for (;;) {
      let j = i;
      let value = 0;
      if (buf[j] === 0x30) {
        j++;
      } else {
        while (j < n) {
          const d = buf[j] - 0x30;
          if (d < 0 || d > 9) break;
          value = value * 10 + d;
          j++;
        }
      }
      let c = j < n ? buf[j] : 0;
      if (j >= n || j - i > 9 || (c >= 0x30 && c <= 0x39) || c === 0x2e /* . */ || c === 0x65 /* e */ || c === 0x45 /* E */) {
        // Not a plain small integer within this chunk: the general path takes over at this number.
        if (buffered) for (let k = 0; k < count; k++) array.push(scratch[k]);
        this.state = count > 0 || array.length > 0 ? VALUE : this.state;
        return this.startNumber(buf, i);
      }
      if (buffered) {
        if (count === scratch.length) scratch = this.scratch = growInt32(scratch);
        scratch[count++] = value;
      } else {
        array.push(value);
      }
      this.state = AFTER_VALUE;
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        if (++j >= n) return this.flushRun(array, count, buffered, j);
        c = buf[j];
      }
      if (c === 0x5d /* ] */) {
        if (buffered && count <= MAX_SHARED_LENGTH) {
          this.stack.pop();
          this.top = this.stack.length === 0 ? undefined : this.stack[this.stack.length - 1];
          this.addValue(shared.all[shared.intern(scratch, count)], false);
          return j + 1;
        }
        this.flushRun(array, count, buffered, j);
        this.closeContainer();
        return j + 1;
      }
      if (c !== 0x2c /* , */) return this.flushRun(array, count, buffered, j); // the main loop reports it
      this.state = VALUE;
      if (++j >= n || buf[j] < 0x30 || buf[j] > 0x39) return this.flushRun(array, count, buffered, j);
      i = j;
    }
  }

  /** Moves integers read into the scratch buffer into the array, when the run stops before its `]`. */
  private flushRun(array: unknown[], count: number, buffered: boolean, at: number): number {
    if (buffered) for (let k = 0; k < count; k++) array.push(this.scratch[k]);
    return at;
  }

  private continueNumber(buf: Buffer): number {
    const n = buf.length;
    let j = 0;
    while (j < n && NUMBER_BYTE[buf[j]] === 1) j++;
    this.numberText += buf.toString('latin1', 0, j);
    if (j === n) return n;
    this.finishNumberText(this.numberText);
    return j;
  }

  private finishNumberText(text: string): void {
    this.numberText = '';
    if (!NUMBER_TEXT.test(text)) throw new JsonStreamError(`Bad number ${JSON.stringify(text.slice(0, 40))} in JSON (near byte ${this.offset})`);
    const value = Number(text);
    this.addValue(value, isSmallInt(value));
  }

  // true, false, null --------------------------------------------------------------------------

  private startLiteral(buf: Buffer, i: number, literal: string): number {
    this.literal = literal;
    this.literalMatched = 0;
    this.state = IN_LITERAL;
    return this.continueLiteral(buf, i);
  }

  private continueLiteral(buf: Buffer, i: number): number {
    const literal = this.literal;
    let k = this.literalMatched;
    let j = i;
    while (k < literal.length && j < buf.length) {
      if (buf[j] !== literal.charCodeAt(k)) this.fail(buf, j, `'${literal}'`);
      k++;
      j++;
    }
    this.literalMatched = k;
    if (k === literal.length) this.addValue(literal === 'true' ? true : literal === 'false' ? false : null, false);
    return j;
  }

  private fail(buf: Buffer, i: number, expected: string): never {
    const c = buf[i];
    const shown = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    throw new JsonStreamError(`Unexpected ${shown} at byte ${this.offset + i}, expected ${expected}`);
  }
}

function growInt32(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function hasControlByte(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] < 0x20) return true;
  return false;
}

/** Parses a whole stream of byte chunks (e.g. fs.createReadStream) into its JSON value. */
export async function parseJsonStream(chunks: AsyncIterable<Uint8Array>, options?: JsonStreamOptions): Promise<unknown> {
  const parser = new JsonStreamParser(options);
  for await (const chunk of chunks) parser.write(chunk);
  return parser.end();
}
