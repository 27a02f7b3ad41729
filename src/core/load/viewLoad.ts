import { withoutAwaitTimerFrames } from '../awaitTiming/timerFrames';
import { allocationCountProfile, type MemoryMode, type MemoryProfile } from '../formats/memrayModel';
import { readProfileFile } from '../formats/readProfileFile';
import { aggregateLinesAndFunctions, type LinesAndFunctions } from '../model/aggregate';
import { buildFlameGraphData } from '../model/callTree';
import type { FlameGraphData } from '../model/flameTree';
import type { Profile } from '../model/profile';

/**
 * Reading a profile file for the panel: parse, then build the pruned flame graph. The same
 * function runs on the extension host's thread (small files) and in the parse worker
 * (profileLoadWorker.ts), so both give the same result. Everything in a request is plain data:
 * it is posted to the worker.
 */
export interface ViewLoadRequest {
  readonly path: string;
  readonly title: string;
  /** Frames narrower than this percentage are folded (the profileFirst.flameGraph setting). */
  readonly minFramePercent: number;
  /** memray exports: which memory to read (peak or leaks). */
  readonly memoryMode: MemoryMode;
  /** memray captures: whether the interpreter a sidecar names may be run (trusted workspaces only). */
  readonly useRecordedInterpreter: boolean;
  /** Show memory profiles weighted by allocation count instead of bytes. */
  readonly countAllocations: boolean;
}

/** The parsed profile, the tree the panel draws and the line and function totals the editor shows. */
export interface ViewLoad {
  readonly profile: Profile;
  readonly data: FlameGraphData;
  /**
   * Of the whole profile, computed where it was read: at 10^6 stacks this pass takes about half
   * a second, which the parse worker takes off the extension host's thread.
   */
  readonly aggregates: LinesAndFunctions;
}

/** Reads the file and builds its flame graph data. Errors are those of readProfileFile. */
export async function loadForView(req: ViewLoadRequest): Promise<ViewLoad> {
  const read = await readProfileFile(req.path, { memoryMode: req.memoryMode, memray: { useRecordedInterpreter: req.useRecordedInterpreter } });
  const profile = profileForView(read, req.countAllocations);
  return {
    profile,
    data: buildFlameGraphData(profile, { title: req.title, minFramePercent: req.minFramePercent }),
    aggregates: aggregateLinesAndFunctions(profile),
  };
}

/**
 * The profile as the views show it: without the await timer's own frames (they sit between the
 * event loop and each coroutine and are not the user's code), by allocation count when asked.
 */
export function profileForView(read: Profile, countAllocations: boolean): Profile {
  const profile = read.meta.kind === 'cpu' ? withoutAwaitTimerFrames(read) : read;
  return countAllocations && isMemoryProfile(profile) ? byAllocationCount(profile) : profile;
}

/** memray profiles carry allocation counts beside their bytes. */
export function isMemoryProfile(p: Profile): p is MemoryProfile {
  return p.meta.tool === 'memray' && Array.isArray((p as Partial<MemoryProfile>).allocations);
}

/** The peak's stacks weighted by allocation count; the unit is a count, never shown as bytes. */
export function byAllocationCount(p: MemoryProfile): Profile {
  const counted = allocationCountProfile(p);
  return { ...counted, meta: { ...counted.meta, unit: 'samples', sampleRate: undefined, details: { ...counted.meta.details, weight: 'allocations' } } };
}
