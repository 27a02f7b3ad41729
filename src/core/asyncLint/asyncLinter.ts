/**
 * The sequential-await lint: parses a Python file (with sync function bodies emptied, see
 * syncBodies.ts), finds each `await`, hands every loop, comprehension and run of awaits to its
 * rule, and turns the verdicts into findings whose fixes are built and verified when first
 * read. Functions whose subtree has ERROR or MISSING nodes are skipped.
 */
import type { Node } from 'web-tree-sitter';
import { ProfileFirstError } from '../errors';
import type { SharingContext } from './callChecks';
import { judgeComprehension } from './comprehensionRule';
import { awaitStatement, consecutiveRuns, type AwaitStatement } from './consecutiveRule';
import { findingMessage } from './findingMessages';
import { consecutiveFix, loopFixes, type FixEnvironment, type FixOutcome } from './fixVariants';
import { judgeLoop } from './loopRule';
import { moduleFacts, type ModuleFacts } from './moduleFacts';
import { loadPythonParser, type PythonParser } from './pythonParser';
import type { RuleContext, Verdict } from './ruleContext';
import { applyEdits, SourceText } from './sourceText';
import { pruneSyncBodies, type PrunedText } from './syncBodies';
import { COMPREHENSIONS, hasAsyncKeyword, SCOPE_BOUNDARIES } from './syntaxTree';
import { isTestFile } from './testFiles';
import type { AsyncFinding, AsyncFix, AsyncLintOptions, AsyncRuleId, AwaitEvidence, TextEdit } from './types';

/** Code the rules looked at and chose not to report, with the hazard that made them (for tests and logs). */
export interface SilencedCode {
  readonly rule: AsyncRuleId;
  readonly line: number;
  readonly why: string;
}

/** Findings plus what was deliberately not reported. */
export interface AsyncLintReport {
  readonly findings: AsyncFinding[];
  readonly silenced: SilencedCode[];
}

/** A fix whose result does not parse: nothing was changed. */
export class FixRefusedError extends ProfileFirstError {}

const DEFAULT_LIMIT = 10;

/** Where an await sits: its async function, and the innermost loop or comprehension it repeats in. */
interface AwaitPlace {
  readonly fn?: Node;
  readonly construct?: Node;
}

/** Lints Python text for sequential awaits. Create once (loads WebAssembly), use for every file. */
export class AsyncLinter {
  private constructor(private readonly parser: PythonParser) {}

  /** Loads the parser (once per process) and returns a linter. */
  static async create(): Promise<AsyncLinter> {
    return new AsyncLinter(await loadPythonParser());
  }

  /** The findings of one file, sorted by position. */
  lint(text: string, options: AsyncLintOptions): AsyncFinding[] {
    return this.lintWithDetails(text, options).findings;
  }

  /** Findings, plus the loops and comprehensions left unreported on purpose. */
  lintWithDetails(text: string, options: AsyncLintOptions): AsyncLintReport {
    if (options.includeTests !== true && isTestFile(options.file)) return { findings: [], silenced: [] };
    // Every rule needs an `async def`; most Python files have none.
    if (!text.includes('async')) return { findings: [], silenced: [] };
    const pruned = pruneSyncBodies(text);
    if (pruned !== undefined) {
      const tree = this.parser.parse(pruned.text);
      try {
        // A syntax error anywhere: lint the whole file as written, so error recovery sees what the user sees.
        if (!tree.rootNode.hasError) {
          return new FileLint(this.parser, tree.rootNode, new SourceText(pruned.text), options, pruned.text === text ? undefined : pruned).run();
        }
      } finally {
        tree.delete();
      }
    }
    const tree = this.parser.parse(text);
    try {
      return new FileLint(this.parser, tree.rootNode, new SourceText(text), options, undefined).run();
    } finally {
      tree.delete();
    }
  }

  /**
   * Applies one fix and re-parses the whole result; throws FixRefusedError when the result has
   * more syntax errors than the original (a file that was already broken elsewhere may still be
   * fixed: the rewritten statement itself was verified when the fix was made).
   */
  applyFix(text: string, fix: AsyncFix): string {
    const next = applyEdits(text, fix.edits);
    if (!this.keepsSyntax(text, next)) throw new FixRefusedError(`the "${fix.variant}" rewrite would not parse, so the file was left unchanged.`);
    return next;
  }

  private keepsSyntax(before: string, after: string): boolean {
    const errors = this.parser.syntaxErrorCount(after);
    return errors === 0 || errors <= this.parser.syntaxErrorCount(before);
  }

  /** True when `text` parses without ERROR or MISSING nodes. */
  parsesCleanly(text: string): boolean {
    return this.parser.parsesCleanly(text);
  }

  /**
   * Applies every `gather` fix that passes all checks, one at a time (re-linting in between, so
   * `import asyncio` is added once and positions stay right), re-parsing each result.
   */
  fixAll(text: string, options: AsyncLintOptions): { text: string; fixed: number; remaining: AsyncFinding[] } {
    let current = text;
    let fixed = 0;
    for (let round = 0; round < 1000; round++) {
      let next: string | undefined;
      for (const f of this.lint(current, options)) {
        const fix = f.fixes.find((v) => v.variant === 'gather');
        if (fix === undefined) continue;
        const candidate = applyEdits(current, fix.edits);
        if (this.keepsSyntax(current, candidate)) {
          next = candidate;
          break;
        }
      }
      if (next === undefined) break;
      current = next;
      fixed++;
    }
    return { text: current, fixed, remaining: this.lint(current, options) };
  }
}

/** One file's lint run. */
class FileLint {
  private readonly facts: ModuleFacts;
  private readonly contexts = new Map<number, RuleContext | null>();
  private readonly safeNames: SharingContext['safeNames'] = new Map();
  private readonly importEdit: TextEdit | undefined;
  private readonly findings: AsyncFinding[] = [];
  private readonly silenced: SilencedCode[] = [];

  constructor(
    private readonly parser: PythonParser,
    private readonly root: Node,
    private readonly source: SourceText,
    private readonly options: AsyncLintOptions,
    /** Set when `source` is the file with sync bodies emptied: fix offsets are mapped back through it. */
    private readonly pruned: PrunedText | undefined,
  ) {
    this.facts = moduleFacts(root, source);
    const ins = this.facts.importInsertion;
    this.importEdit = this.facts.asyncioName === undefined ? source.edit(ins.offset, ins.offset, ins.text) : undefined;
  }

  /** How fixes inside `fn` are written; they are verified by re-parsing `fn` (the tree is gone by then). */
  private envFor(fn: Node): FixEnvironment {
    const importEdit = this.importEdit;
    const scope = { start: fn.startIndex, end: fn.endIndex };
    return {
      source: this.source,
      asyncio: this.facts.asyncioName ?? 'asyncio',
      importEdit,
      targetPython: this.options.targetPython,
      concurrencyLimit: this.options.concurrencyLimit ?? DEFAULT_LIMIT,
      verify: (edits) => verifyInScope(this.parser, this.source, scope, edits.filter((e) => e !== importEdit)),
    };
  }

  run(): AsyncLintReport {
    const groups = new Map<number, { construct: Node; ctx: RuleContext; awaits: Node[] }>();
    const statements = new Map<number, { ctx: RuleContext; list: AwaitStatement[] }>();
    for (const { awaitNode: a, place } of awaitPlaces(this.root, this.source.text)) {
      const ctx = place.fn === undefined ? null : this.contextFor(place.fn);
      if (ctx === null) continue;
      if (place.construct !== undefined) {
        const g = groups.get(place.construct.id) ?? { construct: place.construct, ctx, awaits: [] };
        g.awaits.push(a);
        groups.set(place.construct.id, g);
      }
      const st = this.options.evidence === undefined ? undefined : awaitStatement(a);
      if (st !== undefined) {
        const s = statements.get(ctx.fn.id) ?? { ctx, list: [] };
        s.list.push(st);
        statements.set(ctx.fn.id, s);
      }
    }
    for (const { construct, ctx, awaits } of groups.values()) {
      const rule: AsyncRuleId = construct.type === 'for_statement' ? 'PF101' : 'PF102';
      const verdict: Verdict = rule === 'PF101' ? judgeLoop(construct, awaits, ctx) : judgeComprehension(construct, awaits, ctx);
      this.report(rule, awaits[0], awaits, verdict, ctx);
    }
    for (const { ctx, list } of statements.values()) this.reportRuns(list, ctx);
    this.findings.sort((a, b) => a.line - b.line || a.column - b.column);
    this.silenced.sort((a, b) => a.line - b.line);
    return { findings: this.findings, silenced: this.silenced };
  }

  private contextFor(fn: Node): RuleContext | null {
    let ctx = this.contexts.get(fn.id);
    if (ctx === undefined) {
      const ok = hasAsyncKeyword(fn) && !fn.hasError;
      const sharing = { fn, facts: this.facts, concurrencySafe: this.options.concurrencySafe ?? [], safeNames: this.safeNames };
      ctx = ok ? { source: this.source, facts: this.facts, fn, sharing } : null;
      this.contexts.set(fn.id, ctx);
    }
    return ctx;
  }

  private report(rule: AsyncRuleId, at: Node, awaits: readonly Node[], verdict: Verdict, ctx: RuleContext): void {
    if (verdict.kind === 'silent') {
      this.silenced.push({ rule, line: at.startPosition.row + 1, why: verdict.why });
      return;
    }
    const evidence = strongest(awaits.map((a) => this.evidenceAt(a, true)));
    const outcome: FixOutcome = verdict.kind === 'fixable' ? loopFixes(verdict.plan, this.envFor(ctx.fn)) : { refused: verdict.reason };
    this.push(rule, at.startIndex, at.endIndex, outcome, evidence, 2);
  }

  private reportRuns(list: readonly AwaitStatement[], ctx: RuleContext): void {
    const { runs, silenced } = consecutiveRuns(list, (a) => this.evidenceAt(a, false), ctx);
    for (const s of silenced) this.silenced.push({ rule: 'PF103', line: s.statement.startPosition.row + 1, why: s.why });
    for (const run of runs) {
      const evidence: AwaitEvidence = {
        seconds: run.evidence.reduce((s, e) => s + e.seconds, 0),
        waitingShare: Math.min(1, run.evidence.reduce((s, e) => s + e.waitingShare, 0)),
      };
      const outcome: FixOutcome = 'plan' in run.outcome ? consecutiveFix(run.outcome.plan, this.envFor(ctx.fn)) : { refused: run.outcome.reason };
      const first = run.members[0].statement;
      const last = run.members[run.members.length - 1].statement;
      this.push('PF103', first.startIndex, last.endIndex, outcome, evidence, run.members.length);
    }
  }

  private push(rule: AsyncRuleId, start: number, end: number, outcome: FixOutcome, evidence: AwaitEvidence | undefined, count: number): void {
    const reason = 'refused' in outcome ? outcome.refused : undefined;
    const build = 'fixes' in outcome ? outcome.fixes : undefined;
    const pruned = this.pruned;
    let fixes: AsyncFix[] | undefined;
    this.findings.push({
      file: this.options.file,
      ...this.source.range(start, end),
      rule,
      message: findingMessage(rule, evidence, reason, count),
      severity: evidence === undefined ? 'information' : 'warning',
      fixable: reason === undefined,
      ...(reason === undefined ? {} : { notFixableReason: reason }),
      ...(evidence === undefined ? {} : { evidence }),
      get fixes(): AsyncFix[] {
        fixes ??= build === undefined ? [] : pruned === undefined ? build() : build().map((f) => inFile(f, pruned));
        return fixes;
      },
    });
  }

  /** Evidence for the await's line when it clears the thresholds (and, for loops, more than one call). */
  private evidenceAt(awaitNode: Node, repeated: boolean): AwaitEvidence | undefined {
    const lookup = this.options.evidence;
    if (lookup === undefined) return undefined;
    const e = lookup(this.options.file, awaitNode.startPosition.row + 1);
    if (e === undefined) return undefined;
    const minShare = this.options.minWaitingShare ?? 0.05;
    const minSeconds = this.options.minWaitingSeconds ?? 0.05;
    if (e.waitingShare < minShare || e.seconds < minSeconds) return undefined;
    if (repeated && e.calls !== undefined && e.calls < 2) return undefined;
    return e;
  }

}

/**
 * Re-parses the enclosing function (`scope`, from its `async def` to its end) with the edits
 * applied, dedented to column 0: the function parsed cleanly before, so an error now is the
 * rewrite's. Needs no tree, so it can run long after the lint, when the fix is first asked for.
 */
function verifyInScope(parser: PythonParser, source: SourceText, scope: { start: number; end: number }, edits: readonly TextEdit[]): boolean {
  if (edits.length === 0) return true;
  if (edits.some((e) => e.start < scope.start || e.end > scope.end)) return false;
  const local = edits.map((e) => ({ ...e, start: e.start - scope.start, end: e.end - scope.start }));
  const text = applyEdits(source.text.slice(scope.start, scope.end), local);
  const indent = source.indentAt(scope.start);
  const nl = source.newline;
  const dedented = text
    .split(/\r?\n/)
    .map((line, i) => (i > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join(nl);
  return parser.parsesCleanly(dedented + nl);
}

/** A fix computed on the pruned text, with its offsets moved to the file's (lines and columns are the same). */
function inFile(fix: AsyncFix, pruned: PrunedText): AsyncFix {
  const edits = fix.edits.map((e) => ({ ...e, start: pruned.toOriginal(e.range.line, e.range.column), end: pruned.toOriginal(e.range.endLine, e.range.endColumn) }));
  return { ...fix, edits };
}

const AWAIT_WORD = /\bawait\b/g;

/** Node types whose node `awaitPlaces` keeps while it descends (the rest it judges by type and field). */
const KEPT_ON_THE_WAY: ReadonlySet<string> = new Set(['function_definition', 'for_statement', 'for_in_clause', ...COMPREHENSIONS]);
/** Node types whose child's field name `placeOf` reads. */
const FIELD_READ_UNDER: ReadonlySet<string> = new Set(['function_definition', 'for_statement', 'for_in_clause']);

/**
 * Every `await` expression, in source order, with its place: the word found in the text, then
 * one descent of a cursor from the root to the token at it (a tree query over the whole file
 * cost more than the rules, and every `.parent` searches down from the root again: a module has
 * thousands of top-level statements). The descent sees each ancestor's type and field name on
 * the way. The word in a string, a comment or an identifier ends at some other token and is skipped.
 */
function awaitPlaces(root: Node, text: string): { awaitNode: Node; place: AwaitPlace }[] {
  const out: { awaitNode: Node; place: AwaitPlace }[] = [];
  const cursor = root.walk();
  try {
    AWAIT_WORD.lastIndex = 0;
    for (let m = AWAIT_WORD.exec(text); m !== null; m = AWAIT_WORD.exec(text)) {
      const at = m.index;
      cursor.reset(root);
      const path: Ancestor[] = [];
      let type = cursor.nodeType;
      let field: string | null = null;
      for (;;) {
        path.push({ type, field, node: KEPT_ON_THE_WAY.has(type) ? cursor.currentNode : undefined });
        if (!cursor.gotoFirstChildForIndex(at)) break;
        field = FIELD_READ_UNDER.has(type) ? cursor.currentFieldName : null;
        type = cursor.nodeType;
      }
      // The leaf is the `await` keyword when it starts at the word; its parent is the expression.
      if (type !== 'await' || path.length < 2 || path[path.length - 2].type !== 'await' || cursor.startIndex !== at) continue;
      cursor.gotoParent();
      out.push({ awaitNode: cursor.currentNode, place: placeOf(path, path.length - 2) });
    }
  } finally {
    cursor.delete();
  }
  return out;
}

/** One node on the way from the root to an await: its type, its field in its parent (only where read), its node (only where kept). */
interface Ancestor {
  readonly type: string;
  readonly field: string | null;
  readonly node: Node | undefined;
}

/** Finds the await's function and the innermost `for` body or comprehension it repeats in (`path[at]` is the await). */
function placeOf(path: readonly Ancestor[], at: number): AwaitPlace {
  let construct: Node | undefined;
  let blocked = false;
  let skipComprehension: number | undefined;
  for (let i = at - 1; i >= 0; i--) {
    const { type, node: p } = path[i];
    const childField = path[i + 1].field;
    if (SCOPE_BOUNDARIES.has(type)) {
      // Defaults, annotations and decorators run in the enclosing scope, not in the function.
      if (type === 'function_definition' && childField !== 'body') continue;
      return type === 'function_definition' ? { fn: p, construct: blocked ? undefined : construct } : {};
    }
    if (construct !== undefined || blocked) continue;
    if (type === 'while_statement') {
      blocked = true;
      continue;
    }
    if (p === undefined) continue;
    if (type === 'for_statement') {
      // An await in the iterable or the else: clause runs once, for the enclosing code.
      if (hasAsyncKeyword(p)) blocked = true;
      else if (childField === 'body') construct = p;
    } else if (type === 'for_in_clause') {
      // The first clause's iterable is evaluated in the enclosing scope, once.
      const comp = i > 0 ? (path[i - 1].node ?? p.parent) : null;
      if (comp !== null && childField === 'right' && comp.namedChildren.find((c) => c.type === 'for_in_clause')?.id === p.id) skipComprehension = comp.id;
    } else if (COMPREHENSIONS.has(type) && p.id !== skipComprehension) {
      construct = p;
    }
  }
  return {};
}

function strongest(list: readonly (AwaitEvidence | undefined)[]): AwaitEvidence | undefined {
  let best: AwaitEvidence | undefined;
  for (const e of list) if (e !== undefined && (best === undefined || e.seconds > best.seconds)) best = e;
  return best;
}
