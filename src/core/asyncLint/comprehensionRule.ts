/**
 * PF102: an `await` inside a list, set or dict comprehension with one synchronous `for` clause,
 * inside `async def`. Async comprehensions, several `for` clauses and generator expressions
 * (which become async generators with `await`, PEP 530) are not reported.
 */
import type { Node } from 'web-tree-sitter';
import { awaitedCall, callShapeProblem, sequentialOnPurpose, sessionProblem, sharedReceiverProblem } from './callChecks';
import { environmentProblem, type RuleContext, type Verdict } from './ruleContext';
import { commentsOutside, indentUnit, iterableText, knownItemCount, unboundedIterable } from './planParts';
import type { ResultShape, StatementRewrite } from './rewritePlan';
import { enclosingStatement, hasAsyncKeyword, isField, targetNames } from './syntaxTree';

/** Judges one comprehension whose element or filters hold `awaits`. */
export function judgeComprehension(comp: Node, awaits: readonly Node[], ctx: RuleContext): Verdict {
  if (comp.type === 'generator_expression') {
    return { kind: 'silent', why: 'a generator expression with await is an async generator (PEP 530), consumed with async for' };
  }
  const clauses = comp.namedChildren.filter((c) => c.type === 'for_in_clause');
  if (clauses.some(hasAsyncKeyword)) return { kind: 'silent', why: 'an async comprehension: iteration itself awaits (hazard 9)' };
  if (clauses.length !== 1) return { kind: 'silent', why: 'a comprehension with several for clauses' };
  const clause = clauses[0];
  const left = clause.childForFieldName('left');
  const iterable = clause.childForFieldName('right');
  const element = comp.childForFieldName('body');
  if (left === null || iterable === null || element === null) return { kind: 'silent', why: 'incomplete comprehension' };
  const targets = new Set(targetNames(left));
  for (const a of awaits) {
    const why = sequentialOnPurpose(a, awaitedCall(a, ctx.facts), targets, ctx.facts);
    if (why !== undefined) return { kind: 'silent', why };
  }

  const env = environmentProblem(ctx);
  if (env !== undefined) return { kind: 'unfixable', reason: env };
  if (comp.type === 'dictionary_comprehension') {
    return {
      kind: 'unfixable',
      reason: 'a dict comprehension needs its keys first: keys = list(…); dict(zip(keys, await asyncio.gather(*[f(k) for k in keys])))',
    };
  }
  const filters = comp.namedChildren.filter((c) => c.type === 'if_clause');
  if (awaits.some((a) => filters.some((f) => a.startIndex >= f.startIndex && a.endIndex <= f.endIndex))) {
    return { kind: 'unfixable', reason: 'the await is in the if filter, which decides which items exist' };
  }
  if (awaits.length !== 1 || element.id !== awaits[0].id) {
    return { kind: 'unfixable', reason: 'the element does more than await one call (a fix needs [await CALL for x in items])' };
  }
  const operand = element.namedChild(0);
  const call = awaitedCall(element, ctx.facts);
  if (operand === null || call === undefined) return { kind: 'unfixable', reason: 'the await is not a call' };
  const problem =
    callShapeProblem(operand, targets) ??
    sessionProblem(call, ctx.sharing) ??
    sharedReceiverProblem(call, targets, ctx.sharing) ??
    unboundedIterable(iterable, ctx.facts.isGeneratorFunction);
  if (problem !== undefined) return { kind: 'unfixable', reason: problem };

  const stmt = enclosingStatement(comp);
  const kept = [operand, iterable, left, ...filters];
  const set = comp.type === 'set_comprehension';
  return {
    kind: 'fixable',
    plan: {
      call: operand.text,
      target: left.text,
      iterable: iterableText(iterable),
      filters: filters.map((f) => ` ${f.text}`).join(''),
      expression: {
        start: comp.startIndex,
        end: comp.endIndex,
        set,
        parenthesize: needsParentheses(comp),
        anchor: stmt.startIndex,
        anchorIndent: ctx.source.indentAt(stmt.startIndex),
        comments: commentsOutside([comp], kept),
      },
      statement: statementForm(stmt, comp, set, kept, ctx),
      indentUnit: indentUnit(ctx.source, ctx.fn, ctx.fn.childForFieldName('body')),
      exceptStar: { keywords: [] },
      knownCount: knownItemCount(iterable),
      scopeText: ctx.fn.text,
    },
  };
}

/** `await gather(…)` binds looser than `.attr`, `[i]` and calls: `[…][0]` must become `(await …)[0]`. */
function needsParentheses(comp: Node): boolean {
  const p = comp.parent;
  if (p === null) return false;
  return (
    (p.type === 'attribute' && isField(p, 'object', comp)) ||
    (p.type === 'subscript' && isField(p, 'value', comp)) ||
    (p.type === 'call' && isField(p, 'function', comp))
  );
}

/**
 * `X = [await …]` and `return [await …]` can also become statements (the TaskGroup variant).
 * Refused when a try encloses it: a comprehension's TaskGroup would need the same except*
 * rewrite as a loop's, which is offered for loops only.
 */
function statementForm(stmt: Node, comp: Node, set: boolean, kept: Node[], ctx: RuleContext): StatementRewrite | undefined {
  let result: ResultShape | undefined;
  const only = stmt.namedChildren.filter((c) => c.type !== 'comment');
  if (stmt.type === 'return_statement' && only.length === 1 && only[0].id === comp.id) {
    result = set ? { kind: 'returnSet' } : { kind: 'return' };
  } else if (stmt.type === 'expression_statement' && only.length === 1 && only[0].type === 'assignment') {
    const a = only[0];
    const name = a.childForFieldName('left');
    if (name?.type === 'identifier' && a.childForFieldName('right')?.id === comp.id && a.childForFieldName('type') === null) {
      result = set ? { kind: 'assignSet', name: name.text } : { kind: 'assign', name: name.text };
    }
  }
  if (result === undefined) return undefined;
  for (let p = stmt.parent; p !== null && p.id !== ctx.fn.id; p = p.parent) if (p.type === 'try_statement') return undefined;
  return {
    start: stmt.startIndex,
    end: stmt.endIndex,
    indent: ctx.source.indentAt(stmt.startIndex),
    comments: commentsOutside([stmt], kept),
    result,
  };
}
