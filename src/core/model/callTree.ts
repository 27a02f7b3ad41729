import type { FlameGraphData, FlameNode } from './flameTree';
import { buildFlatCallTree, sortedChildren, subtreeSizes, type FlatCallTree } from './flatCallTree';
import { isCodeFrame, profileTotal, type Profile } from './profile';

/** A tree node while it is being built: children by frame index for O(1) merging. */
interface MutableNode {
  id: number;
  frame: number;
  total: number;
  self: number;
  children: Map<number, MutableNode>;
}

/** Options for the tree sent to a flame graph. */
export interface FlameGraphOptions {
  readonly title: string;
  /** Frames narrower than this percentage of the total are folded into an "other" node. */
  readonly minFramePercent: number;
  /**
   * Hard cap on nodes sent. Measured (shared/reference/flamegraph-and-security.md): d3-flame-graph
   * stays interactive up to ~16k SVG groups and breaks down beyond ~20k.
   */
  readonly maxNodes?: number;
}

export const DEFAULT_MAX_NODES = 12_000;

/**
 * Builds the whole call tree of a profile: one node per distinct root-first frame path.
 * Ids are assigned depth-first from the root (0), so a pruned tree keeps the full tree's ids.
 */
export function buildCallTree(profile: Profile): FlameNode {
  const root: MutableNode = { id: 0, frame: -1, total: 0, self: 0, children: new Map() };
  const { stacks, weights } = profile;
  for (let i = 0; i < stacks.length; i++) {
    const w = weights[i];
    let node = root;
    node.total += w;
    for (const frame of stacks[i]) {
      let child = node.children.get(frame);
      if (child === undefined) {
        child = { id: 0, frame, total: 0, self: 0, children: new Map() };
        node.children.set(frame, child);
      }
      child.total += w;
      node = child;
    }
    node.self += w;
  }
  let nextId = 0;
  const freeze = (node: MutableNode): FlameNode => {
    const id = nextId++;
    const children = [...node.children.values()].sort((a, b) => b.total - a.total || a.frame - b.frame).map(freeze);
    if (node.frame < 0) return { id, name: 'all', kind: 'root', total: node.total, self: node.self, children };
    const f = profile.frames[node.frame];
    return { id, name: f.name, file: f.file, line: f.line, kind: f.kind, total: node.total, self: node.self, children };
  };
  return freeze(root);
}

/** Counts the nodes of a tree, root included. */
export function countNodes(root: FlameNode): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as FlameNode;
    n++;
    for (const c of node.children) stack.push(c);
  }
  return n;
}

/** The largest id in a tree, so pruning can number its "other" nodes after it. */
function maxId(root: FlameNode): number {
  let max = root.id;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as FlameNode;
    if (node.id > max) max = node.id;
    for (const c of node.children) stack.push(c);
  }
  return max;
}

/** The smallest total a node may have and still be kept, given a share floor and a node cap. */
export function pruneThreshold(root: FlameNode, minShare: number, maxNodes: number): number {
  const floor = minShare * root.total;
  const totals: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as FlameNode;
    if (node.total < floor) continue;
    totals.push(node.total);
    for (const c of node.children) stack.push(c);
  }
  // Each kept parent may also get one "other" child, so keep half the cap for real frames.
  const budget = Math.max(1, Math.floor(maxNodes / 2));
  if (totals.length <= budget) return floor;
  totals.sort((a, b) => b - a);
  // Strictly above the first total that does not fit, so ties never overshoot the budget.
  return Math.max(floor, nextAbove(totals[budget]));
}

function nextAbove(x: number): number {
  return x + Math.max(Number.EPSILON, Math.abs(x) * Number.EPSILON);
}

/**
 * Folds every node whose total is below the threshold into one "other" child of its parent,
 * so the flame graph draws at most `maxNodes` frames and every parent's total is preserved.
 */
export function pruneTree(root: FlameNode, minShare: number, maxNodes = DEFAULT_MAX_NODES): FlameNode {
  const threshold = pruneThreshold(root, minShare, maxNodes);
  let nextOtherId = maxId(root) + 1;
  const prune = (node: FlameNode): FlameNode => {
    const kept: FlameNode[] = [];
    let foldedTotal = 0;
    let foldedCount = 0;
    for (const c of node.children) {
      if (c.total >= threshold && c.total > 0) kept.push(prune(c));
      else {
        foldedTotal += c.total;
        foldedCount++;
      }
    }
    if (foldedCount > 0 && foldedTotal > 0) {
      const name = foldedCount === 1 ? '1 smaller frame' : `${foldedCount} smaller frames`;
      kept.push({ id: nextOtherId++, name, kind: 'other', total: foldedTotal, self: foldedTotal, children: [] });
    }
    return { ...node, children: kept };
  };
  return prune(root);
}

/** The distinct recorded files of a profile's code frames, in first-seen order. */
export function profileFiles(profile: Profile): string[] {
  const files = new Set<string>();
  for (const f of profile.frames) if (isCodeFrame(f) && f.file !== undefined && f.file !== '') files.add(f.file);
  return [...files];
}

/** Everything the flame graph panel (or the HTML page) needs, with the tree pruned for drawing. */
export function buildFlameGraphData(profile: Profile, options: FlameGraphOptions): FlameGraphData {
  // The same result as pruneTree(buildCallTree(profile), …), built once as flat arrays: only the
  // drawn nodes become objects (bench/: 10^6 stacks, ~13M nodes, did not fit as objects).
  const tree = buildFlatCallTree(profile);
  const minShare = Math.max(0, options.minFramePercent) / 100;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const threshold = flatPruneThreshold(tree, minShare, maxNodes);
  const { root, count } = pruneFlatCallTree(tree, profile, threshold);
  const folded = count !== tree.size || threshold > 0;
  return {
    title: options.title,
    meta: profile.meta,
    total: profileTotal(profile),
    root,
    nodeCount: tree.size,
    shownNodeCount: count,
    foldedBelowPercent: folded && tree.total[0] > 0 ? (100 * threshold) / tree.total[0] : 0,
    files: profileFiles(profile),
  };
}

/** pruneThreshold on a flat tree: the same walk (stopping below the floor) and the same budget rule. */
export function flatPruneThreshold(tree: FlatCallTree, minShare: number, maxNodes: number): number {
  const { total, firstChild, nextSibling } = tree;
  const floor = minShare * total[0];
  const totals: number[] = [];
  const todo = [0];
  while (todo.length > 0) {
    const node = todo.pop() as number;
    if (total[node] < floor) continue;
    totals.push(total[node]);
    for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) todo.push(c);
  }
  const budget = Math.max(1, Math.floor(maxNodes / 2));
  if (totals.length <= budget) return floor;
  totals.sort((a, b) => b - a);
  return Math.max(floor, nextAbove(totals[budget]));
}

/**
 * pruneTree on a flat tree: FlameNodes for the kept nodes only, ids as buildCallTree numbers
 * them (depth-first, children widest first, so a child's id is its parent's + 1 + the sizes of
 * the subtrees drawn before it), "other" nodes numbered after the full tree in pruneTree's order.
 */
function pruneFlatCallTree(tree: FlatCallTree, profile: Profile, threshold: number): { root: FlameNode; count: number } {
  const sizes = subtreeSizes(tree);
  const { total, self, frame } = tree;
  let nextOtherId = tree.size;
  let count = 0;
  const prune = (node: number, id: number): FlameNode => {
    count++;
    const kept: FlameNode[] = [];
    let foldedTotal = 0;
    let foldedCount = 0;
    let childId = id + 1;
    for (const c of sortedChildren(tree, node)) {
      if (total[c] >= threshold && total[c] > 0) kept.push(prune(c, childId));
      else {
        foldedTotal += total[c];
        foldedCount++;
      }
      childId += sizes[c];
    }
    if (foldedCount > 0 && foldedTotal > 0) {
      count++;
      const name = foldedCount === 1 ? '1 smaller frame' : `${foldedCount} smaller frames`;
      kept.push({ id: nextOtherId++, name, kind: 'other', total: foldedTotal, self: foldedTotal, children: [] });
    }
    if (node === 0) return { id, name: 'all', kind: 'root', total: total[node], self: self[node], children: kept };
    const f = profile.frames[frame[node]];
    return { id, name: f.name, file: f.file, line: f.line, kind: f.kind, total: total[node], self: self[node], children: kept };
  };
  return { root: prune(0, 0), count };
}
