/**
 * The wording of memory profiles on the flame graph page: what the bytes are (peak or leaks),
 * allocation counts, and what an empty profile means. Numbers go through units.ts.
 */
import type { FlameGraphData, MemoryViewMode } from '../model/flameTree';
import { formatBytes } from '../model/units';
import { formatCount } from './describeWeight';

/** The note shown in leaks mode when the capture ran with pymalloc. */
export const LEAKS_INEXACT_NOTE =
  'Leak numbers may include memory pymalloc keeps for reuse; re-run with PYTHONMALLOC=malloc for exact results.';

/** The text shown instead of the chart when a capture has fewer than two snapshots. */
export const NO_SNAPSHOTS_TEXT = 'No memory snapshots in this capture.';

/** A mode's button label: `Peak`, `Leaks`. */
export function memoryModeLabel(mode: MemoryViewMode): string {
  return mode === 'peak' ? 'Peak' : 'Leaks';
}

/** `1 allocation`, `1,204 allocations`. */
export function describeAllocations(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'allocation' : 'allocations'}`;
}

/** A memory view's total for the header: `64.2 MiB held at the peak`, `1.2 MiB leaked (not freed when tracking ended)`. */
export function describeMemoryTotal(total: number, mode: MemoryViewMode): string {
  return mode === 'peak' ? `${formatBytes(total)} held at the peak` : `${formatBytes(total)} leaked (not freed when tracking ended)`;
}

/** What the page says when a profile's total is zero. */
export function emptyProfileText(data: FlameGraphData): string {
  if (data.memory?.mode === 'leaks') return 'No leaked memory: everything allocated was freed before tracking ended.';
  if (data.memory?.mode === 'peak') return 'No memory was held at the peak of this capture.';
  return data.meta.unit === 'bytes' ? 'This profile has no allocations.' : 'This profile has no samples.';
}
