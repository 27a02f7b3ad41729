import type { Profile, Stack } from './profile';

/**
 * The whole call tree of a profile as parallel typed arrays (one index per node, the root is 0),
 * so 10^6 distinct stacks (~4M nodes) take ~40 bytes a node instead of an object and a Map each,
 * which did not fit in the default V8 heap (bench/, flame graph rows). Only the few thousand
 * nodes a flame graph draws become FlameNode objects (callTree.ts, buildFlameGraphData), with
 * the ids, order and sums buildCallTree + pruneTree give (test/unit/model/flatCallTree.test.ts).
 */
export interface FlatCallTree {
  readonly size: number;
  /** parent[n], -1 for the root. A child's index is always greater than its parent's. */
  readonly parent: Int32Array;
  /** Profile frame index; -1 for the root. */
  readonly frame: Int32Array;
  readonly total: Float64Array;
  readonly self: Float64Array;
  /** Children as linked lists in no particular order (firstChild[n], then nextSibling[c]); -1 ends. */
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
}

/** Builds the call tree of every stack: one node per distinct root-first frame path. */
export function buildFlatCallTree(profile: Profile): FlatCallTree {
  const b = new FlatTreeBuilder();
  const { stacks, weights } = profile;
  // Integer weights (samples, bytes) add up exactly in any order, so totals can be summed bottom-up
  // once at the end instead of at every frame of every stack (33M random writes at 10^6 stacks).
  // Fractional weights (seconds) keep buildCallTree's order of additions, bit for bit.
  let sum = 0;
  let integral = true;
  for (const w of weights) {
    sum += w;
    if (!Number.isInteger(w)) integral = false;
  }
  const bottomUp = integral && Math.abs(sum) <= Number.MAX_SAFE_INTEGER;
  // The nodes of the previous stack: a stack sharing its first k frames shares their nodes.
  let path = new Int32Array(64);
  let previous: Stack = [];
  for (let s = 0; s < stacks.length; s++) {
    const w = weights[s];
    const stack = stacks[s];
    if (stack.length >= path.length) path = growInt(path, stack.length * 2, 0);
    let k = 0;
    const shared = Math.min(stack.length, previous.length);
    while (k < shared && stack[k] === previous[k]) k++;
    let node = k === 0 ? 0 : path[k - 1];
    for (; k < stack.length; k++) {
      node = b.child(node, stack[k]);
      path[k] = node;
    }
    previous = stack;
    b.self[node] += w;
    if (bottomUp) continue;
    b.total[0] += w;
    for (let d = 0; d < stack.length; d++) b.total[path[d]] += w;
  }
  if (bottomUp) {
    const { total, self, parent } = b;
    total.set(self.subarray(0, b.size));
    for (let n = b.size - 1; n > 0; n--) total[parent[n]] += total[n];
  }
  return b.finish();
}

/** Grows the arrays by doubling; finds a child by (parent, frame) in an open-addressing table. */
class FlatTreeBuilder {
  size = 1;
  parent = new Int32Array(1024);
  frame = new Int32Array(1024);
  total = new Float64Array(1024);
  self = new Float64Array(1024);
  firstChild = new Int32Array(1024).fill(-1);
  nextSibling = new Int32Array(1024).fill(-1);
  /** Slot → node + 1 (0 = empty); at most half full. */
  private slots = new Int32Array(2048);

  constructor() {
    this.parent[0] = -1;
    this.frame[0] = -1;
  }

  child(node: number, frame: number): number {
    const mask = this.slots.length - 1;
    let slot = childHash(node, frame) & mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) break;
      const c = entry - 1;
      if (this.parent[c] === node && this.frame[c] === frame) return c;
      slot = (slot + 1) & mask;
    }
    const c = this.size++;
    if (c === this.parent.length) this.grow();
    this.parent[c] = node;
    this.frame[c] = frame;
    this.nextSibling[c] = this.firstChild[node];
    this.firstChild[node] = c;
    this.slots[slot] = c + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return c;
  }

  finish(): FlatCallTree {
    const n = this.size;
    return {
      size: n,
      parent: this.parent.subarray(0, n),
      frame: this.frame.subarray(0, n),
      total: this.total.subarray(0, n),
      self: this.self.subarray(0, n),
      firstChild: this.firstChild.subarray(0, n),
      nextSibling: this.nextSibling.subarray(0, n),
    };
  }

  private grow(): void {
    const length = this.parent.length * 2;
    this.parent = growInt(this.parent, length, 0);
    this.frame = growInt(this.frame, length, 0);
    this.firstChild = growInt(this.firstChild, length, -1);
    this.nextSibling = growInt(this.nextSibling, length, -1);
    const total = new Float64Array(length);
    total.set(this.total);
    this.total = total;
    const self = new Float64Array(length);
    self.set(this.self);
    this.self = self;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let c = 1; c < this.size; c++) {
      let slot = childHash(this.parent[c], this.frame[c]) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = c + 1;
    }
    this.slots = slots;
  }
}

function growInt(array: Int32Array, length: number, fill: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}

function childHash(node: number, frame: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(frame + 0x632be5ab, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) & 0x7fffffff;
}

/** A node's children, widest first, then by frame index: the order (and so the ids) buildCallTree gives. */
export function sortedChildren(tree: FlatCallTree, node: number): number[] {
  const out: number[] = [];
  for (let c = tree.firstChild[node]; c >= 0; c = tree.nextSibling[c]) out.push(c);
  const { total, frame } = tree;
  return out.sort((a, b) => total[b] - total[a] || frame[a] - frame[b]);
}

/** Number of nodes in each node's subtree (itself included). Children come after parents, so one backward pass. */
export function subtreeSizes(tree: FlatCallTree): Int32Array {
  const sizes = new Int32Array(tree.size).fill(1);
  for (let n = tree.size - 1; n > 0; n--) sizes[tree.parent[n]] += sizes[n];
  return sizes;
}
