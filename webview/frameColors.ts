/**
 * Frame fill colours by kind. Mid-light fills with dark label text read on both light and dark
 * editor backgrounds (the label colour is fixed in media/flamegraph-panel.css to match). Hue
 * says what a frame is: warm for Python, blue for native code, grey for process/thread
 * pseudo-frames and the root, lavender for folded frames; a name hash varies the shade so
 * neighbours stay distinguishable. In a comparison (nodes carry `delta`) the hue says which way
 * a frame moved instead: red grew, blue shrank, near-white unchanged, as d3-flame-graph's
 * differential mode colours them.
 */
import type { FlameNode } from '../src/core/model/flameTree';

/** Fill of a frame matched by the search: saturated magenta, unlike any kind's colour. */
export const SEARCH_MATCH_FILL = 'rgb(230, 92, 230)';

/** A stable number in [0, 1) from a name (FNV-1a), so a function keeps its shade across views. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x100000000;
}

/** Lightness of an unchanged frame in a comparison: near-white, still apart from the page background. */
const DIFF_BASE = 235;
/** How far the strongest change pulls the other two channels down (0.8: rgb(235, 47, 47) at most, so dark labels stay readable). */
const DIFF_DEPTH = 0.8;

/** The largest |delta| in a tree (0 when no node has one): the scale for differential colours. */
export function largestAbsDelta(root: FlameNode): number {
  let largest = 0;
  const stack = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.delta !== undefined && Number.isFinite(node.delta)) largest = Math.max(largest, Math.abs(node.delta));
    for (const child of node.children) stack.push(child);
  }
  return largest;
}

/** Red for a frame that grew, blue for one that shrank, saturated by |delta| / largestDelta. */
function differentialFill(delta: number, largestDelta: number): string {
  const strength = largestDelta > 0 && Number.isFinite(delta) ? Math.min(1, Math.abs(delta) / largestDelta) : 0;
  const other = Math.round(DIFF_BASE * (1 - DIFF_DEPTH * strength));
  if (delta > 0) return `rgb(${DIFF_BASE}, ${other}, ${other})`;
  if (delta < 0) return `rgb(${other}, ${other}, ${DIFF_BASE})`;
  return `rgb(${DIFF_BASE}, ${DIFF_BASE}, ${DIFF_BASE})`;
}

/**
 * The fill colour of one frame. `largestDelta` (largestAbsDelta of the tree) scales the
 * differential colours of nodes that carry a `delta`; it is unused otherwise.
 */
export function frameFill(node: FlameNode, matched: boolean, largestDelta = 0): string {
  if (matched) return SEARCH_MATCH_FILL;
  if (node.delta !== undefined) return differentialFill(node.delta, largestDelta);
  const h = nameHash(node.name);
  switch (node.kind) {
    case 'python':
      return `hsl(${Math.round(16 + 32 * h)}, ${Math.round(78 + 12 * h)}%, ${Math.round(60 + 8 * h)}%)`;
    case 'native':
      return `hsl(${Math.round(192 + 28 * h)}, 55%, ${Math.round(62 + 8 * h)}%)`;
    case 'process':
    case 'thread':
      return `hsl(215, 10%, ${Math.round(66 + 6 * h)}%)`;
    case 'root':
      return 'hsl(215, 10%, 60%)';
    case 'other':
      return 'hsl(268, 22%, 74%)';
  }
}
