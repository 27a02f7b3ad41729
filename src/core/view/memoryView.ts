/**
 * The memory part of the flame graph data (FlameGraphData.memory) made from a memray capture,
 * for the host and the CLI's html command. Not imported by the webview (it reads formats/).
 */
import { peakSnapshotIndex, type MemrayCapture } from '../formats/memrayModel';
import type { MemoryView, MemoryViewMode } from '../model/flameTree';

/** The chart, switch and leaks note for `capture` shown in `mode`. */
export function buildMemoryView(capture: MemrayCapture, mode: MemoryViewMode): MemoryView {
  const availableModes: MemoryViewMode[] = [];
  if (capture.peak !== undefined) availableModes.push('peak');
  if (capture.leaks !== undefined) availableModes.push('leaks');
  const snapshots = capture.snapshots.map((s) => ({ timeMs: s.timeMs, rss: s.rss, heap: s.heap }));
  const peakIndex = peakSnapshotIndex(snapshots);
  return {
    mode,
    availableModes,
    snapshots,
    ...(peakIndex >= 0 && { peakIndex }),
    ...(capture.info.peakMemory > 0 && { peakBytes: capture.info.peakMemory }),
    ...(capture.leaksExact !== undefined && { leaksExact: capture.leaksExact }),
  };
}
