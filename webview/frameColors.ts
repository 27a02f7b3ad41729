/**
 * Frame fill colours by kind. Mid-light fills with dark label text read on both light and dark
 * editor backgrounds (the label colour is fixed in media/flamegraph-panel.css to match). Hue
 * says what a frame is: warm for Python, blue for native code, grey for process/thread
 * pseudo-frames and the root, lavender for folded frames; a name hash varies the shade so
 * neighbours stay distinguishable.
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

/** The fill colour of one frame. */
export function frameFill(node: FlameNode, matched: boolean): string {
  if (matched) return SEARCH_MATCH_FILL;
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
