/**
 * The async fixture corpus (test/fixtures/async): one Python file per checklist line, positive
 * or negative, with its expected findings (NAME.expected.json) and, when fixable, the expected
 * rewritten text (NAME.fixed.py for every gather fix applied, NAME.semaphore.py and
 * NAME.taskgroup.py for those variants of the first fixable finding).
 * `PROFILE_FIRST_UPDATE_CORPUS=1` makes the corpus test rewrite these files instead of comparing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, type AsyncFinding, type AsyncLinter, type AsyncLintOptions, type AwaitEvidence, type SilencedCode } from '../../../src/core/asyncLint';

export const CORPUS_DIR = join(__dirname, '..', '..', 'fixtures', 'async');
/** Helper modules the fixtures import (fake I/O, httpx/aiohttp stand-ins); on PYTHONPATH when they run. */
export const SUPPORT_DIR = join(CORPUS_DIR, '_support');

/** Per-case options, as written in NAME.expected.json. */
export interface CaseOptionsJson {
  readonly targetPython?: string;
  readonly concurrencySafe?: string[];
  /** Evidence for the first line containing `at`. */
  readonly evidence?: { at: string; seconds: number; waitingShare: number; calls?: number }[];
}

/** The parts of a finding the corpus pins down. */
export interface ExpectedFinding {
  readonly rule: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: string;
  readonly fixable: boolean;
  readonly message: string;
  readonly variants: string[];
  readonly preferred?: string;
}

export interface ExpectedCase {
  readonly options?: CaseOptionsJson;
  readonly findings: ExpectedFinding[];
  readonly silenced: SilencedCode[];
}

/** What line 1 of a fixture promises: `# expect: PF101 fixable`, `# expect: PF102 not fixable`, `# expect: nothing`. */
export interface HeaderExpectation {
  readonly rule?: string;
  readonly kind: 'fixable' | 'not fixable' | 'nothing';
  /** Line 2 onwards of the header comment: the checklist line or hazard the case guards. */
  readonly guards: string;
}

/** Case names (file names without .py), sorted. */
export function listCases(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.py') && !/\.(fixed|semaphore|taskgroup)\.py$/.test(f))
    .map((f) => f.slice(0, -3))
    .sort();
}

export function readCase(name: string): { text: string; json: Partial<ExpectedCase> } {
  const text = readFileSync(join(CORPUS_DIR, `${name}.py`), 'utf8');
  const jsonPath = join(CORPUS_DIR, `${name}.expected.json`);
  const json = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as Partial<ExpectedCase>) : {};
  return { text, json };
}

export function header(text: string): HeaderExpectation {
  const lines = text.split('\n');
  const m = /^# expect: (?:(PF10[123]) (fixable|not fixable)|(nothing))\s*$/.exec(lines[0]);
  if (m === null) throw new Error(`line 1 must be "# expect: PF10x fixable|not fixable" or "# expect: nothing", not: ${lines[0]}`);
  const guards = lines
    .slice(1)
    .filter((l, i, all) => l.startsWith('#') && all.slice(0, i).every((p) => p.startsWith('#')))
    .map((l) => l.replace(/^#\s?/, ''))
    .join(' ');
  return m[3] === 'nothing' ? { kind: 'nothing', guards } : { rule: m[1], kind: m[2] as 'fixable' | 'not fixable', guards };
}

export function lintOptions(name: string, text: string, json: CaseOptionsJson | undefined): AsyncLintOptions {
  const evidence = new Map<number, AwaitEvidence>();
  const lines = text.split('\n');
  for (const e of json?.evidence ?? []) {
    const i = lines.findIndex((l) => l.includes(e.at));
    if (i < 0) throw new Error(`${name}: evidence "at" text not found: ${e.at}`);
    evidence.set(i + 1, { seconds: e.seconds, waitingShare: e.waitingShare, ...(e.calls === undefined ? {} : { calls: e.calls }) });
  }
  const [major, minor] = (json?.targetPython ?? '').split('.').map(Number);
  return {
    file: `test/fixtures/async/${name}.py`,
    ...(json?.targetPython === undefined ? {} : { targetPython: { major, minor } }),
    ...(json?.concurrencySafe === undefined ? {} : { concurrencySafe: json.concurrencySafe }),
    ...(evidence.size === 0 ? {} : { evidence: (_file: string, line: number) => evidence.get(line) }),
  };
}

export function expectedFinding(f: AsyncFinding): ExpectedFinding {
  const preferred = f.fixes.find((x) => x.preferred)?.variant;
  return {
    rule: f.rule,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    severity: f.severity,
    fixable: f.fixable,
    message: f.message,
    variants: f.fixes.map((x) => x.variant),
    ...(preferred === undefined ? {} : { preferred }),
  };
}

/** The rewritten texts of a case, by file suffix: `fixed` (every gather fix), `semaphore`, `taskgroup`. */
export function rewrittenTexts(linter: AsyncLinter, text: string, options: AsyncLintOptions, findings: readonly AsyncFinding[]): Map<string, string> {
  const out = new Map<string, string>();
  const first = findings.find((f) => f.fixable);
  if (first === undefined) return out;
  out.set('fixed', linter.fixAll(text, options).text);
  for (const variant of ['semaphore', 'taskgroup'] as const) {
    const fix = first.fixes.find((x) => x.variant === variant);
    if (fix !== undefined) out.set(variant, applyEdits(text, fix.edits));
  }
  return out;
}
