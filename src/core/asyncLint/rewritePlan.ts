/**
 * What a safe rewrite needs to know, gathered by the rules from the tree: the awaited call, the
 * loop variable and iterable as source text, and where the result goes. The fix variants are
 * built from this plain data (fixVariants.ts), so they never look at the tree again.
 */

/** Where the gathered results go. */
export type ResultShape =
  | { readonly kind: 'discard' }
  /** `X = await gather(…)` (X was bound to `[]` just before). */
  | { readonly kind: 'assign'; readonly name: string }
  /** `X = set(await gather(…))` (X was bound to `set()` just before). */
  | { readonly kind: 'assignSet'; readonly name: string }
  /** `X.extend(await gather(…))`. */
  | { readonly kind: 'extend'; readonly target: string }
  /** `X.update(await gather(…))`. */
  | { readonly kind: 'update'; readonly target: string }
  | { readonly kind: 'return' }
  | { readonly kind: 'returnSet' };

/** Replaces whole statements: `[start, end)` runs from a statement's first character to the end of the last one. */
export interface StatementRewrite {
  readonly start: number;
  readonly end: number;
  /** Indentation of the replaced statements. */
  readonly indent: string;
  /** Comments inside the span that are not inside copied text; kept as lines above the new code. */
  readonly comments: readonly string[];
  readonly result: ResultShape;
}

/** Replaces a comprehension inside a statement. */
export interface ExpressionRewrite {
  readonly start: number;
  readonly end: number;
  /** A set comprehension becomes `set(await gather(…))`. */
  readonly set: boolean;
  /** Wrap in parentheses: the comprehension was the object of `.attr`, `[i]` or a call. */
  readonly parenthesize: boolean;
  /** Start of the enclosing statement: helper code and comments go above it. */
  readonly anchor: number;
  readonly anchorIndent: string;
  readonly comments: readonly string[];
}

/** A `except E` keyword to turn into `except* E`, or why the TaskGroup variant is not offered. */
export type ExceptStarPlan = { readonly keywords: readonly { start: number; end: number }[] } | { readonly refused: string };

/** Everything a fix variant needs. */
export interface RewritePlan {
  /** The awaited expression, without `await`. */
  readonly call: string;
  /** The loop variable(s), as written. */
  readonly target: string;
  /** The iterable, parenthesized when it would not parse inside a comprehension. */
  readonly iterable: string;
  /** ` if COND` clauses of a comprehension, with their leading space; empty for loops. */
  readonly filters: string;
  /** Gather/Semaphore replace the expression when set, else the statements. */
  readonly expression?: ExpressionRewrite;
  /** Statement form; the TaskGroup variant needs it. */
  readonly statement?: StatementRewrite;
  /** One level of indentation as the file writes it. */
  readonly indentUnit: string;
  readonly exceptStar: ExceptStarPlan;
  /** Number of items when the iterable is a literal or `range(N)`. */
  readonly knownCount?: number;
  /** The enclosing function's text, to pick helper names that do not collide. */
  readonly scopeText: string;
}

/** A run of consecutive independent awaits (PF103): `a = await f(); b = await g()`. */
export interface ConsecutivePlan {
  readonly calls: readonly string[];
  /** Assigned names, one per call; undefined when every result is discarded. */
  readonly targets?: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly indent: string;
  readonly comments: readonly string[];
}
