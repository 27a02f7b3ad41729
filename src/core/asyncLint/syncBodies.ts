/**
 * The text the lint parses: the file with the bodies of plain (non-async) `def`s emptied, so
 * tree-sitter spends its time on the code the rules read. Parsing is most of the lint's cost
 * (issue 8: ≥ 150,000 lines/s), and a sync function body can never hold a finding: an `await`
 * there belongs to no async function.
 *
 * Every line keeps its number and every kept line its text, so rows and columns of the
 * pruned tree are the file's; only offsets differ (`PrunedText.toOriginal` maps them back).
 * An emptied body becomes `0` on its first line (a body needs one statement) and empty lines.
 *
 * Bodies that mention `import`, `yield` or `async` are kept: imports anywhere and top-level
 * generators feed the module facts, and a nested `async def` is linted. A small tokenizer
 * (strings, f-strings, brackets, comments, backslash continuations) finds the logical lines;
 * on anything it does not model (CR line ends, tabs or form feeds, an unterminated string or
 * bracket) it returns undefined and the caller parses the whole file, as it does when the
 * pruned text parses with an error.
 */

/** The pruned text and how to map its offsets back to the file's. */
export interface PrunedText {
  readonly text: string;
  /** The file's offset of a 1-based line and column (of the pruned text, which are the file's). */
  toOriginal(line: number, column: number): number;
}

const KEEP_BODY = /\b(?:import|yield|async)\b/;

/** One logical line: its first and last physical line (0-based) and the indentation of the first. */
interface LogicalLine {
  readonly first: number;
  readonly last: number;
  readonly indent: number;
  /** Offset of the first non-blank character. */
  readonly start: number;
}

/** The file with sync function bodies emptied, or undefined when the scanner cannot vouch for it. */
export function pruneSyncBodies(text: string): PrunedText | undefined {
  if (/[\r\t\f\v]/.test(text)) return undefined;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const logical = logicalLines(text, lineStarts);
  if (logical === undefined) return undefined;
  // Kept text and replacements, joined once at the end.
  const pieces: string[] = [];
  let copied = 0;
  for (let i = 0; i < logical.length; i++) {
    const header = logical[i];
    const kind = headerKind(text, header.start);
    if (kind === undefined) continue;
    let end = i + 1;
    while (end < logical.length && logical[end].indent > header.indent) end++;
    if (end === i + 1) continue; // one-line `def f(): …`, or no body
    if (kind === 'async') {
      i = end - 1; // an async function is kept whole
      continue;
    }
    const firstBody = logical[i + 1];
    const lastBody = logical[end - 1];
    const bodyEnd = lastBody.last + 1 < lineStarts.length ? lineStarts[lastBody.last + 1] : text.length;
    const bodyStart = lineStarts[firstBody.first];
    if (KEEP_BODY.test(text.slice(bodyStart, bodyEnd))) continue;
    // `0` in place of the first body line, then one empty line per further line of the body.
    const lastEnd = lastBody.last + 1 < lineStarts.length ? lineStarts[lastBody.last + 1] - 1 : text.length;
    pieces.push(text.slice(copied, bodyStart), ' '.repeat(firstBody.indent), '0', '\n'.repeat(lastBody.last - firstBody.first));
    copied = lastEnd;
    i = end - 1;
  }
  const toOriginal = (line: number, column: number) => lineStarts[line - 1] + column - 1;
  if (copied === 0) return { text, toOriginal };
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), toOriginal };
}

/** 'sync' for `def`, 'async' for `async def`, else undefined (decorators and other statements). */
function headerKind(text: string, at: number): 'sync' | 'async' | undefined {
  if (text.startsWith('def', at) && isSpace(text.charCodeAt(at + 3))) return 'sync';
  if (text.startsWith('async', at) && isSpace(text.charCodeAt(at + 5))) {
    let j = at + 5;
    while (text.charCodeAt(j) === 32) j++;
    if (text.startsWith('def', j) && isSpace(text.charCodeAt(j + 3))) return 'async';
  }
  return undefined;
}

function isSpace(code: number): boolean {
  return code === 32;
}

const NL = 10;
const SPACE = 32;
const HASH = 35;
const BACKSLASH = 92;
const QUOTE = 34;
const APOSTROPHE = 39;
const LBRACE = 123;
const RBRACE = 125;

/** The state saved while an f-string replacement field is read as code. */
interface OuterString {
  readonly quote: number;
  readonly triple: boolean;
  readonly depth: number;
}

/**
 * The logical lines of `text` (blank and comment-only lines skipped), or undefined when a
 * string or bracket is left open at the end or a bracket closes that never opened. One pass
 * over the characters with the state in locals: this runs on every lint, over every line.
 */
function logicalLines(text: string, lineStarts: readonly number[]): LogicalLine[] | undefined {
  const out: LogicalLine[] = [];
  const n = text.length;
  // Strings whose replacement field is being read (f-strings nest).
  const outer: OuterString[] = [];
  let depth = 0; // open brackets of the code being read
  let quote = 0; // the quote of the string being read, 0 in code
  let triple = false;
  let formatted = false;
  let row = 0;
  let first = -1; // first physical line of the logical line being read, -1 between logical lines
  let indent = 0;
  let start = 0;
  let i = 0;
  while (i < n) {
    if (first < 0) {
      // At the start of a physical line outside strings and brackets: maybe a new logical line.
      let j = i;
      while (j < n && text.charCodeAt(j) === SPACE) j++;
      const c = j < n ? text.charCodeAt(j) : NL;
      if (c === NL || c === HASH) {
        const eol = text.indexOf('\n', j);
        if (eol < 0) break;
        i = eol + 1;
        row++;
        continue;
      }
      first = row;
      indent = j - i;
      start = j;
      i = j;
    }
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === BACKSLASH) {
        if (text.charCodeAt(i + 1) === NL) row++;
        i += 2;
      } else if (c === NL) {
        if (!triple) return undefined;
        row++;
        i++;
      } else if (c === quote && (!triple || (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c))) {
        i += triple ? 3 : 1;
        quote = 0;
      } else if (c === LBRACE && formatted) {
        if (text.charCodeAt(i + 1) === LBRACE) i += 2;
        else {
          outer.push({ quote, triple, depth });
          quote = 0;
          depth = 0;
          i++;
        }
      } else {
        i++;
      }
      continue;
    }
    if (c > RBRACE) {
      i++;
    } else if (c === QUOTE || c === APOSTROPHE) {
      triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      formatted = isFormattedPrefix(text, i);
      quote = c;
      i += triple ? 3 : 1;
    } else if (c === HASH) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
    } else if (c === BACKSLASH && text.charCodeAt(i + 1) === NL) {
      row++;
      i += 2;
    } else if (c === 40 || c === 91 || c === LBRACE) {
      depth++;
      i++;
    } else if (c === 41 || c === 93 || c === RBRACE) {
      if (depth > 0) depth--;
      else if (c === RBRACE && outer.length > 0) {
        // The end of an f-string replacement field: back in the string.
        const o = outer.pop() as OuterString;
        quote = o.quote;
        triple = o.triple;
        formatted = true;
        depth = o.depth;
      } else return undefined;
      i++;
    } else if (c === NL) {
      if (depth === 0 && outer.length === 0) {
        out.push({ first, last: row, indent, start });
        first = -1;
      }
      row++;
      i++;
    } else {
      i++;
    }
  }
  if (quote !== 0 || depth !== 0 || outer.length > 0) return undefined;
  if (first >= 0) out.push({ first, last: lineStarts.length - 1, indent, start });
  return out;
}

/** True when the string starting at `quote` has an f (or t) prefix: `f"`, `rf'`, `Fr"""`… */
function isFormattedPrefix(text: string, quote: number): boolean {
  let formatted = false;
  let j = quote - 1;
  for (let k = 0; k < 3 && j >= 0; k++, j--) {
    const ch = text[j];
    if (ch === 'f' || ch === 'F' || ch === 't' || ch === 'T') formatted = true;
    else if (!'rRbBuU'.includes(ch)) break;
  }
  // A prefix is only a prefix when no identifier character precedes it (`elif"x"` is not f-string-ish, rare).
  return formatted && (j < 0 || !/\w/.test(text[j]));
}
