import type { FlameNode } from '../model/flameTree';
import type { Frame, Profile, Stack } from '../model/profile';
import { inSlices, type Slices } from '../model/slices';

/**
 * Zooming the flame graph into a node restricts the editor hints to the samples under it. The
 * result is an ordinary Profile, so the same aggregation gives the zoomed lines and functions,
 * with shares of the zoomed total.
 *
 * A node is matched to frames by (kind, name, file, line), the identity ProfileBuilder interns
 * frames by; a call tree node does not keep its frame index, so a profile holding two frames with
 * the same identity (not built by ProfileBuilder) would have both zoomed together.
 */

/** Stacks restricted or summed per turn of the event loop when the extension host zooms the hints (~20 ms at depth 30). */
export const ZOOM_STACKS_PER_SLICE = 20_000;

/** The samples whose stack passes through a call-tree node (same root-first path), same meta; undefined if the id is not in the tree. */
export function restrictToNode(profile: Profile, tree: FlameNode, nodeId: number): Profile | undefined {
  const through = stackFilter(profile, tree, nodeId);
  if (through === undefined) return undefined;
  if (through === 'all') return profile;
  return restricted(profile, through, 0, profile.stacks.length, { stacks: [], weights: [] });
}

/**
 * restrictToNode in slices of `sliceSize` stacks, awaiting `pause()` between them, so a profile of
 * 10^6 stacks (~250 ms to restrict) never holds the extension host's thread for long. Resolves
 * to undefined also when `cancelled()` turns true at a pause (a newer zoom came).
 */
export async function restrictToNodeInSlices(
  profile: Profile,
  tree: FlameNode,
  nodeId: number,
  slices: Slices,
): Promise<Profile | undefined> {
  const through = stackFilter(profile, tree, nodeId);
  if (through === undefined) return undefined;
  if (through === 'all') return profile;
  const out = { stacks: [] as Stack[], weights: [] as number[] };
  const done = await inSlices(profile.stacks.length, slices, (from, to) => restricted(profile, through, from, to, out));
  return done ? { meta: profile.meta, frames: profile.frames, ...out } : undefined;
}

/** Adds the stacks `from … to` that pass `through` (and their weights) to `out`; returns them as a profile. */
function restricted(profile: Profile, through: (stack: Stack) => boolean, from: number, to: number, out: { stacks: Stack[]; weights: number[] }): Profile {
  for (let s = from; s < to; s++) {
    const stack = profile.stacks[s];
    if (!through(stack)) continue;
    out.stacks.push(stack);
    out.weights.push(profile.weights[s]);
  }
  return { meta: profile.meta, frames: profile.frames, stacks: out.stacks, weights: out.weights };
}

/** Whether a stack passes through the node: a test, 'all' for the root, undefined for an id not in the tree. */
function stackFilter(profile: Profile, tree: FlameNode, nodeId: number): ((stack: Stack) => boolean) | 'all' | undefined {
  const path = pathTo(tree, nodeId);
  if (path === undefined) return undefined;
  if (path.length === 1) return 'all'; // the root: every sample
  const target = path[path.length - 1];
  const byIdentity = framesByIdentity(profile.frames);
  const matches = (node: FlameNode): ReadonlySet<number> => new Set(byIdentity.get(identity(node)) ?? []);
  // Below the root, one set of acceptable frame indices per depth.
  const prefix = (target.kind === 'other' ? path.slice(1, -1) : path.slice(1)).map(matches);
  // An "other" node stands for the children pruning folded away: the parent's samples that go
  // on into a frame other than the children still drawn.
  const drawnSiblings = target.kind === 'other' ? new Set(path[path.length - 2].children.filter((c) => c.kind !== 'other').flatMap((c) => [...matches(c)])) : undefined;
  const need = prefix.length + (drawnSiblings === undefined ? 0 : 1);
  return (stack) => {
    if (stack.length < need) return false;
    for (let d = 0; d < prefix.length; d++) if (!prefix[d].has(stack[d])) return false;
    return drawnSiblings === undefined || !drawnSiblings.has(stack[prefix.length]);
  };
}

/** The nodes from the root to the node with this id, or undefined. Iterative: stacks can be thousands deep. */
function pathTo(root: FlameNode, nodeId: number): FlameNode[] | undefined {
  const path: FlameNode[] = [];
  const todo: { node: FlameNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (todo.length > 0) {
    const { node, depth } = todo.pop() as { node: FlameNode; depth: number };
    path.length = depth;
    path.push(node);
    if (node.id === nodeId) return path;
    for (let i = node.children.length - 1; i >= 0; i--) todo.push({ node: node.children[i], depth: depth + 1 });
  }
  return undefined;
}

function identity(f: Pick<Frame, 'name' | 'file' | 'line'> & { readonly kind: string }): string {
  return `${f.kind}\u0000${f.name}\u0000${f.file ?? ''}\u0000${f.line ?? ''}`;
}

function framesByIdentity(frames: readonly Frame[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  frames.forEach((f, i) => {
    const key = identity(f);
    const list = map.get(key);
    if (list === undefined) map.set(key, [i]);
    else list.push(i);
  });
  return map;
}
