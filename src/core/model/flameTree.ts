import type { ComparisonView } from './comparison';
import type { FrameKind, ProfileMeta } from './profile';

/**
 * The call tree as the flame graph draws it: one node per distinct frame path from the root.
 * Plain data (no methods) so it can cross the webview message boundary and be embedded in the
 * self-contained HTML page. `total` includes the children; `self` is the weight whose innermost
 * frame is this node.
 */
export interface FlameNode {
  /** Unique within one tree; the webview uses it to ask for a zoom or report one. */
  readonly id: number;
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  /** `root` for the synthetic root, `other` for the node that stands for pruned children. */
  readonly kind: FrameKind | 'root' | 'other';
  readonly total: number;
  readonly self: number;
  /** Memory profiles: how many allocations make up `total` (this frame and below); absent when not counted. */
  readonly allocations?: number;
  /**
   * Comparisons only: the change of this frame's share of its profile's total, in percentage
   * points (candidate minus baseline; positive = grew). The panel colours by it.
   */
  readonly delta?: number;
  readonly children: FlameNode[];
}

/** Which memory a memory profile's bytes are: held at the high-water mark, or never freed ("leaks"). */
export type MemoryViewMode = 'peak' | 'leaks';

/** One point of the process's memory over time. */
export interface MemorySample {
  /** Milliseconds since the capture started. */
  readonly timeMs: number;
  /** Resident set size of the process, in bytes. */
  readonly rss: number;
  /** Bytes allocated and not yet freed that the profiler had seen at that moment. */
  readonly heap: number;
}

/** What the panel shows above a memory profile's flame graph (memray captures). */
export interface MemoryView {
  /** Which memory the flame graph's bytes are. */
  readonly mode: MemoryViewMode;
  /** The modes the host can show for this capture; the panel offers a switch when both are here. */
  readonly availableModes: readonly MemoryViewMode[];
  /** Memory over time, in time order (may be empty: the chart then says so). */
  readonly snapshots: readonly MemorySample[];
  /** Index in `snapshots` of the peak to mark; absent: the snapshot with the most heap (RSS when heap is all zero). */
  readonly peakIndex?: number;
  /** Bytes at the high-water mark as the profiler counted them (the peak label's number); absent: the marked snapshot's value. */
  readonly peakBytes?: number;
  /** Leaks mode: false when leaks may include memory pymalloc keeps for reuse (the panel offers a PYTHONMALLOC=malloc re-run). */
  readonly leaksExact?: boolean;
}

/** What the panel needs to draw one profile. */
export interface FlameGraphData {
  /** Shown as the panel's heading (usually the script and the time of the recording). */
  readonly title: string;
  readonly meta: ProfileMeta;
  /** The profile's whole total, in meta.unit (the root's total). */
  readonly total: number;
  readonly root: FlameNode;
  /** Nodes in the full tree and in the tree sent, so the panel can say how much was folded. */
  readonly nodeCount: number;
  readonly shownNodeCount: number;
  /**
   * Frames narrower than this percentage of the total were folded into "other" nodes: the
   * configured floor, or higher when the node cap forced it. 0 when nothing was folded.
   */
  readonly foldedBelowPercent: number;
  /** Files that appear in the profile (as recorded); the host only opens these. */
  readonly files: readonly string[];
  /** Memory profiles: memory over time and the peak/leaks switch; filled by the host (or the CLI's html command). */
  readonly memory?: MemoryView;
  /** Comparisons: the two profiles and the table of changes (the tree's widths are the candidate's, `delta` on every node). */
  readonly comparison?: ComparisonView;
}
