/**
 * PF101: an `await` in the body of a plain `for` loop inside `async def`. Decides whether the
 * loop is reported at all (some loops are sequential on purpose), whether the rewrite is safe,
 * and if so gathers the plan (checklist: shared/reference/async-rewrite-hazards.md §2.3).
 */
import type { Node } from 'web-tree-sitter';
import { awaitedCall, callShapeProblem, loopCarriedNames, sequentialOnPurpose, sessionProblem, sharedReceiverProblem } from './callChecks';
import { environmentProblem, looksLikeSyncPrimitive, type RuleContext, type Verdict } from './ruleContext';
import { commentsOutside, exceptStarPlan, indentUnit, iterableText, knownItemCount, readAfter, unboundedIterable } from './planParts';
import type { ResultShape } from './rewritePlan';
import { hasAsyncKeyword, namesRead, ownDescendants, previousStatement, rootName, statementsOf, targetNames } from './syntaxTree';

/** The accepted body shapes of the checklist. */
interface BodyShape {
  readonly awaitNode: Node;
  /** `X` of `X.append(…)` / `X.add(…)`. */
  readonly container?: Node;
  readonly method?: 'append' | 'add';
  /** `v` of `v = await CALL` followed by `X.append(v)`. */
  readonly temp?: string;
}

/** Judges one `for` loop whose body holds `awaits` (awaits of nested loops and comprehensions excluded). */
export function judgeLoop(loop: Node, awaits: readonly Node[], ctx: RuleContext): Verdict {
  const body = loop.childForFieldName('body');
  const left = loop.childForFieldName('left');
  const iterable = loop.childForFieldName('right');
  if (body === null || left === null || iterable === null) return { kind: 'silent', why: 'incomplete for statement' };
  const targets = new Set(targetNames(left));

  const inBody = bodyStatements(body);
  if (inBody.has('yield')) return { kind: 'silent', why: 'the loop yields: a stream with back-pressure (hazard 9)' };
  if (inBody.has('break_statement') || inBody.has('return_statement')) {
    return { kind: 'silent', why: 'the loop can stop early (break/return): a search or a retry, sequential on purpose (hazard 6)' };
  }
  const lockWith = (inBody.get('with_statement') ?? []).find((w) => hasAsyncKeyword(w) && looksLikeSyncPrimitive(w));
  if (lockWith !== undefined) return { kind: 'silent', why: 'the body holds a lock, semaphore or condition: sequential on purpose (hazard 8)' };
  for (const a of awaits) {
    const why = sequentialOnPurpose(a, awaitedCall(a, ctx.facts), targets, ctx.facts);
    if (why !== undefined) return { kind: 'silent', why };
    const operand = a.namedChild(0);
    const carried = operand === null ? [] : loopCarriedNames(operand, body, targets);
    if (carried.length > 0) return { kind: 'silent', why: `each iteration feeds the next: the call reads ${carried[0]}, which the loop assigns (hazard 6)` };
  }

  const env = environmentProblem(ctx);
  if (env !== undefined) return { kind: 'unfixable', reason: env };
  if (awaits.length > 1) {
    return { kind: 'unfixable', reason: 'the body awaits more than once: move it into a coroutine (async def one(item): …) and gather that' };
  }
  if (loop.childForFieldName('alternative') !== null) return { kind: 'unfixable', reason: 'the loop has an else: clause' };
  if (inBody.has('try_statement')) {
    return { kind: 'unfixable', reason: 'the body has try/except: per-item error handling must move into a coroutine of its own first (hazard 1)' };
  }
  if (inBody.has('continue_statement') || inBody.has('raise_statement')) {
    return { kind: 'unfixable', reason: 'the body can skip items or raise, which depends on the order of the calls' };
  }
  if (inBody.has('augmented_assignment')) {
    return { kind: 'unfixable', reason: 'the body accumulates with an augmented assignment (+=): gather the results first, then combine them' };
  }
  const shape = matchBody(body, awaits[0]);
  if (shape === undefined) {
    return {
      kind: 'unfixable',
      reason: 'the body does more than await one call (a fix needs `await CALL`, `X.append(await CALL)`, `X.add(await CALL)` or `v = await CALL` then `X.append(v)`)',
    };
  }
  if (/[.[]/.test(left.text) && (left.descendantsOfType(['attribute', 'subscript']).length > 0 || left.type === 'attribute' || left.type === 'subscript')) {
    return { kind: 'unfixable', reason: 'the loop variable is not a plain name' };
  }
  const operand = shape.awaitNode.namedChild(0);
  const call = awaitedCall(shape.awaitNode, ctx.facts);
  if (operand === null || call === undefined) return { kind: 'unfixable', reason: 'the await is not a call' };
  const problem =
    callShapeProblem(operand, targets) ??
    sessionProblem(call, ctx.sharing) ??
    sharedReceiverProblem(call, targets, ctx.sharing) ??
    containerProblem(shape, operand, iterable) ??
    unboundedIterable(iterable, ctx.facts.isGeneratorFunction);
  if (problem !== undefined) return { kind: 'unfixable', reason: problem };
  for (const name of shape.temp === undefined ? targets : [...targets, shape.temp]) {
    if (readAfter(ctx.fn, loop.endIndex, name, ctx.source.text)) return { kind: 'unfixable', reason: `${name} is used after the loop, where the rewrite no longer binds it` };
  }

  const { start, result } = placeResult(loop, shape);
  const prev = start === loop.startIndex ? [] : siblingsFrom(previousStatement(loop), loop);
  return {
    kind: 'fixable',
    plan: {
      call: operand.text,
      target: left.text,
      iterable: iterableText(iterable),
      filters: '',
      statement: {
        start,
        end: loop.endIndex,
        indent: ctx.source.indentAt(loop.startIndex),
        comments: commentsOutside([...prev, loop], [operand, iterable, left]),
        result,
      },
      indentUnit: indentUnit(ctx.source, loop, body),
      exceptStar: exceptStarPlan(loop, ctx.fn),
      knownCount: knownItemCount(iterable),
      scopeText: ctx.fn.text,
    },
  };
}

const BODY_KINDS = [
  'yield',
  'break_statement',
  'return_statement',
  'with_statement',
  'try_statement',
  'continue_statement',
  'raise_statement',
  'augmented_assignment',
];

/** Text without any of these cannot hold a node of BODY_KINDS (`yield`, `break`, …, and `+=`-style operators). */
const BODY_WORDS = /yield|break|return|with|try|continue|raise|[-+*/%@&|^<>]=/;

/** The body's own nodes of the kinds the checks look at, by type (one tree walk instead of eight). */
function bodyStatements(body: Node): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  // Each kind needs its keyword (or an operator before `=`) in the text, which is cheaper to read than the tree.
  if (!BODY_WORDS.test(body.text)) return out;
  for (const n of ownDescendants(body, BODY_KINDS)) out.set(n.type, [...(out.get(n.type) ?? []), n]);
  return out;
}

/** Matches the body against the checklist's shapes. */
function matchBody(body: Node, awaitNode: Node): BodyShape | undefined {
  const stmts = statementsOf(body);
  const exprOf = (s: Node | undefined) => (s?.type === 'expression_statement' && s.namedChildCount === 1 ? s.namedChild(0) : null);
  if (stmts.length === 1) {
    const e = exprOf(stmts[0]);
    if (e?.id === awaitNode.id) return { awaitNode };
    const add = e === null ? undefined : containerCall(e);
    if (add !== undefined && add.arg.id === awaitNode.id) return { awaitNode, container: add.container, method: add.method };
    return undefined;
  }
  if (stmts.length === 2) {
    const assign = exprOf(stmts[0]);
    const append = exprOf(stmts[1]);
    if (assign?.type !== 'assignment' || append === null) return undefined;
    const v = assign.childForFieldName('left');
    if (v?.type !== 'identifier' || assign.childForFieldName('right')?.id !== awaitNode.id || assign.childForFieldName('type') !== null) return undefined;
    const add = containerCall(append);
    if (add === undefined || add.method !== 'append' || add.arg.type !== 'identifier' || add.arg.text !== v.text) return undefined;
    return { awaitNode, container: add.container, method: 'append', temp: v.text };
  }
  return undefined;
}

/** `X.append(ARG)` / `X.add(ARG)` with exactly one positional argument. */
function containerCall(e: Node): { container: Node; method: 'append' | 'add'; arg: Node } | undefined {
  if (e.type !== 'call') return undefined;
  const callee = e.childForFieldName('function');
  const args = e.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const method = callee?.childForFieldName('attribute')?.text;
  const container = callee?.childForFieldName('object');
  if (callee?.type !== 'attribute' || (method !== 'append' && method !== 'add') || !container || args.length !== 1) return undefined;
  if (args[0].type === 'keyword_argument' || args[0].type === 'list_splat') return undefined;
  return { container, method, arg: args[0] };
}

function containerProblem(shape: BodyShape, operand: Node, iterable: Node): string | undefined {
  if (shape.container === undefined) return undefined;
  const root = rootName(shape.container);
  if (root === undefined) return 'the collection being filled is not a plain name or attribute';
  if (namesRead(operand).has(root) || namesRead(iterable).has(root)) return `the call or the iterable reads ${root}, the collection being filled`;
  return undefined;
}

/**
 * `X = []` (or `X = set()`) right before the loop becomes `X = await gather(…)`; otherwise the
 * results are added with `X.extend(…)` / `X.update(…)`, never with a generator expression.
 */
function placeResult(loop: Node, shape: BodyShape): { start: number; result: ResultShape } {
  if (shape.container === undefined) return { start: loop.startIndex, result: { kind: 'discard' } };
  const x = shape.container.text;
  const prev = previousStatement(loop);
  const assign = prev?.type === 'expression_statement' && prev.namedChildCount === 1 ? prev.namedChild(0) : null;
  const right = assign?.type === 'assignment' ? assign.childForFieldName('right') : null;
  const fresh =
    shape.container.type === 'identifier' &&
    assign?.childForFieldName('left')?.text === x &&
    assign.childForFieldName('type') === null &&
    right !== null &&
    (shape.method === 'append'
      ? right.type === 'list' && right.namedChildCount === 0
      : right.type === 'call' && right.text.replace(/\s/g, '') === 'set()');
  if (fresh && prev !== undefined) {
    return { start: prev.startIndex, result: shape.method === 'append' ? { kind: 'assign', name: x } : { kind: 'assignSet', name: x } };
  }
  return { start: loop.startIndex, result: shape.method === 'append' ? { kind: 'extend', target: x } : { kind: 'update', target: x } };
}

/** `from` and the comments between it and `to` (siblings in one block). */
function siblingsFrom(from: Node | undefined, to: Node): Node[] {
  const out: Node[] = [];
  for (let n = from ?? null; n !== null && n.id !== to.id; n = n.nextNamedSibling) out.push(n);
  return out;
}
