/**
 * Plain data of the sequential-await lint: findings, fixes, text edits and options.
 * Positions are 1-based lines and columns counted in UTF-16 code units (what JavaScript strings
 * and VS Code's `Position.character` count); offsets are indices into the JavaScript string.
 */

/** Rule ids of the CLI contract (shared/DESIGN.md). */
export type AsyncRuleId = 'PF101' | 'PF102' | 'PF103';

/** 'information' until a profile shows the awaits waiting; then 'warning'. */
export type FindingSeverity = 'information' | 'warning';

/** A 1-based line/column range; the end is exclusive (one past the last character). */
export interface SourceRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** One replacement in the original text: `[start, end)` offsets plus the same span as a range. */
export interface TextEdit {
  /** Offset of the first replaced UTF-16 code unit. */
  readonly start: number;
  /** Offset one past the last replaced code unit (equal to `start` for an insertion). */
  readonly end: number;
  readonly range: SourceRange;
  readonly newText: string;
}

/** Which rewrite a fix performs. */
export type FixVariant = 'gather' | 'semaphore' | 'taskgroup';

/** One rewrite of a finding. All edits apply to the original text together and never overlap. */
export interface AsyncFix {
  readonly variant: FixVariant;
  /** One line for the light bulb menu: what changes and the main caveat. */
  readonly title: string;
  /** The full caveats (failures, ordering of side effects, contextvars, limits), for a hover or preview. */
  readonly detail: string;
  /** The variant to show first (Semaphore when the number of items is unknown or large). */
  readonly preferred: boolean;
  /** Sorted by `start`, non-overlapping. */
  readonly edits: readonly TextEdit[];
}

/** Profile evidence for one awaited call. */
export interface AwaitEvidence {
  /** Seconds the program spent waiting at this awaited call, summed over all iterations. */
  readonly seconds: number;
  /** That waiting time as a share of the run's wall time, from 0 to 1. */
  readonly waitingShare: number;
  /** How many times the call was awaited, when known (a single await gains nothing). */
  readonly calls?: number;
}

/**
 * Looks up evidence for the awaited call starting at `line` (1-based) of `file` (the `file`
 * given in LintOptions). Undefined: the profile says nothing about that line.
 */
export type AwaitEvidenceLookup = (file: string, line: number) => AwaitEvidence | undefined;

/** A Python version, e.g. { major: 3, minor: 11 }. */
export interface PythonVersion {
  readonly major: number;
  readonly minor: number;
}

/** What the lint needs besides the text. */
export interface AsyncLintOptions {
  /** The file's path as the caller wants it reported; also decides whether it is a test file. */
  readonly file: string;
  /** Lint test files too (`test_*.py`, `*_test.py`, `tests/`, `conftest.py`); default false. */
  readonly includeTests?: boolean;
  /** The project's Python; `asyncio.TaskGroup` is offered only for 3.11 and later. Unknown: not offered. */
  readonly targetPython?: PythonVersion;
  /**
   * Class names (e.g. `LocalHttpClient`, `mylib.Client`) whose instances may be shared by
   * concurrent calls, or receiver expressions (e.g. `self.http`). Adds to httpx.AsyncClient,
   * aiohttp.ClientSession and classes marked `# profile-first: concurrency-safe`.
   */
  readonly concurrencySafe?: readonly string[];
  /** `n` of the bounded variant's `asyncio.Semaphore(n)`; default 10. */
  readonly concurrencyLimit?: number;
  /** Profile evidence; without it PF103 stays silent and every finding is 'information'. */
  readonly evidence?: AwaitEvidenceLookup;
  /** Evidence below these is ignored; defaults 0.05 (5 % of the run) and 0.05 s. */
  readonly minWaitingShare?: number;
  readonly minWaitingSeconds?: number;
}

/** One sequential-await finding. */
export interface AsyncFinding extends SourceRange {
  readonly file: string;
  readonly rule: AsyncRuleId;
  readonly message: string;
  readonly severity: FindingSeverity;
  /**
   * True when the code passed every check of the safety checklist, so a `gather` rewrite is
   * offered. The rewrite is built and re-parsed when `fixes` is first read.
   */
  readonly fixable: boolean;
  /** Why no fix is offered, for the hover (set exactly when `fixable` is false). */
  readonly notFixableReason?: string;
  /** The evidence that raised the severity, when there was any. */
  readonly evidence?: AwaitEvidence;
  /**
   * Variants in the order gather, semaphore, taskgroup; empty when not fixable, or when the
   * rewrite did not re-parse (which the checks make a generator bug). Computed on first read.
   */
  readonly fixes: readonly AsyncFix[];
}

/** The JSON object of one finding in `profile-first lint --json` (the CLI contract). */
export interface AsyncFindingJson {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly rule: AsyncRuleId;
  readonly message: string;
  readonly fixable: boolean;
}

/** Keeps exactly the contract's keys of a finding, in the contract's order. */
export function findingToJson(f: AsyncFinding): AsyncFindingJson {
  return {
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    rule: f.rule,
    message: f.message,
    fixable: f.fixable,
  };
}
