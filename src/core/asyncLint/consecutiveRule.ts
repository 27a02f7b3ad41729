/**
 * PF103: consecutive awaits whose results do not feed each other, reported only with profile
 * evidence that each of them waited a real share of the run. In real code most such sequences
 * are ordered on purpose (hidden ordering dependencies dominated the corpus, §4.3), so without
 * evidence, or with a shared receiver not known safe, or with ordered-I/O or lifecycle verbs,
 * the rule stays silent.
 */
import type { Node } from 'web-tree-sitter';
import { awaitedCall, sequentialOnPurpose, sessionProblem, sharedReceiverProblem } from './callChecks';
import { commentsOutside } from './planParts';
import type { ConsecutivePlan } from './rewritePlan';
import { environmentProblem, type RuleContext } from './ruleContext';
import { namesRead, nextStatement } from './syntaxTree';
import type { AwaitEvidence } from './types';

/** A statement that is just `await CALL` or `NAME = await CALL`. */
export interface AwaitStatement {
  readonly statement: Node;
  readonly awaitNode: Node;
  /** The assigned name; undefined for a bare `await CALL`. */
  readonly target?: string;
}

/** A run of two or more independent awaits, with the evidence of each. */
export interface ConsecutiveRun {
  readonly members: readonly AwaitStatement[];
  readonly evidence: readonly AwaitEvidence[];
  /** The plan, or why the run cannot be rewritten. */
  readonly outcome: { readonly plan: ConsecutivePlan } | { readonly reason: string };
}

/** `await CALL` / `NAME = await CALL` as a whole statement, else undefined. */
export function awaitStatement(awaitNode: Node): AwaitStatement | undefined {
  const p = awaitNode.parent;
  if (p?.type === 'expression_statement') return { statement: p, awaitNode };
  if (p?.type === 'assignment' && p.parent?.type === 'expression_statement' && p.childForFieldName('right')?.id === awaitNode.id) {
    const left = p.childForFieldName('left');
    if (left?.type === 'identifier' && p.childForFieldName('type') === null) return { statement: p.parent, awaitNode, target: left.text };
  }
  return undefined;
}

/** Runs to report, and adjacent awaits left out with the reason (for tests and logs). */
export interface ConsecutiveResult {
  readonly runs: ConsecutiveRun[];
  readonly silenced: { readonly statement: Node; readonly why: string }[];
}

/**
 * Splits the await statements of one function (in source order) into runs of consecutive,
 * independent, evidenced awaits. `evidenceOf` returns evidence above the threshold or undefined.
 */
export function consecutiveRuns(
  candidates: readonly AwaitStatement[],
  evidenceOf: (awaitNode: Node) => AwaitEvidence | undefined,
  ctx: RuleContext,
): ConsecutiveResult {
  const result: ConsecutiveResult = { runs: [], silenced: [] };
  const adjacent = (a: AwaitStatement | undefined, b: AwaitStatement | undefined) =>
    a !== undefined && b !== undefined && nextStatement(a.statement)?.id === b.statement.id;
  const evidence = candidates.map((c) => evidenceOf(c.awaitNode));
  const problems = candidates.map((c, i) => (evidence[i] === undefined ? 'no profile evidence above the threshold for this await' : disqualified(c, ctx)));
  let run: number[] = [];
  const close = () => {
    if (run.length >= 2) {
      const members = run.map((i) => candidates[i]);
      result.runs.push({ members, evidence: run.map((i) => evidence[i] as AwaitEvidence), outcome: planRun(members, ctx) });
    }
    run = [];
  };
  candidates.forEach((c, i) => {
    const problem = problems[i];
    if (problem !== undefined) {
      if (adjacent(candidates[i - 1], c) || adjacent(c, candidates[i + 1])) result.silenced.push({ statement: c.statement, why: problem });
      close();
      return;
    }
    const last = run[run.length - 1];
    if (last !== undefined && adjacent(candidates[last], c)) {
      const dependency = dependencyOn(run.map((j) => candidates[j]), c, ctx);
      if (dependency !== undefined) {
        result.silenced.push({ statement: c.statement, why: dependency });
        close();
      }
    } else {
      close();
    }
    run.push(i);
  });
  close();
  return result;
}

/** Why this await cannot join a run: sequential on purpose, not a plain call, or a session/connection. */
function disqualified(c: AwaitStatement, ctx: RuleContext): string | undefined {
  const shape = awaitedCall(c.awaitNode, ctx.facts);
  const operand = c.awaitNode.namedChild(0);
  if (shape === undefined || operand === null) return 'awaits something other than a call';
  const why = sequentialOnPurpose(c.awaitNode, shape, new Set(), ctx.facts);
  if (why !== undefined) return why;
  if (operand.descendantsOfType(['await', 'named_expression', 'yield', 'lambda']).length > 0) return 'the awaited call contains another await';
  return sessionProblem(shape, ctx.sharing);
}

/** How `c` depends on the run (data, a name assigned twice, a shared receiver not known safe), or undefined. */
function dependencyOn(run: readonly AwaitStatement[], c: AwaitStatement, ctx: RuleContext): string | undefined {
  const reads = namesRead(c.awaitNode);
  const shape = awaitedCall(c.awaitNode, ctx.facts);
  for (const m of run) {
    if (m.target !== undefined && reads.has(m.target)) return `reads ${m.target}, the result of an await before it`;
    if (m.target !== undefined && m.target === c.target) return `assigns ${m.target} again`;
    if (c.target !== undefined && namesRead(m.awaitNode).has(c.target)) return `rebinds ${c.target}, which an await before it reads`;
    const mShape = awaitedCall(m.awaitNode, ctx.facts);
    const same = shape?.receiver !== undefined && mShape?.receiver !== undefined && shape.receiver.text === mShape.receiver.text;
    const problem = same && shape !== undefined ? sharedReceiverProblem(shape, new Set(), ctx.sharing) : undefined;
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function planRun(run: readonly AwaitStatement[], ctx: RuleContext): ConsecutiveRun['outcome'] {
  const env = environmentProblem(ctx);
  if (env !== undefined) return { reason: env };
  const assigned = run.filter((m) => m.target !== undefined).length;
  if (assigned !== 0 && assigned !== run.length) return { reason: 'some results are assigned and some discarded: assign each (or none) first' };
  const operands = run.map((m) => m.awaitNode.namedChild(0)).filter((n): n is Node => n !== null);
  const first = run[0].statement;
  const last = run[run.length - 1].statement;
  const between: Node[] = [];
  for (let n: Node | null = first; n !== null; n = n.nextNamedSibling) {
    between.push(n);
    if (n.id === last.id) break;
  }
  return {
    plan: {
      calls: operands.map((o) => o.text),
      targets: assigned === 0 ? undefined : run.map((m) => m.target ?? '_'),
      start: first.startIndex,
      end: last.endIndex,
      indent: ctx.source.indentAt(first.startIndex),
      comments: commentsOutside(between, operands),
    },
  };
}
