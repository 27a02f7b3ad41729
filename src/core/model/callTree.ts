import type { FlameGraphData, FlameNode } from './flameTree';
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

const DEFAULT_MAX_NODES = 12_000;

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
  const full = buildCallTree(profile);
  const minShare = Math.max(0, options.minFramePercent) / 100;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const shown = pruneTree(full, minShare, maxNodes);
  const nodeCount = countNodes(full);
  const shownNodeCount = countNodes(shown);
  const threshold = pruneThreshold(full, minShare, maxNodes);
  const folded = shownNodeCount !== nodeCount || threshold > 0;
  return {
    title: options.title,
    meta: profile.meta,
    total: profileTotal(profile),
    root: shown,
    nodeCount,
    shownNodeCount,
    foldedBelowPercent: folded && full.total > 0 ? (100 * threshold) / full.total : 0,
    files: profileFiles(profile),
  };
}
