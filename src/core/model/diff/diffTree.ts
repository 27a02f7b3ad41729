import { flatPruneThreshold } from '../callTree';
import type { FlameNode } from '../flameTree';
import { buildFlatCallTree, sortedChildren, subtreeSizes, type FlatCallTree } from '../flatCallTree';
import type { Frame, Profile } from '../profile';

/**
 * The differential call tree of two profiles: the union of their root-first frame paths, drawn
 * with the candidate's widths and coloured by how each frame's share changed.
 *
 * - Frames are matched across the two profiles by (kind, name, file, line), the identity
 *   ProfileBuilder interns frames by and the zoom code matches nodes by (editor/zoom.ts): frame
 *   indices differ between two files, so the index a single profile's tree uses cannot be it.
 * - `total` and `self` are the candidate's, so the graph reads like the candidate's own.
 * - `delta` is the candidate's share minus the baseline's share of this path, in percentage
 *   points, each profile normalised to its own total: a recording that ran twice as long does
 *   not look twice as slow. Shares add up, so a parent's delta is its self delta plus its
 *   children's, and an "other" node's delta is the sum of what it folds.
 * - A path only the baseline has gets `total` 0: nothing can be drawn with zero width, so pruning
 *   folds it into its parent's "other" node (its delta counts there when that node has some
 *   candidate weight) and the comparison table lists it as `baseline-only`.
 *
 * Built as flat call trees (flatCallTree.ts) with both profiles' frames remapped to shared
 * indices: the union tree of all stacks (baseline first, weighing 0) carries the candidate's
 * weights, and a tree of the baseline's stacks alone, numbered alike, its weights. Measured on the
 * busy 2-core test machine, 10^4 random stacks a side (3·10^5 union nodes): an object per node (a
 * Map of children each) took 15 s, this 0.8 s with the table; 10^5 a side (3·10^6 nodes) 2.9 s,
 * about 3× one profile's buildFlameGraphData.
 */

/** The identity frames are matched by across profiles. */
export function frameIdentity(f: Frame): string {
  return `${f.kind}\u0000${f.name}\u0000${f.file ?? ''}\u0000${f.line ?? ''}`;
}

/** Percent of a total; 0 when the total is 0 (an empty profile has no shares to compare). */
export function sharePercent(part: number, total: number): number {
  return total > 0 ? (100 * part) / total : 0;
}

/** The union tree with the candidate's weights, and each node's baseline total. */
interface UnionTrees {
  readonly frames: readonly Frame[];
  readonly cand: FlatCallTree;
  /** baseTotal[n]: the baseline's weight under union node n (0 for paths only the candidate has). */
  readonly baseTotal: Float64Array;
}

function unionTrees(baseline: Profile, candidate: Profile): UnionTrees {
  const frames: Frame[] = [];
  const ids = new Map<string, number>();
  const remap = (profile: Profile): Int32Array =>
    Int32Array.from(profile.frames, (f) => {
      const key = frameIdentity(f);
      let id = ids.get(key);
      if (id === undefined) {
        id = frames.length;
        frames.push(f);
        ids.set(key, id);
      }
      return id;
    });
  const baseMap = remap(baseline);
  const candMap = remap(candidate);
  const baseStacks = baseline.stacks.map((s) => Array.from(s, (f) => baseMap[f]));
  const stacks = [...baseStacks, ...candidate.stacks.map((s) => Array.from(s, (f) => candMap[f]))];
  const weights = new Array<number>(baseStacks.length).fill(0).concat(candidate.weights);
  const cand = buildFlatCallTree({ meta: candidate.meta, frames, stacks, weights });
  // The builder numbers nodes in the order stacks first reach them, so a tree of the baseline's
  // stacks alone numbers them exactly as the union tree did before the candidate's stacks came.
  const base = buildFlatCallTree({ meta: baseline.meta, frames, stacks: baseStacks, weights: baseline.weights });
  const baseTotal = new Float64Array(cand.size);
  for (let n = 0; n < base.size; n++) {
    if (base.frame[n] !== cand.frame[n] || base.parent[n] !== cand.parent[n]) throw new Error(`differential tree: node ${n} differs between the baseline and the union tree`);
    baseTotal[n] = base.total[n];
  }
  return { frames, cand, baseTotal };
}

/** The differential tree as the panel draws it, and how much pruning folded. */
export interface DiffTree {
  readonly root: FlameNode;
  /** Nodes of the whole union tree, and of the tree drawn. */
  readonly nodeCount: number;
  readonly shownNodeCount: number;
  /** As FlameGraphData.foldedBelowPercent: of the candidate's total. */
  readonly foldedBelowPercent: number;
  /** Percent of the baseline's total under paths the candidate never reached (drawn nowhere). */
  readonly removedPercent: number;
}

/**
 * The pruned differential tree: the same threshold as a single profile's (flatPruneThreshold, on
 * the candidate's widths), the same "N smaller frames" nodes numbered after the whole tree, each
 * with the sum of the deltas it folds (baseline-only paths included). Ids are depth-first from
 * the root (0), children widest first by the candidate's total, then by frame.
 */
export function buildDiffTree(baseline: Profile, candidate: Profile, minFramePercent: number, maxNodes: number): DiffTree {
  const trees = unionTrees(baseline, candidate);
  const threshold = flatPruneThreshold(trees.cand, Math.max(0, minFramePercent) / 100, maxNodes);
  const { root, count } = freeze(trees, (node) => trees.cand.total[node] >= threshold && trees.cand.total[node] > 0);
  const { cand, baseTotal } = trees;
  const folded = count !== cand.size || threshold > 0;
  let removed = 0;
  for (let n = 1; n < cand.size; n++) if (cand.total[n] === 0 && cand.total[cand.parent[n]] > 0) removed += baseTotal[n];
  return {
    root,
    nodeCount: cand.size,
    shownNodeCount: count,
    foldedBelowPercent: folded && cand.total[0] > 0 ? (100 * threshold) / cand.total[0] : 0,
    removedPercent: sharePercent(removed, baseTotal[0]),
  };
}

/** The whole differential tree, nothing folded: baseline-only paths appear with total 0. */
export function diffProfiles(baseline: Profile, candidate: Profile): FlameNode {
  return freeze(unionTrees(baseline, candidate), () => true).root;
}

/** FlameNodes for the nodes `keep` accepts (the root always); the others folded into "other" nodes. */
function freeze(trees: UnionTrees, keep: (node: number) => boolean): { root: FlameNode; count: number } {
  const { cand, baseTotal, frames } = trees;
  const sizes = subtreeSizes(cand);
  const delta = (n: number): number => sharePercent(cand.total[n], cand.total[0]) - sharePercent(baseTotal[n], baseTotal[0]);
  let nextOtherId = cand.size;
  let count = 0;
  const build = (node: number, id: number): FlameNode => {
    count++;
    const kept: FlameNode[] = [];
    let foldedTotal = 0;
    let foldedDelta = 0;
    let foldedCount = 0;
    let childId = id + 1;
    for (const c of sortedChildren(cand, node)) {
      if (keep(c)) kept.push(build(c, childId));
      else {
        foldedTotal += cand.total[c];
        foldedDelta += delta(c);
        // Only frames the candidate has are "smaller frames" in its graph.
        if (cand.total[c] > 0) foldedCount++;
      }
      childId += sizes[c];
    }
    if (foldedCount > 0 && foldedTotal > 0) {
      count++;
      const name = foldedCount === 1 ? '1 smaller frame' : `${foldedCount} smaller frames`;
      kept.push({ id: nextOtherId++, name, kind: 'other', total: foldedTotal, self: foldedTotal, delta: foldedDelta, children: [] });
    }
    const common = { id, total: cand.total[node], self: cand.self[node], delta: delta(node), children: kept };
    if (node === 0) return { ...common, name: 'all', kind: 'root' };
    const { name, file, line, kind } = frames[cand.frame[node]];
    return { ...common, name, file, line, kind };
  };
  return { root: build(0, 0), count };
}
