/**
 * Checks on one awaited call, from the safety checklist (shared/reference/async-rewrite-hazards.md
 * §2.3 "Independence"): calls that are sequential on purpose (silent), and calls whose rewrite
 * is unsafe (reported, with the reason).
 */
import type { Node } from 'web-tree-sitter';
import { CONCURRENCY_SAFE_MARKER, type ModuleFacts } from './moduleFacts';
import { callShape, lastName, namesBound, namesRead, ownDescendants, rootName, targetNames, type CallShape } from './syntaxTree';

/** Sleep, back-off and polling (hazard 7). */
const SLEEP = /^(a?sleep\w*|\w+_sleep|backoff\w*)$/;
/** Receivers that are synchronisation primitives or queues (hazard 8). */
export const SYNC_RECEIVER = /(^|_)(lock|locks|mutex|sem|semaphore|cond|condition|event|queue|q|barrier|limiter)$/i;
const SYNC_METHOD = /^(acquire|release|wait|wait_for|get|put|join|get_nowait|put_nowait|notify\w*)$/;
/** asyncio/trio/anyio helpers that already run things concurrently or coordinate them. */
const CONCURRENCY_HELPER = /^(gather|wait|as_completed|shield|create_task|ensure_future|TaskGroup)$/;
/** Lifecycle methods: start/stop/connect/close/setup/shutdown/register… (checklist). */
const LIFECYCLE = /^(a?start|stop|restart|a?connect|disconnect|reconnect|a?close|setup|set_up|teardown|tear_down|shutdown|register|unregister|init|initiali[sz]e|a?open|login|logout|subscribe|unsubscribe|bind|listen|serve|cancel|__aenter__|__aexit__)(_\w*)?$/;
/** Ordered I/O: send*, write*, drain, publish*, emit*, notify*, execute*, commit, xadd… (hazard 3). */
const ORDERED_IO = /^(send|write|publish|emit|notify|execute|dispatch)\w*$|^(drain|commit|rollback|flush|xadd|ack|nack|log)$/;
/** A session, connection, cursor or transaction: not safe for concurrent use (hazard 4). */
const SESSION_LIKE = /(^|_)(session|sess|conn|connection|db|tx|txn|transaction|cursor|cur)s?$/i;

/** Classes known safe to share between concurrent calls (the checklist names these two). */
const BUILTIN_SAFE_CLASSES = ['httpx.AsyncClient', 'aiohttp.ClientSession'];

/** awaitedCall's answers per tree and await node id (with the facts they were read with): every rule asks twice. */
const awaitedCalls = new WeakMap<object, Map<number, { readonly facts: ModuleFacts; readonly shape: CallShape | undefined }>>();

/** The awaited call of an `await` node, looking through `asyncio.wait_for(CALL, timeout)`. */
export function awaitedCall(awaitNode: Node, facts: ModuleFacts): CallShape | undefined {
  let perTree = awaitedCalls.get(awaitNode.tree);
  if (perTree === undefined) {
    perTree = new Map();
    awaitedCalls.set(awaitNode.tree, perTree);
  }
  const known = perTree.get(awaitNode.id);
  if (known !== undefined && known.facts === facts) return known.shape;
  const shape = readAwaitedCall(awaitNode, facts);
  perTree.set(awaitNode.id, { facts, shape });
  return shape;
}

function readAwaitedCall(awaitNode: Node, facts: ModuleFacts): CallShape | undefined {
  const operand = awaitNode.namedChildren.find((c) => c.type !== 'comment');
  if (operand === undefined) return undefined;
  const shape = callShape(operand);
  if (shape === undefined) return undefined;
  const first = shape.args[0];
  if (shape.name === 'wait_for' && isModuleCall(shape, facts) && first !== undefined && first.keyword === undefined) {
    return callShape(first.value) ?? shape;
  }
  return shape;
}

function isModuleCall(shape: CallShape, facts: ModuleFacts): boolean {
  return shape.receiver?.type === 'identifier' && facts.moduleAliases.has(shape.receiver.text);
}

/**
 * Why this awaited call is sequential on purpose (so the loop is not flagged at all), or
 * undefined. `loopTargets` are the loop's variables (a callee among them is a hook chain).
 */
export function sequentialOnPurpose(awaitNode: Node, shape: CallShape | undefined, loopTargets: ReadonlySet<string>, facts: ModuleFacts): string | undefined {
  if (shape === undefined) {
    const operand = awaitNode.namedChild(0);
    const kind = operand?.type;
    if (kind === 'identifier' || kind === 'attribute' || kind === 'subscript') {
      return 'awaits objects that already run (tasks or futures): nothing to gain by gathering them (hazard 17)';
    }
    return undefined;
  }
  const { name } = shape;
  if (SLEEP.test(name)) return `awaits ${name}(): rate limiting, polling or back-off is sequential on purpose (hazard 7)`;
  const recv = shape.receiver !== undefined ? lastName(shape.receiver) : undefined;
  if (recv !== undefined && SYNC_RECEIVER.test(recv) && SYNC_METHOD.test(name)) {
    return `awaits ${recv}.${name}(): locks, events, semaphores and queues are sequential on purpose (hazard 8)`;
  }
  if (CONCURRENCY_HELPER.test(name) && (shape.receiver === undefined || isModuleCall(shape, facts))) {
    return `awaits ${name}(): the items are already batched or concurrent`;
  }
  if (LIFECYCLE.test(name)) return `awaits ${name}(): starting, stopping and registering things usually happens in order`;
  if (ORDERED_IO.test(name)) return `awaits ${name}(): sends, writes, publishes and commits must keep their order (hazard 3)`;
  if (shape.callee.type === 'identifier' && loopTargets.has(shape.callee.text)) {
    return `the callee ${shape.callee.text} is the loop variable: a chain of hooks or middleware runs in order`;
  }
  return undefined;
}

/** Context for deciding whether a call's receiver and arguments may be shared by concurrent calls. */
export interface SharingContext {
  readonly fn: Node;
  readonly facts: ModuleFacts;
  readonly concurrencySafe: readonly string[];
  /** Cache of `name → bound only from a concurrency-safe constructor` per function id. */
  readonly safeNames: Map<number, Map<string, boolean>>;
}

/** Why the call's receiver or an argument is a session, connection, cursor or transaction (hazard 4), or undefined. */
export function sessionProblem(shape: CallShape, ctx: SharingContext): string | undefined {
  for (const { value, keyword } of shape.args) {
    const named = [lastName(value), keyword].some((x) => x !== undefined && SESSION_LIKE.test(stripUnderscores(x)));
    if (named && !isKnownSafe(value, ctx)) {
      return `passes ${value.text} (a session, connection, cursor or transaction) to every call; those do not allow concurrent operations (asyncpg, SQLAlchemy AsyncSession)`;
    }
  }
  const recv = shape.receiver;
  const n = recv === undefined ? undefined : lastName(recv);
  if (recv !== undefined && n !== undefined && SESSION_LIKE.test(stripUnderscores(n)) && !isKnownSafe(recv, ctx)) {
    return `every call goes through ${recv.text}, a session, connection, cursor or transaction; those do not allow concurrent operations (asyncpg, SQLAlchemy AsyncSession)`;
  }
  return undefined;
}

/**
 * Why the receiver every item shares is not known safe for concurrent use, or undefined. Safe:
 * a receiver that varies with the loop variable, a module (`httpx.get`), a name bound in this
 * function from httpx.AsyncClient(...) / aiohttp.ClientSession(...) / a listed or marked class,
 * or a receiver listed in `concurrencySafe`.
 */
export function sharedReceiverProblem(shape: CallShape, loopTargets: ReadonlySet<string>, ctx: SharingContext): string | undefined {
  const recv = shape.receiver;
  if (recv === undefined) return undefined;
  const root = shape.receiverRoot;
  if (root !== undefined && loopTargets.has(root)) return undefined;
  if (recv.type === 'identifier' && ctx.facts.moduleAliases.has(recv.text)) return undefined;
  if (isKnownSafe(recv, ctx)) return undefined;
  return (
    `every call shares ${recv.text}, which is not known to be safe for concurrent use: bind it in this function from ` +
    'httpx.AsyncClient(...) or aiohttp.ClientSession(...), list its class in profileFirst.lint.concurrencySafe, or mark the class ' +
    `with "# ${CONCURRENCY_SAFE_MARKER}"`
  );
}

function stripUnderscores(name: string): string {
  return name.replace(/^_+/, '');
}

/** True when `node` is listed as safe, or is a name bound in this function only from a safe constructor. */
function isKnownSafe(node: Node, ctx: SharingContext): boolean {
  if (ctx.concurrencySafe.includes(node.text)) return true;
  if (node.type !== 'identifier') return false;
  // Only a name the function binds with `=` or `as` can be safe; most receivers are parameters
  // or attributes, and the text says so without walking the function's assignments.
  if (!bindsByText(ctx, node.text)) return false;
  return isSafeName(ctx, node.text);
}

function bindsByText(ctx: SharingContext, name: string): boolean {
  const text = ctx.fn.text;
  let at = text.indexOf(name);
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1];
    let j = at + name.length;
    if (!/\w/.test(before) && !/\w/.test(text[j] ?? '')) {
      while (text[j] === ' ') j++;
      if ((text[j] === '=' && text[j + 1] !== '=') || text[j] === ':' || text[j] === ')' || text[j] === ',') return true;
      if (/\bas\s+$/.test(text.slice(Math.max(0, at - 8), at))) return true;
    }
    at = text.indexOf(name, at + 1);
  }
  return false;
}

/** The function's own assignments and `as` patterns, with its text: read once per function, filtered per name. */
interface Binders {
  readonly nodes: readonly Node[];
  readonly text: string;
  readonly start: number;
}

const bindersOf = new WeakMap<SharingContext, Binders>();

/**
 * True when `name` is bound in the function, and only from a concurrency-safe constructor.
 * Answered per name (cached in `ctx.safeNames`): a binding's text starts with (an assignment) or
 * holds (`… as name`) the name, so other bindings are skipped without asking the tree about them.
 */
function isSafeName(ctx: SharingContext, name: string): boolean {
  let names = ctx.safeNames.get(ctx.fn.id);
  if (names === undefined) {
    names = new Map<string, boolean>();
    ctx.safeNames.set(ctx.fn.id, names);
  }
  const known = names.get(name);
  if (known !== undefined) return known;
  let binders = bindersOf.get(ctx);
  if (binders === undefined) {
    binders = { nodes: ownDescendants(ctx.fn, ['assignment', 'as_pattern']), text: ctx.fn.text, start: ctx.fn.startIndex };
    bindersOf.set(ctx, binders);
  }
  let safe: boolean | undefined;
  const record = (value: Node | null) => {
    safe = (safe ?? true) && value !== null && isSafeConstructorCall(value, ctx);
  };
  for (const b of binders.nodes) {
    if (b.type === 'assignment') {
      if (!binders.text.startsWith(name, b.startIndex - binders.start)) continue;
      const left = b.childForFieldName('left');
      if (left?.type === 'identifier' && left.text === name) record(b.childForFieldName('right'));
    } else {
      if (!b.text.includes(name)) continue;
      const alias = b.childForFieldName('alias')?.namedChild(0);
      const value = b.namedChild(0);
      if (alias?.type === 'identifier' && alias.text === name && value !== null && b.parent?.type === 'with_item') record(value);
    }
  }
  const result = safe === true;
  names.set(name, result);
  return result;
}

function isSafeConstructorCall(value: Node, ctx: SharingContext): boolean {
  const call = value.type === 'await' ? value.namedChild(0) : value;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (callee === null || callee === undefined) return false;
  const text = callee.text;
  const bare = text.split('.').pop() ?? text;
  const full = resolveName(callee, ctx.facts);
  if (BUILTIN_SAFE_CLASSES.includes(full)) return true;
  if (ctx.facts.markedSafeClasses.has(bare) && callee.type === 'identifier') return true;
  return ctx.concurrencySafe.some((entry) => entry === text || entry === full || (!entry.includes('.') && entry === bare));
}

/** `AsyncClient` → `httpx.AsyncClient` after `from httpx import AsyncClient`; `hx.AsyncClient` → the same after `import httpx as hx`. */
function resolveName(callee: Node, facts: ModuleFacts): string {
  const text = callee.text;
  if (callee.type === 'identifier') return facts.fromImports.get(text) ?? text;
  const root = rootName(callee);
  if (root === undefined) return text;
  const module = facts.moduleAliases.get(root) ?? facts.fromImports.get(root);
  return module === undefined ? text : module + text.slice(root.length);
}

/**
 * Names the awaited expression reads that carry state from one iteration to the next: bound in
 * the loop body but not before the await in the same iteration (`token = await refresh(token)`).
 * A name bound earlier in the same iteration (`user = await a(x)` then `await b(user)`) is an
 * ordinary dependency inside one item, not a loop-carried one.
 */
export function loopCarriedNames(operand: Node, body: Node, loopTargets: ReadonlySet<string>): string[] {
  // Names read that are not loop variables first: when there are none, the body's bindings do not matter.
  // A name the body binds is spelled there twice (the binding and this read), unless the binding
  // is a walrus in the operand itself: one spelling in the whole body rules the name out.
  const bodyText = body.text;
  const walrus = operand.text.includes(':=');
  const notTargets = [...namesRead(operand)].filter((n) => !loopTargets.has(n) && (walrus || spelledTwice(bodyText, n)));
  if (notTargets.length === 0) return [];
  const bound = namesBound(body);
  const reads = notTargets.filter((n) => bound.has(n));
  if (reads.length === 0) return [];
  const earlier = new Set<string>();
  for (const b of ownDescendants(body, ['assignment', 'augmented_assignment', 'as_pattern_target', 'named_expression'])) {
    if (b.endIndex > operand.startIndex) continue;
    const target = b.type === 'as_pattern_target' ? b : b.childForFieldName(b.type === 'named_expression' ? 'name' : 'left');
    if (target !== null) for (const n of targetNames(target)) earlier.add(n);
  }
  return reads.filter((n) => !earlier.has(n));
}

function spelledTwice(text: string, name: string): boolean {
  const first = text.indexOf(name);
  return first >= 0 && text.indexOf(name, first + 1) >= 0;
}

/** Why the awaited expression (`operand` of the await) cannot move into a list of coroutines, or undefined. */
export function callShapeProblem(operand: Node, loopTargets: ReadonlySet<string>): string | undefined {
  if (mayHoldNested(operand.text) && operand.descendantsOfType(['await', 'named_expression', 'yield', 'lambda']).length > 0) {
    return 'the awaited call contains another await, a walrus, a lambda or a yield';
  }
  const reads = namesRead(operand);
  if (![...loopTargets].some((t) => reads.has(t))) {
    return 'the call does not use the loop variable, so each iteration may depend on state the previous one left';
  }
  return undefined;
}

/**
 * False when `text` cannot hold an await, a walrus, a yield or a lambda: each needs its keyword
 * or `:=` in the text, and the text is cheaper to read than the tree.
 */
export function mayHoldNested(text: string): boolean {
  return text.includes('await') || text.includes(':=') || text.includes('yield') || text.includes('lambda');
}
