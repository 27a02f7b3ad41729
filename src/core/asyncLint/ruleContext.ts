/**
 * What every rule gets for one enclosing `async def`, the verdict each rule returns, and the
 * environment checks they share (checklist §2.3 "Environment").
 */
import type { Node } from 'web-tree-sitter';
import { SYNC_RECEIVER, type SharingContext } from './callChecks';
import type { ModuleFacts } from './moduleFacts';
import type { RewritePlan } from './rewritePlan';
import type { SourceText } from './sourceText';
import { isField, lastName } from './syntaxTree';

/** The file, the module facts and the enclosing async function of the code being judged. */
export interface RuleContext {
  readonly source: SourceText;
  readonly facts: ModuleFacts;
  readonly fn: Node;
  readonly sharing: SharingContext;
}

/**
 * A rule's decision: not reported (sequential on purpose, with the hazard it guards),
 * reported without a fix (with the reason), or reported with a rewrite plan.
 */
export type Verdict =
  | { readonly kind: 'silent'; readonly why: string }
  | { readonly kind: 'unfixable'; readonly reason: string }
  | { readonly kind: 'fixable'; readonly plan: RewritePlan };

const TASK_GROUP_OF = { trio: 'a trio nursery', anyio: 'anyio.create_task_group()', curio: 'a curio TaskGroup' } as const;

/** Why asyncio.gather cannot be written in this function, or undefined. */
export function environmentProblem(ctx: RuleContext): string | undefined {
  const fw = ctx.facts.otherFramework;
  if (fw !== undefined) return `this module uses ${fw}, where asyncio.gather is wrong: start the calls in ${TASK_GROUP_OF[fw]} instead (hazard 13)`;
  const name = ctx.facts.asyncioName ?? 'asyncio';
  if (ctx.facts.asyncioName === undefined && ctx.facts.asyncioShadowed) return 'the module binds the name asyncio to something else';
  if (functionBinds(ctx.fn, name)) return `the function binds the name ${name}, so asyncio.gather would not reach asyncio`;
  return undefined;
}

/** Parent types where an identifier child is a parameter name. */
const PARAMETER_PARENTS = new Set(['parameters', 'lambda_parameters', 'default_parameter', 'typed_parameter', 'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern']);

/**
 * True when `fn` binds `name` (parameter, assignment, loop or with target, walrus, import,
 * nested def/class, global/nonlocal): looks only at the identifiers spelled `name`.
 */
function functionBinds(fn: Node, name: string): boolean {
  if (!fn.text.includes(name)) return false;
  return fn.descendantsOfType('identifier').some((id) => {
    if (id.text !== name) return false;
    const p = id.parent;
    if (p === null) return false;
    if (PARAMETER_PARENTS.has(p.type) || p.type === 'as_pattern_target' || p.type === 'global_statement' || p.type === 'nonlocal_statement') return true;
    if (p.type === 'aliased_import') return isField(p, 'alias', id);
    if (p.type === 'named_expression' || p.type === 'function_definition' || p.type === 'class_definition') return isField(p, 'name', id);
    if (p.type === 'assignment' || p.type === 'augmented_assignment' || p.type === 'for_statement') return isField(p, 'left', id);
    if (p.type === 'pattern_list' || p.type === 'tuple_pattern' || p.type === 'list_pattern') return true;
    return false;
  });
}

/** True for `async with lock:` / `async with self._sem:` / `async with cond:` (hazard 8). */
export function looksLikeSyncPrimitive(withStatement: Node): boolean {
  return withStatement.descendantsOfType('with_item').some((item) => {
    let value = item.childForFieldName('value');
    if (value?.type === 'as_pattern') value = value.namedChild(0);
    const name = value === null || value === undefined ? undefined : lastName(value);
    return name !== undefined && SYNC_RECEIVER.test(name);
  });
}
