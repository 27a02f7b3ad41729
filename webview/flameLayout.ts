/**
 * Where each frame of a flame graph goes: pure geometry, no DOM, so it is unit-tested in Node.
 *
 * The tree is laid out once per profile (`layoutTree`: depth-first order, each frame's span as a
 * fraction of the root); every draw then places the frames for the current zoom, width and
 * orientation (`placeFrames`), which is one pass over the frames that are at least a pixel wide.
 * The zoom follows d3-flame-graph's model, which the panel used before: the zoomed frame and its
 * descendants stretch to the full width, its ancestors are drawn full width (faded), and
 * everything else is hidden.
 */
import type { FlameNode } from '../src/core/model/flameTree';

/** One frame of the laid-out tree. Frames are in depth-first order, children widest first. */
export interface LaidFrame {
  readonly node: FlameNode;
  /** Index of the parent frame; -1 for the root. */
  readonly parent: number;
  readonly depth: number;
  /** Left and right edges as fractions (0..1) of the root's total. */
  readonly start: number;
  readonly end: number;
  /** Index just after this frame's last descendant: frames [index + 1, subtreeEnd) are below it. */
  readonly subtreeEnd: number;
  /** Indexes of the children, widest first. */
  readonly children: readonly number[];
}

/** A profile's tree, laid out once. */
export interface FlameLayout {
  readonly frames: readonly LaidFrame[];
  /** The deepest frame's depth (0 when there is only the root). */
  readonly maxDepth: number;
}

/** Widest first (left-heavy, so the hot path is always at the left edge), then by name for a stable order. */
export function byWidthThenName(a: FlameNode, b: FlameNode): number {
  return b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Lays out a tree: depth-first order, spans as fractions of the root's total. Iterative, so deep stacks cannot overflow. */
export function layoutTree(root: FlameNode): FlameLayout {
  const frames: { node: FlameNode; parent: number; depth: number; start: number; end: number; subtreeEnd: number; children: number[] }[] = [];
  // An empty profile (total 0) still draws its root across the width.
  const rootTotal = root.total > 0 ? root.total : 1;
  let maxDepth = 0;
  const stack: { node: FlameNode; parent: number; depth: number; start: number }[] = [{ node: root, parent: -1, depth: 0, start: 0 }];
  const starts: number[] = [];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, parent, depth, start } = item;
    const index = frames.length;
    const end = node === root ? 1 : start + node.total / rootTotal;
    frames.push({ node, parent, depth, start, end, subtreeEnd: index + 1, children: [] });
    if (parent >= 0) frames[parent].children.push(index);
    if (depth > maxDepth) maxDepth = depth;
    const children = sortedChildren(node);
    // Children start at the parent's left edge, side by side; the parent's self weight is the gap on the right.
    starts.length = children.length;
    let x = start;
    for (let i = 0; i < children.length; i++) {
      starts[i] = x;
      x += children[i].total / rootTotal;
    }
    // Pushed right to left so the widest child is numbered (and visited) first.
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], parent: index, depth: depth + 1, start: starts[i] });
  }
  // In depth-first order a subtree ends where its last child's does; children come after their parent.
  for (let i = frames.length - 1; i >= 0; i--) {
    const children = frames[i].children;
    if (children.length > 0) frames[i].subtreeEnd = frames[children[children.length - 1]].subtreeEnd;
  }
  return { frames, maxDepth };
}

/** A node's children widest first (the host usually sends them in that order already: then no copy is made). */
function sortedChildren(node: FlameNode): readonly FlameNode[] {
  const children = node.children;
  for (let i = 1; i < children.length; i++) {
    if (byWidthThenName(children[i - 1], children[i]) > 0) return [...children].sort(byWidthThenName);
  }
  return children;
}

/** What a draw looks like: the chart's size, orientation and zoom. */
export interface Viewport {
  /** Chart width in CSS pixels. */
  readonly width: number;
  /** Height of one row in CSS pixels. */
  readonly cellHeight: number;
  /** Root at the top (icicle) when true, at the bottom (flame graph) when false. */
  readonly inverted: boolean;
  /** Index of the zoomed frame (0, the root, when not zoomed). */
  readonly zoom: number;
  /** Frames narrower than this many CSS pixels are not drawn (nor their descendants, which are narrower still). */
  readonly minFrameWidth: number;
}

/** A frame as drawn, in CSS pixels from the chart's top-left corner. */
export interface PlacedFrame {
  readonly index: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** An ancestor of the zoomed frame: drawn full width and faded, as d3-flame-graph does. */
  readonly faded: boolean;
}

/** The frames of one draw, and per row (depth) the same frames ordered left to right, for hit testing. */
export interface Placement {
  readonly viewport: Viewport;
  readonly frames: readonly PlacedFrame[];
  readonly rows: readonly (readonly PlacedFrame[])[];
  /** Frame index → its PlacedFrame, for frames that are drawn. */
  readonly byIndex: ReadonlyMap<number, PlacedFrame>;
  /** Chart height in CSS pixels (the same at any zoom, so the page does not jump). */
  readonly height: number;
}

/** The chart's height for a layout: one row per depth. */
export function chartHeight(layout: FlameLayout, cellHeight: number): number {
  return (layout.maxDepth + 1) * cellHeight;
}

function rowY(depth: number, layout: FlameLayout, viewport: Viewport): number {
  return viewport.inverted ? depth * viewport.cellHeight : (layout.maxDepth - depth) * viewport.cellHeight;
}

/** Places the frames for one draw: the zoomed frame's ancestors full width, its subtree stretched, frames under the minimum width skipped. */
export function placeFrames(layout: FlameLayout, viewport: Viewport): Placement {
  const { frames: laid } = layout;
  const zoom = viewport.zoom >= 0 && viewport.zoom < laid.length ? viewport.zoom : 0;
  const placed: PlacedFrame[] = [];
  const rows: PlacedFrame[][] = Array.from({ length: layout.maxDepth + 1 }, () => []);
  const add = (frame: PlacedFrame, depth: number): void => {
    placed.push(frame);
    rows[depth].push(frame);
  };
  // Ancestors of the zoomed frame, root first.
  const ancestors: number[] = [];
  for (let i = laid[zoom].parent; i >= 0; i = laid[i].parent) ancestors.push(i);
  for (let k = ancestors.length - 1; k >= 0; k--) {
    const i = ancestors[k];
    add({ index: i, x: 0, y: rowY(laid[i].depth, layout, viewport), width: viewport.width, faded: true }, laid[i].depth);
  }
  const origin = laid[zoom].start;
  const span = laid[zoom].end - laid[zoom].start;
  const scale = span > 0 ? viewport.width / span : 0;
  for (let i = zoom; i < laid[zoom].subtreeEnd; ) {
    const frame = laid[i];
    const width = (frame.end - frame.start) * scale;
    if (width < viewport.minFrameWidth && i !== zoom) {
      // Its descendants are no wider: skip the whole subtree.
      i = frame.subtreeEnd;
      continue;
    }
    add({ index: i, x: (frame.start - origin) * scale, y: rowY(frame.depth, layout, viewport), width, faded: false }, frame.depth);
    i++;
  }
  const byIndex = new Map<number, PlacedFrame>();
  for (const frame of placed) byIndex.set(frame.index, frame);
  return { viewport: { ...viewport, zoom }, frames: placed, rows, byIndex, height: chartHeight(layout, viewport.cellHeight) };
}

/** The drawn frame under a point (CSS pixels from the chart's top-left), if any. */
export function hitTest(layout: FlameLayout, placement: Placement, x: number, y: number): PlacedFrame | undefined {
  const { cellHeight, inverted } = placement.viewport;
  if (y < 0 || x < 0 || x >= placement.viewport.width) return undefined;
  const row = Math.floor(y / cellHeight);
  const depth = inverted ? row : layout.maxDepth - row;
  const frames = placement.rows[depth];
  if (frames === undefined) return undefined;
  // Frames in a row are ordered left to right and do not overlap: binary search by x.
  let lo = 0;
  let hi = frames.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const frame = frames[mid];
    if (x < frame.x) hi = mid - 1;
    else if (x >= frame.x + frame.width) lo = mid + 1;
    else return frame;
  }
  return undefined;
}

/** A keyboard move between drawn frames, in screen directions. */
export type FrameStep = 'up' | 'down' | 'left' | 'right';

/**
 * The drawn frame a key moves the focus to, or undefined when there is none that way. Towards
 * the root is up in an icicle and down in a flame graph; the other way goes to the widest drawn
 * child; left and right go to the neighbouring drawn siblings.
 */
export function stepFrame(layout: FlameLayout, placement: Placement, from: number, step: FrameStep): number | undefined {
  const frame = layout.frames[from];
  if (frame === undefined) return undefined;
  const towardsRoot = placement.viewport.inverted ? 'up' : 'down';
  const drawn = (i: number): boolean => placement.byIndex.has(i);
  if (step === 'up' || step === 'down') {
    if (step === towardsRoot) return frame.parent >= 0 ? frame.parent : undefined;
    return frame.children.find(drawn);
  }
  if (frame.parent < 0) return undefined;
  const siblings = layout.frames[frame.parent].children.filter(drawn);
  const at = siblings.indexOf(from);
  if (at < 0) return undefined;
  return siblings[step === 'left' ? at - 1 : at + 1];
}
