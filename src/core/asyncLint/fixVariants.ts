/**
 * The fix variants of the checklist, in its order: `asyncio.gather` (same exception type), the
 * same bounded by `asyncio.Semaphore(n)`, and `asyncio.TaskGroup` (3.11+, with `except*`).
 * Text is generated from the plan's copied source spans, so comments inside the call or the
 * iterable stay where they were and other comments move above the new code.
 * Never generates a generator expression containing `await` (PEP 530 makes it an async
 * generator; `list.extend(await f(x) for x in xs)` raises TypeError).
 */
import { atLeast } from './pythonVersion';
import type { ConsecutivePlan, ResultShape, RewritePlan } from './rewritePlan';
import { freshName, type SourceText } from './sourceText';
import type { AsyncFix, FixVariant, PythonVersion, TextEdit } from './types';

/** Above this many items the bounded variant is preferred (checklist: "N > ~20"). */
const SMALL_FAN_OUT = 20;

/** How the fixes are written for one file. */
export interface FixEnvironment {
  readonly source: SourceText;
  /** The name asyncio is imported under (or will be, by `importEdit`). */
  readonly asyncio: string;
  /** The `import asyncio` insertion, when the module lacks it. */
  readonly importEdit?: TextEdit;
  readonly targetPython?: PythonVersion;
  readonly concurrencyLimit: number;
  /** Re-parses the enclosing function with the edits applied; false refuses the variant. */
  readonly verify: (edits: readonly TextEdit[]) => boolean;
}

/**
 * The variants, built and verified when first asked for (a quick fix, `--fix`): the lint itself
 * only needs to know that the checks passed, and building and re-parsing every variant of every
 * finding was most of its time. Or why no fix is offered.
 */
export type FixOutcome = { readonly fixes: () => AsyncFix[] } | { readonly refused: string };

const NOT_REPARSED = 'the rewrite did not re-parse cleanly';

const GATHER_DETAIL =
  'Runs every call at once and returns the results in input order. If one call fails, the first error ' +
  'propagates as before but the other calls keep running: their side effects (writes, payments, sends) still ' +
  'happen and may interleave. Context variables a call sets no longer reach this function.';

/** Builds the loop/comprehension variants. */
export function loopFixes(plan: RewritePlan, env: FixEnvironment): FixOutcome {
  if (plan.expression === undefined && plan.statement === undefined) return { refused: NOT_REPARSED };
  return { fixes: () => verifiedLoopFixes(plan, env) };
}

function verifiedLoopFixes(plan: RewritePlan, env: FixEnvironment): AsyncFix[] {
  const n = env.concurrencyLimit;
  const boundedPreferred = plan.knownCount === undefined || plan.knownCount > SMALL_FAN_OUT;
  const candidates: { variant: FixVariant; title: string; detail: string; edits: TextEdit[] | undefined }[] = [
    {
      variant: 'gather',
      title: 'Run concurrently with asyncio.gather (after a failure the other calls keep running)',
      detail: GATHER_DETAIL,
      edits: gatherEdits(plan, env, undefined),
    },
    {
      variant: 'semaphore',
      title: `Run concurrently, at most ${n} at a time (asyncio.Semaphore; httpx pools 100 connections by default)`,
      detail:
        `Like asyncio.gather, but at most ${n} calls are in flight: the number of items is ${plan.knownCount === undefined ? 'not known here' : plan.knownCount}, ` +
        'and an unbounded fan-out exhausts connection pools (httpx defaults to 100 connections and a 5 s pool timeout, ' +
        'then raises PoolTimeout), file descriptors and remote rate limits. ' +
        GATHER_DETAIL,
      edits: gatherEdits(plan, env, n),
    },
  ];
  const tg = taskGroupEdits(plan, env);
  if (tg !== undefined) {
    candidates.push({
      variant: 'taskgroup',
      title: 'Run concurrently in asyncio.TaskGroup (3.11+: a failure cancels the rest and raises an ExceptionGroup)',
      detail:
        'A failure cancels the other calls and is raised inside an ExceptionGroup: an enclosing `except E` ' +
        'becomes `except* E` (callers further up that catch E must do the same). Side effects interleave; context ' +
        'variables a call sets no longer reach this function.',
      edits: tg,
    });
  }
  const fixes: AsyncFix[] = [];
  for (const c of candidates) {
    if (c.edits === undefined) continue;
    const edits = withImport(c.edits, env);
    if (!env.verify(edits)) continue;
    const preferred = c.variant === (boundedPreferred ? 'semaphore' : 'gather');
    fixes.push({ variant: c.variant, title: c.title, detail: c.detail, preferred, edits });
  }
  // Without a verified gather the finding offers nothing (its other variants build on the same rewrite).
  return fixes.some((f) => f.variant === 'gather') ? fixes : [];
}

/** Builds the gather fix of a run of consecutive awaits (PF103). */
export function consecutiveFix(plan: ConsecutivePlan, env: FixEnvironment): FixOutcome {
  return { fixes: () => verifiedConsecutiveFix(plan, env) };
}

function verifiedConsecutiveFix(plan: ConsecutivePlan, env: FixEnvironment): AsyncFix[] {
  const gather = `await ${env.asyncio}.gather(${plan.calls.join(', ')})`;
  const stmt = plan.targets === undefined ? gather : `${plan.targets.join(', ')} = ${gather}`;
  const nl = env.source.newline + plan.indent;
  const edits = withImport([env.source.edit(plan.start, plan.end, [...plan.comments, stmt].join(nl))], env);
  if (!env.verify(edits)) return [];
  return [
    {
      variant: 'gather',
      title: `Run the ${plan.calls.length} awaits concurrently with asyncio.gather (after a failure the others keep running)`,
      detail: GATHER_DETAIL,
      preferred: true,
      edits,
    },
  ];
}

function withImport(edits: TextEdit[], env: FixEnvironment): TextEdit[] {
  return env.importEdit === undefined ? edits : [env.importEdit, ...edits].sort((a, b) => a.start - b.start);
}

/** `limit`: undefined for plain gather, else the Semaphore bound. */
function gatherEdits(plan: RewritePlan, env: FixEnvironment, limit: number | undefined): TextEdit[] | undefined {
  const { source } = env;
  const nl = source.newline;
  const unit = plan.indentUnit;
  let wrap = (call: string) => call;
  let helper: string[] = [];
  if (limit !== undefined) {
    const sem = freshName(plan.scopeText, 'semaphore');
    const bounded = freshName(plan.scopeText, 'bounded', new Set([sem]));
    helper = [
      `${sem} = ${env.asyncio}.Semaphore(${limit})`,
      `async def ${bounded}(awaitable):`,
      `${unit}async with ${sem}:`,
      `${unit}${unit}return await awaitable`,
    ];
    wrap = (call) => `${bounded}(${call})`;
  }
  const gathered = `await ${env.asyncio}.gather(*[${wrap(plan.call)} for ${plan.target} in ${plan.iterable}${plan.filters}])`;
  const expr = plan.expression;
  if (expr !== undefined) {
    let value = expr.set ? `set(${gathered})` : gathered;
    if (expr.parenthesize && !expr.set) value = `(${value})`;
    const above = [...expr.comments, ...helper];
    if (above.length === 0) return [source.edit(expr.start, expr.end, value)];
    const prefix = above.map((l) => l + nl + expr.anchorIndent).join('');
    if (expr.anchor === expr.start) return [source.edit(expr.start, expr.end, prefix + value)];
    return [source.edit(expr.anchor, expr.anchor, prefix), source.edit(expr.start, expr.end, value)];
  }
  const stmt = plan.statement;
  if (stmt === undefined) return undefined;
  const lines = [...stmt.comments, ...helper, resultStatement(stmt.result, gathered)];
  return [source.edit(stmt.start, stmt.end, lines.join(nl + stmt.indent))];
}

function resultStatement(result: ResultShape, value: string, setValue = `set(${value})`): string {
  switch (result.kind) {
    case 'discard':
      return value;
    case 'assign':
      return `${result.name} = ${value}`;
    case 'assignSet':
      return `${result.name} = ${setValue}`;
    case 'extend':
      return `${result.target}.extend(${value})`;
    case 'update':
      return `${result.target}.update(${value})`;
    case 'return':
      return `return ${value}`;
    case 'returnSet':
      return `return ${setValue}`;
  }
}

/** The TaskGroup variant: only for Python 3.11+, statement form, and a possible `except*` rewrite. */
function taskGroupEdits(plan: RewritePlan, env: FixEnvironment): TextEdit[] | undefined {
  if (!atLeast(env.targetPython, 3, 11)) return undefined;
  const stmt = plan.statement;
  if (stmt === undefined || 'refused' in plan.exceptStar) return undefined;
  const { source } = env;
  const u = plan.indentUnit;
  const tg = freshName(plan.scopeText, 'tg');
  const lines = [...stmt.comments, `async with ${env.asyncio}.TaskGroup() as ${tg}:`];
  if (stmt.result.kind === 'discard') {
    lines.push(`${u}for ${plan.target} in ${plan.iterable}:`, `${u}${u}${tg}.create_task(${plan.call})`);
  } else {
    const tasks = freshName(plan.scopeText, 'tasks', new Set([tg]));
    const task = freshName(plan.scopeText, 'task', new Set([tg, tasks]));
    lines.push(`${u}${tasks} = [${tg}.create_task(${plan.call}) for ${plan.target} in ${plan.iterable}${plan.filters}]`);
    lines.push(resultStatement(stmt.result, `[${task}.result() for ${task} in ${tasks}]`, `{${task}.result() for ${task} in ${tasks}}`));
  }
  const edits = [source.edit(stmt.start, stmt.end, lines.join(source.newline + stmt.indent))];
  for (const k of plan.exceptStar.keywords) edits.push(source.edit(k.start, k.end, 'except*'));
  return edits.sort((a, b) => a.start - b.start);
}
