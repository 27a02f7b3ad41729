/**
 * What a memray capture becomes in the model: a memory Profile in bytes (one per view: the
 * memory held at the peak, or still held when tracking ended), the number of allocations
 * behind each stack, memory over time, and memray's metadata. Produced by memrayExport.ts
 * from python/memray_export.py's JSON; read by the host's panel, chart and line hints.
 */
import { aggregateLines, type LineStat } from '../model/aggregate';
import type { Profile } from '../model/profile';

/** Which memory a profile's bytes are: held at the high-water mark, or never freed ("leaks"). */
export type MemoryMode = 'peak' | 'leaks';

/** A memray profile: `weights` are bytes; `allocations[i]` counts the allocations behind stacks[i]. */
export interface MemoryProfile extends Profile {
  /** Parallel to `stacks` and `weights`: how many allocations make up each stack's bytes. */
  readonly allocations: readonly number[];
}

/** One sample of the process's memory over time (memray records one about every 10 ms, downsampled). */
export interface MemorySnapshot {
  /** Milliseconds since the capture started (metadata start time; else the first snapshot). */
  readonly timeMs: number;
  /** Resident set size of the process, in bytes. */
  readonly rss: number;
  /** Bytes allocated and not yet freed that memray had seen at that moment. */
  readonly heap: number;
}

/** memray's own facts about a capture (its metadata). */
export interface MemrayCaptureInfo {
  /** The memray version that read the capture (the same one that can read it: the writer's). */
  readonly memrayVersion: string;
  readonly commandLine: string;
  readonly pid: number;
  /** Bytes at the high-water mark. */
  readonly peakMemory: number;
  /** Allocation events recorded (aggregated captures: aggregated records read). */
  readonly totalAllocations: number;
  /** ISO 8601, or undefined when memray gave none. */
  readonly startTime?: string;
  readonly endTime?: string;
  /** `pymalloc`, `malloc`, `mimalloc`, … (memray's Metadata.python_allocator). */
  readonly pythonAllocator: string;
  readonly nativeTraces: boolean;
  readonly tracePythonAllocators: boolean;
  /** `aggregated` captures (memray run --aggregate) have no per-allocation history. */
  readonly fileFormat: 'all' | 'aggregated';
}

/** Everything read from one memray capture. */
export interface MemrayCapture {
  /** The capture (or export) file, as given. */
  readonly file: string;
  readonly info: MemrayCaptureInfo;
  /** Memory held at the peak; present when the export asked for it. */
  readonly peak?: MemoryProfile;
  /** Memory still held when tracking ended; present when the export asked for it. */
  readonly leaks?: MemoryProfile;
  /**
   * True when leaks come from a PYTHONMALLOC=malloc run: with pymalloc, freed small objects
   * stay in pymalloc's arenas and can show as leaks (memray's documentation), so the panel
   * offers a re-run with malloc when this is false.
   */
  readonly leaksExact?: boolean;
  /** Memory over time, in time order (may be empty). */
  readonly snapshots: readonly MemorySnapshot[];
  /** Things the views should say (aggregated capture, inexact leaks, unfinished capture …). */
  readonly warnings: readonly string[];
}

/** The same stacks weighted by allocation count instead of bytes (for aggregateLines and friends). */
export function allocationCountProfile(profile: MemoryProfile): Profile {
  return { meta: profile.meta, frames: profile.frames, stacks: profile.stacks, weights: profile.allocations };
}

/**
 * Allocation counts per line, with the same rules as aggregateLines on bytes: `self` counts
 * allocations whose innermost frame is on the line, `total` those with the line anywhere on
 * the stack (once per stack). For hints like `48.2 MiB at peak · 1,204 allocs`.
 */
export function aggregateLineAllocations(profile: MemoryProfile): LineStat[] {
  return aggregateLines(allocationCountProfile(profile));
}

/** Index of the snapshot with the most heap (the peak, for the chart's marker); -1 when there are none. */
export function peakSnapshotIndex(snapshots: readonly MemorySnapshot[]): number {
  // Captures whose heap column is all zero (memray fills heap from its own tracking; a
  // capture with no allocation yet reads 0) fall back to the largest RSS.
  const useHeap = snapshots.some((s) => s.heap > 0);
  let best = -1;
  snapshots.forEach((s, i) => {
    const v = useHeap ? s.heap : s.rss;
    if (best < 0 || v > (useHeap ? snapshots[best].heap : snapshots[best].rss)) best = i;
  });
  return best;
}
