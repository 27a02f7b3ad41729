import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Wall time and peak RSS of a whole process: GNU time (`/usr/bin/time -v`, Debian package
 * `time`) reports the child's maximum resident set size, which Node cannot see for a child.
 * Wall time is taken here around the spawn, at sub-millisecond resolution (time's own is 10 ms,
 * too coarse next to `wc -l` on a cached file).
 */

export const GNU_TIME = '/usr/bin/time';

/** One measured run. */
export interface ProcessRun {
  readonly wallMs: number;
  /** Peak RSS in bytes; NaN when GNU time is not installed. */
  readonly maxRssBytes: number;
}

/** True when GNU time is there to measure peak RSS. */
export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** Runs `command args` once (stdout discarded), failing loudly if it does not exit 0. */
export function measureProcess(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): ProcessRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'pf-bench-time-'));
  const statsFile = path.join(dir, 'time.txt');
  try {
    const withTime = hasGnuTime();
    const [cmd, argv] = withTime ? [GNU_TIME, ['-v', '-o', statsFile, command, ...args]] : [command, [...args]];
    const started = performance.now();
    const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: env ?? process.env, maxBuffer: 16 * 1024 * 1024 });
    const wallMs = performance.now() - started;
    if (r.error !== undefined || r.status !== 0) {
      const why = r.error?.message ?? `exit status ${r.status}: ${r.stderr.toString().trim().split('\n').slice(-3).join(' | ')}`;
      throw new Error(`${command} ${args.join(' ')} failed: ${why}`);
    }
    return { wallMs, maxRssBytes: withTime ? readMaxRss(statsFile) : NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readMaxRss(statsFile: string): number {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(statsFile, 'utf8'));
  return match === null ? NaN : Number(match[1]) * 1024;
}

/** Median wall time and median peak RSS over `runs` runs (after one unmeasured warm-up that also fills the page cache). */
export function medianProcess(command: string, args: readonly string[], runs: number, env?: NodeJS.ProcessEnv): ProcessRun {
  measureProcess(command, args, env);
  const all: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) all.push(measureProcess(command, args, env));
  return { wallMs: median(all.map((r) => r.wallMs)), maxRssBytes: median(all.map((r) => r.maxRssBytes)) };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Megabytes (10^6 bytes), the unit the RSS rows use. */
export function mb(bytes: number): number {
  return bytes / 1e6;
}
