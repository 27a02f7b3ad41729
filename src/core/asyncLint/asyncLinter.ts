/**
 * The sequential-await lint: parses a Python file, finds each `await` with one tree query,
 * hands every loop, comprehension and run of awaits to its rule, and turns the verdicts into
 * findings with verified fixes. Functions whose subtree has ERROR or MISSING nodes are skipped.
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
import { COMPREHENSIONS, hasAsyncKeyword, isField, isStatement, SCOPE_BOUNDARIES } from './syntaxTree';
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
    const tree = this.parser.parse(text);
    try {
      return new FileLint(this.parser, tree.rootNode, new SourceText(text), options).run();
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
  private readonly fixEnv: FixEnvironment;
  private readonly findings: AsyncFinding[] = [];
  private readonly silenced: SilencedCode[] = [];

  constructor(
    private readonly parser: PythonParser,
    private readonly root: Node,
    private readonly source: SourceText,
    private readonly options: AsyncLintOptions,
  ) {
    this.facts = moduleFacts(root, source);
    const ins = this.facts.importInsertion;
    const importEdit = this.facts.asyncioName === undefined ? source.edit(ins.offset, ins.offset, ins.text) : undefined;
    this.fixEnv = {
      source,
      asyncio: this.facts.asyncioName ?? 'asyncio',
      importEdit,
      targetPython: options.targetPython,
      concurrencyLimit: options.concurrencyLimit ?? DEFAULT_LIMIT,
      verify: (edits) => this.verify(edits.filter((e) => e !== importEdit)),
    };
  }

  run(): AsyncLintReport {
    const groups = new Map<number, { construct: Node; ctx: RuleContext; awaits: Node[] }>();
    const statements = new Map<number, { ctx: RuleContext; list: AwaitStatement[] }>();
    for (const a of this.parser.awaits(this.root)) {
      const place = locate(a);
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
      this.report(rule, awaits[0], awaits, verdict);
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

  private report(rule: AsyncRuleId, at: Node, awaits: readonly Node[], verdict: Verdict): void {
    if (verdict.kind === 'silent') {
      this.silenced.push({ rule, line: at.startPosition.row + 1, why: verdict.why });
      return;
    }
    const evidence = strongest(awaits.map((a) => this.evidenceAt(a, true)));
    const outcome: FixOutcome = verdict.kind === 'fixable' ? loopFixes(verdict.plan, this.fixEnv) : { refused: verdict.reason };
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
      const outcome: FixOutcome = 'plan' in run.outcome ? consecutiveFix(run.outcome.plan, this.fixEnv) : { refused: run.outcome.reason };
      const first = run.members[0].statement;
      const last = run.members[run.members.length - 1].statement;
      this.push('PF103', first.startIndex, last.endIndex, outcome, evidence, run.members.length);
    }
  }

  private push(rule: AsyncRuleId, start: number, end: number, outcome: FixOutcome, evidence: AwaitEvidence | undefined, count: number): void {
    const reason = 'refused' in outcome ? outcome.refused : undefined;
    this.findings.push({
      file: this.options.file,
      ...this.source.range(start, end),
      rule,
      message: findingMessage(rule, evidence, reason, count),
      severity: evidence === undefined ? 'information' : 'warning',
      fixable: reason === undefined,
      ...(reason === undefined ? {} : { notFixableReason: reason }),
      ...(evidence === undefined ? {} : { evidence }),
      fixes: 'fixes' in outcome ? outcome.fixes : [],
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

  /**
   * Re-parses the smallest statement that holds every edit, with the edits applied, inside a
   * throw-away `async def`: cheap enough to verify every variant of every finding.
   */
  private verify(edits: readonly TextEdit[]): boolean {
    if (edits.length === 0) return true;
    const from = Math.min(...edits.map((e) => e.start));
    const to = Math.max(...edits.map((e) => e.end));
    const span = coveringStatements(this.root, from, to);
    if (span === undefined) return false;
    const s = span.start;
    const local = edits.map((e) => ({ ...e, start: e.start - s, end: e.end - s }));
    const text = applyEdits(this.source.text.slice(s, span.end), local);
    const indent = this.source.indentAt(s);
    const nl = this.source.newline;
    const body = text
      .split(/\r?\n/)
      .map((line) => `    ${line.startsWith(indent) ? line.slice(indent.length) : line}`)
      .join(nl);
    return this.parser.parsesCleanly(`async def _profile_first_verify():${nl}${body}${nl}`);
  }
}

/**
 * The smallest run of whole statements holding `[from, to)`: sibling statements of one block
 * when the range spans several (`X = []` plus the loop), else the innermost enclosing statement.
 */
function coveringStatements(root: Node, from: number, to: number): { start: number; end: number } | undefined {
  let node: Node | null = root.descendantForIndex(from, Math.max(from, to - 1));
  while (node !== null) {
    if (node.type === 'block' || node.type === 'module') {
      const inside = node.namedChildren.filter((c) => c.type !== 'comment' && c.endIndex > from && c.startIndex < to);
      if (inside.length > 0 && inside[0].startIndex <= from && inside[inside.length - 1].endIndex >= to) {
        return { start: inside[0].startIndex, end: inside[inside.length - 1].endIndex };
      }
    } else if (isStatement(node) && node.startIndex <= from && node.endIndex >= to) {
      return { start: node.startIndex, end: node.endIndex };
    }
    node = node.parent;
  }
  return undefined;
}

/** Finds the await's function and the innermost `for` body or comprehension it repeats in. */
function locate(awaitNode: Node): AwaitPlace {
  let child = awaitNode;
  let construct: Node | undefined;
  let blocked = false;
  let skipComprehension: number | undefined;
  for (let p = awaitNode.parent; p !== null; child = p, p = p.parent) {
    if (SCOPE_BOUNDARIES.has(p.type)) {
      // Defaults, annotations and decorators run in the enclosing scope, not in the function.
      if (p.type === 'function_definition' && !isField(p, 'body', child)) continue;
      return p.type === 'function_definition' ? { fn: p, construct: blocked ? undefined : construct } : {};
    }
    if (construct !== undefined || blocked) continue;
    if (p.type === 'for_statement') {
      // An await in the iterable or the else: clause runs once, for the enclosing code.
      if (hasAsyncKeyword(p)) blocked = true;
      else if (isField(p, 'body', child)) construct = p;
    } else if (p.type === 'while_statement') {
      blocked = true;
    } else if (p.type === 'for_in_clause') {
      // The first clause's iterable is evaluated in the enclosing scope, once.
      const comp = p.parent;
      if (comp !== null && isField(p, 'right', child) && comp.namedChildren.find((c) => c.type === 'for_in_clause')?.id === p.id) skipComprehension = comp.id;
    } else if (COMPREHENSIONS.has(p.type) && p.id !== skipComprehension) {
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
