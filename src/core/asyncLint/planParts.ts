/**
 * Pieces of a rewrite plan read from the tree: the iterable as comprehension-safe text, the
 * number of items when it is written out, comments to keep, the `except*` rewrite of the
 * enclosing `try`, and whether a name is read after the rewritten code.
 */
import type { Node } from 'web-tree-sitter';
import type { ExceptStarPlan } from './rewritePlan';
import type { SourceText } from './sourceText';
import { isField, ownDescendants } from './syntaxTree';

/** Node types that stay one expression inside `[… for x in HERE]` without parentheses. */
const PRIMARY = new Set([
  'identifier',
  'attribute',
  'call',
  'subscript',
  'list',
  'tuple',
  'set',
  'dictionary',
  'parenthesized_expression',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'string',
  'concatenated_string',
]);

/** The iterable's text, parenthesized unless it is a primary (`a, b` or `x if c else y` would not parse). */
export function iterableText(iterable: Node): string {
  return PRIMARY.has(iterable.type) ? iterable.text : `(${iterable.text})`;
}

/** Items in a literal list/tuple/set, or in `range(N)` / `range(A, B)` with integer literals. */
export function knownItemCount(iterable: Node): number | undefined {
  if (iterable.type === 'list' || iterable.type === 'tuple' || iterable.type === 'set') {
    const items = iterable.namedChildren.filter((c) => c.type !== 'comment');
    return items.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat') ? undefined : items.length;
  }
  if (iterable.type === 'call' && iterable.childForFieldName('function')?.text === 'range') {
    const args = iterable.childForFieldName('arguments')?.namedChildren ?? [];
    const ints = args.map((a) => (a.type === 'integer' ? Number(a.text.replace(/_/g, '')) : NaN));
    if (ints.some((n) => Number.isNaN(n))) return undefined;
    if (ints.length === 1) return Math.max(0, ints[0]);
    if (ints.length === 2) return Math.max(0, ints[1] - ints[0]);
  }
  return undefined;
}

/** Why the iterable may never end (checklist: not obviously unbounded), or undefined. */
export function unboundedIterable(iterable: Node, isGeneratorFunction: (name: string) => boolean): string | undefined {
  if (iterable.type !== 'call') return undefined;
  const callee = iterable.childForFieldName('function');
  const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
  if (name === 'count' || name === 'cycle' || name === 'repeat') {
    return `the iterable ${name}(…) may never end, and gather materializes every item up front`;
  }
  const args = iterable.childForFieldName('arguments')?.namedChildren ?? [];
  if (name === 'iter' && args.length === 2) return 'the iterable iter(f, sentinel) is read until a sentinel and may not end';
  if (callee?.type === 'identifier' && isGeneratorFunction(callee.text)) {
    return `the iterable comes from the generator ${callee.text}(), which may be a stream; gather would materialize it`;
  }
  return undefined;
}

/** Comment texts inside `nodes` that are not inside one of the `kept` nodes (copied text keeps its own). */
export function commentsOutside(nodes: readonly Node[], kept: readonly Node[]): string[] {
  const inside = (c: Node) => kept.some((k) => c.startIndex >= k.startIndex && c.endIndex <= k.endIndex);
  const out: string[] = [];
  for (const n of nodes) {
    // A comment needs a `#` in the text; most statements have none, and the text is cheaper than a tree query.
    const comments = n.type === 'comment' ? [n] : n.text.includes('#') ? n.descendantsOfType('comment') : [];
    for (const c of comments) if (!inside(c)) out.push(c.text);
  }
  return out;
}

/** One level of indentation: the body's indent minus the statement's, else four spaces (a tab in tab-indented code). */
export function indentUnit(source: SourceText, outer: Node, inner: Node | null): string {
  const outerIndent = source.indentAt(outer.startIndex);
  if (inner !== null && source.position(inner.startIndex).line !== source.position(outer.startIndex).line) {
    const innerIndent = source.indentAt(inner.startIndex);
    if (innerIndent.startsWith(outerIndent) && innerIndent.length > outerIndent.length) return innerIndent.slice(outerIndent.length);
  }
  return outerIndent.includes('\t') ? '\t' : '    ';
}

/**
 * The `except` keywords of every `try` (inside `fn`) whose body holds `node`, to become
 * `except*` under a TaskGroup; refused when a handler would behave differently with an
 * ExceptionGroup: a bare `except:`, `except E as e` (e becomes the group), or a handler that
 * returns, breaks, continues or re-raises.
 */
export function exceptStarPlan(node: Node, fn: Node): ExceptStarPlan {
  const keywords: { start: number; end: number }[] = [];
  let child = node;
  for (let p = node.parent; p !== null && p.id !== fn.id; child = p, p = p.parent) {
    if (p.type !== 'try_statement' || !isField(p, 'body', child)) continue;
    for (const clause of p.namedChildren) {
      if (clause.type !== 'except_clause') continue;
      const words = clause.children;
      if (words.some((w) => w.type === '*')) continue;
      const value = clause.childForFieldName('value') ?? clause.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment');
      if (value === undefined || value === null) return { refused: 'a bare `except:` encloses the loop and cannot become `except*`' };
      if (value.type === 'as_pattern') return { refused: `\`except ${value.text}\` would receive an ExceptionGroup under a TaskGroup` };
      const block = clause.namedChildren.find((c) => c.type === 'block');
      if (block !== undefined) {
        const exits = ownDescendants(block, ['return_statement', 'break_statement', 'continue_statement', 'raise_statement']);
        if (exits.some((e) => e.type !== 'raise_statement' || e.namedChildCount === 0)) {
          return { refused: 'an enclosing except handler returns, breaks, continues or re-raises, which `except*` does not allow or changes' };
        }
      }
      const kw = words.find((w) => w.type === 'except');
      if (kw !== undefined) keywords.push({ start: kw.startIndex, end: kw.endIndex });
    }
  }
  return { keywords };
}

/** True when `name` is read in `fn` after offset `after` before being bound again. */
export function readAfter(fn: Node, after: number, name: string, text: string): boolean {
  const first = firstIdentifier(fn, Math.max(after, fn.startIndex), name, text);
  if (first === undefined) return false;
  const parent = first.parent;
  if (parent === null) return true;
  const rebinds =
    (parent.type === 'for_statement' && isField(parent, 'left', first)) || (parent.type === 'assignment' && isField(parent, 'left', first));
  return !rebinds;
}

/**
 * The first identifier spelled `name` in `fn` at or after offset `from`, found by the spelling in
 * `text` (the source the tree was parsed from) and the node at each occurrence: the function's
 * identifiers as nodes cost much more. An occurrence next to an ASCII letter, digit or `_` is
 * part of a longer word, never an identifier of its own.
 */
function firstIdentifier(fn: Node, from: number, name: string, text: string): Node | undefined {
  const end = fn.endIndex;
  for (let at = text.indexOf(name, from); at >= 0 && at + name.length <= end; at = text.indexOf(name, at + 1)) {
    if (isWordCode(text.charCodeAt(at - 1)) || isWordCode(text.charCodeAt(at + name.length))) continue;
    const node = fn.descendantForIndex(at, at + name.length);
    if (node !== null && node.type === 'identifier' && node.startIndex === at && node.endIndex === at + name.length) return node;
  }
  return undefined;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}
