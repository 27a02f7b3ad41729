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
  readonly children: FlameNode[];
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
}
