import { readFile, stat } from 'node:fs/promises';

/**
 * The await timer's results, `<profile>.awaits.json`, written by the profiled program itself
 * (python/await_timing/profile_first_await_timing/timer.py). py-spy cannot see a suspended
 * coroutine (it samples thread stacks; a waiting coroutine has none), so this file is the only
 * record of where an asyncio program waited and how often.
 */

/** Suffix appended to a profile's path to name its await timings. */
export const AWAITS_SUFFIX = '.awaits.json';

/** One line that was suspended in an await (it or a call under it was waiting). */
export interface AwaitSite {
  /** The path as the program saw it (`co_filename`), possibly from another machine. */
  readonly file: string;
  /** 1-based line of the awaiting statement. */
  readonly line: number;
  /** Wall-clock seconds tasks spent suspended at this line, summed over tasks (may exceed the run). */
  readonly seconds: number;
  /** How many distinct awaits suspended here (a new awaited object each time). */
  readonly calls: number;
}

/** A whole awaits file. */
export interface AwaitTimings {
  /** Python version of the program, e.g. "3.11.7". */
  readonly python: string;
  /** Seconds from the timer's start (interpreter start-up) to the write. */
  readonly wallSec: number;
  readonly sites: readonly AwaitSite[];
  /** Written while the program ran (it was stopped before it could write at exit): the last second may be missing. */
  readonly partial: boolean;
  /** The timer switched itself off after this error; sites cover the run up to it. */
  readonly error?: string;
}

/** A file that is not a usable awaits file, with the reason (for the log). */
export interface AwaitsProblem {
  readonly problem: string;
}

/** The awaits file of a profile. */
export function awaitsPath(profilePath: string): string {
  return profilePath + AWAITS_SUFFIX;
}

/** The timer keeps at most 20,000 sites; anything bigger than this is not ours. */
const MAX_AWAITS_BYTES = 16 * 1024 * 1024;

/** Validates an awaits file's text: version 1, a positive wallSec, and sites of the right types (bad sites make the whole file unusable). */
export function parseAwaitTimings(text: string): AwaitTimings | AwaitsProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not JSON (the program may have been stopped while writing it)' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not a JSON object' };
  const o = value as Record<string, unknown>;
  if (o.version !== 1) return { problem: `version ${JSON.stringify(o.version)} is not supported (expected 1)` };
  if (!isFiniteNumber(o.wallSec) || o.wallSec <= 0) return { problem: '"wallSec" is not a positive number' };
  if (!Array.isArray(o.sites)) return { problem: '"sites" is not a list' };
  const sites: AwaitSite[] = [];
  for (const [i, s] of o.sites.entries()) {
    const site = s as Partial<Record<keyof AwaitSite, unknown>> | null;
    if (typeof site !== 'object' || site === null) return { problem: `site ${i} is not an object` };
    const { file, line, seconds, calls } = site;
    if (typeof file !== 'string' || file === '') return { problem: `site ${i}: "file" is not a path` };
    if (!isWhole(line) || line < 1) return { problem: `site ${i}: "line" is not a line number` };
    if (!isFiniteNumber(seconds) || seconds < 0) return { problem: `site ${i}: "seconds" is not a number ≥ 0` };
    if (!isWhole(calls) || calls < 0) return { problem: `site ${i}: "calls" is not a count` };
    sites.push({ file, line, seconds, calls });
  }
  return {
    python: typeof o.python === 'string' ? o.python : '',
    wallSec: o.wallSec,
    sites,
    partial: o.partial === true,
    ...(typeof o.error === 'string' && { error: o.error }),
  };
}

/**
 * The awaits file beside `profilePath`: undefined when there is none; a problem when it
 * exists but cannot be used (never an exception: a bad file must not block the profile).
 */
export async function readAwaitTimings(profilePath: string): Promise<AwaitTimings | AwaitsProblem | undefined> {
  const file = awaitsPath(profilePath);
  try {
    const info = await stat(file);
    if (!info.isFile()) return { problem: 'not a regular file' };
    if (info.size > MAX_AWAITS_BYTES) return { problem: `${info.size} bytes is too large for an awaits file` };
    return parseAwaitTimings(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { problem: (err as Error).message };
  }
}

/** True for a usable result of parseAwaitTimings / readAwaitTimings. */
export function isAwaitTimings(r: AwaitTimings | AwaitsProblem | undefined): r is AwaitTimings {
  return r !== undefined && !('problem' in r);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isWhole(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
