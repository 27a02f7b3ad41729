/**
 * Offsets, 1-based positions and text edits on one source text. Offsets index the JavaScript
 * string (UTF-16 code units), which is also what web-tree-sitter's `startIndex` counts when it
 * parses a JavaScript string.
 */
import type { SourceRange, TextEdit } from './types';

/** Line starts of a text, to turn offsets into 1-based line/column pairs. */
export class SourceText {
  private readonly lineStarts: number[] = [0];
  /** The newline the file uses (`\r\n` when its first line break is one). */
  readonly newline: string;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    const firstBreak = text.indexOf('\n');
    this.newline = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  range(start: number, end: number): SourceRange {
    const s = this.position(start);
    const e = this.position(end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }

  edit(start: number, end: number, newText: string): TextEdit {
    return { start, end, range: this.range(start, end), newText };
  }

  /** Offset of the start of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.lineStarts[this.position(offset).line - 1];
  }

  /** Offset of the end of the line holding `offset` (before its newline). */
  lineEnd(offset: number): number {
    let i = this.text.indexOf('\n', offset);
    if (i < 0) return this.text.length;
    if (i > 0 && this.text[i - 1] === '\r') i--;
    return i;
  }

  /** The whitespace before the first character of the line holding `offset`. */
  indentAt(offset: number): string {
    const start = this.lineStart(offset);
    const m = /^[ \t]*/.exec(this.text.slice(start, this.lineEnd(offset)));
    return m === null ? '' : m[0];
  }
}

/** Applies non-overlapping edits to `text`. Throws when two edits overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** True when the word `name` occurs anywhere in `text` (also in strings and comments: a safe over-count). */
export function mentionsWord(text: string, name: string): boolean {
  return new RegExp(`\\b${name}\\b`).test(text);
}

/** `base`, or `base_2`, `base_3`…: the first that `text` (the enclosing function) does not mention. */
export function freshName(text: string, base: string, taken: ReadonlySet<string> = new Set()): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}_${i}`;
    if (!taken.has(name) && !mentionsWord(text, name)) return name;
  }
}
