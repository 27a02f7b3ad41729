/**
 * Await timings → the lint's evidence: for each awaiting line, the seconds it waited, that
 * time as a share of the run, and how many awaits it made. Paths are mapped to the files the
 * lint is given (the program may have run elsewhere: a container, another checkout).
 */
import { isLibraryPath } from '../editor/libraryPath';
import type { AwaitEvidenceLookup } from '../asyncLint/types';
import type { AwaitSite, AwaitTimings } from './awaitsFile';

/** How to match recorded paths and what the run lasted. */
export interface AwaitEvidenceOptions {
  /** The local path of a recorded path (pathMapper), undefined when it maps to nothing; default: as recorded. */
  readonly localPath?: (recorded: string) => string | undefined;
  /**
   * Seconds the recording covered (the sidecar's duration). Used instead of the timer's wall
   * time when that is shorter and the file is a snapshot (the program was stopped): a share
   * of a truncated run would be too large.
   */
  readonly recordingSec?: number;
}

/** The run's length the shares are taken of. */
export function runSeconds(timings: AwaitTimings, recordingSec?: number): number {
  return timings.partial && recordingSec !== undefined && recordingSec > timings.wallSec ? recordingSec : timings.wallSec;
}

/** A lookup by (local file, line); the lint applies its own thresholds (5 % and 50 ms by default). */
export function awaitEvidenceLookup(timings: AwaitTimings, options: AwaitEvidenceOptions = {}): AwaitEvidenceLookup {
  const wall = runSeconds(timings, options.recordingSec);
  const byLine = new Map<string, AwaitSite>();
  const local = new Map<string, string | undefined>();
  for (const site of timings.sites) {
    let file = local.get(site.file);
    if (!local.has(site.file)) {
      file = options.localPath === undefined ? site.file : options.localPath(site.file);
      local.set(site.file, file);
    }
    if (file === undefined) continue;
    const key = `${file}\u0000${site.line}`;
    const seen = byLine.get(key);
    // Two recorded paths on one local file (two checkouts): the larger wait speaks for the line.
    if (seen === undefined || site.seconds > seen.seconds) byLine.set(key, site);
  }
  return (file, line) => {
    const site = byLine.get(`${file}\u0000${line}`);
    if (site === undefined) return undefined;
    // Concurrent tasks waiting at one line add up beyond the run; a share is at most the whole run.
    return { seconds: site.seconds, waitingShare: Math.min(1, site.seconds / wall), calls: site.calls };
  };
}

/** The program's own sites (not the standard library's or site-packages'), longest wait first. */
export function topAwaitSites(timings: AwaitTimings, limit: number): AwaitSite[] {
  return timings.sites
    .filter((s) => !isLibraryPath(s.file) && !s.file.startsWith('<'))
    .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file) || a.line - b.line)
    .slice(0, limit);
}
