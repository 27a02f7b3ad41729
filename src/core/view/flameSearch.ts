/**
 * Searching and locating frames in a FlameNode tree: the numbers behind the panel's search
 * share and the host's "focus this location". Walks are iterative so deep stacks cannot
 * overflow the call stack.
 */
import type { FlameGraphData, FlameNode } from '../model/flameTree';

/** Accepts the frames a search should highlight. */
export type FrameMatcher = (node: FlameNode) => boolean;

/** The result of compiling a search box's text. */
export type CompiledSearch =
  | { readonly ok: true; readonly matches: FrameMatcher }
  | { readonly ok: false; readonly error: string };

/**
 * Compiles a search as a regular expression over a frame's name and file. Smart case: a
 * pattern without capitals ignores case. The synthetic root never matches (it is not code).
 */
export function compileFrameSearch(pattern: string): CompiledSearch {
  let regex: RegExp;
  try {
    // No 'u' flag: it rejects harmless escapes people type, such as `\-`.
    regex = new RegExp(pattern, /[A-Z]/.test(pattern) ? '' : 'i');
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  return {
    ok: true,
    matches: (node) => node.kind !== 'root' && (regex.test(node.name) || (node.file !== undefined && regex.test(node.file))),
  };
}

/** How much of the profile a search covers. */
export interface SearchShare {
  /** The weight of samples with at least one matching frame on their stack (each counted once). */
  readonly weight: number;
  /** weight / the root's total (0 for an empty profile). */
  readonly share: number;
  /** Matching frames (nodes), nested ones included. */
  readonly frames: number;
}

/**
 * The share of the profile whose stacks contain a match. A matching node's `total` already
 * holds every matching descendant (recursion, nested matches), so only the outermost match on
 * each path is added.
 */
export function searchShare(root: FlameNode, matches: FrameMatcher): SearchShare {
  let weight = 0;
  let frames = 0;
  const stack: { node: FlameNode; underMatch: boolean }[] = [{ node: root, underMatch: false }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const hit = matches(item.node);
    if (hit) {
      frames++;
      if (!item.underMatch) weight += item.node.total;
    }
    for (const child of item.node.children) stack.push({ node: child, underMatch: item.underMatch || hit });
  }
  return { weight, share: root.total > 0 ? weight / root.total : 0, frames };
}

/** A source location to find in the tree; `line` and `name` narrow it when given. */
export interface FrameLocation {
  readonly file: string;
  readonly line?: number;
  readonly name?: string;
}

/**
 * The widest frame at a location (ties: the shallowest, then the first in child order).
 * Frames at `file` (and `line`, `name` when given) come first; when none is there and a name
 * is given, the widest frame with that name anywhere is the answer.
 */
export function findWidestFrame(root: FlameNode, location: FrameLocation): FlameNode | undefined {
  const atLocation = widest(
    root,
    (n) =>
      n.file === location.file &&
      (location.line === undefined || n.line === location.line) &&
      (location.name === undefined || n.name === location.name),
  );
  if (atLocation !== undefined || location.name === undefined) return atLocation;
  const name = location.name;
  return widest(root, (n) => n.kind !== 'root' && n.name === name);
}

function widest(root: FlameNode, accept: FrameMatcher): FlameNode | undefined {
  let best: FlameNode | undefined;
  // Breadth first, so among equal totals the shallowest frame wins.
  const queue: FlameNode[] = [root];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    if (accept(node) && (best === undefined || node.total > best.total)) best = node;
    for (const child of node.children) queue.push(child);
  }
  return best;
}

/** The share below which frames were folded (the pruning actually applied), when any were. */
export function prunedBelowPercent(data: FlameGraphData): number | undefined {
  const value = data.foldedBelowPercent;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
