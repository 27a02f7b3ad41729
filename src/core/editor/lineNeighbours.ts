import { isCodeFrame, type Profile } from '../model/profile';

/**
 * Who calls a line and what it calls, for the hover. A caller is the code frame immediately
 * above one of the line's frames on a stack (towards the root), a callee the one immediately
 * below. Like a line's total, each caller or callee is counted once per sample, so recursion
 * through the line does not count a sample twice.
 */

/** A caller or callee of a line. */
export interface Neighbour {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  /** Weight of the samples where this frame calls (or is called by) the line, in meta.unit. */
  readonly weight: number;
  /** `weight` as a fraction of the line's total: how much of the line's cost goes through it. */
  readonly share: number;
}

/** A line's cost with its top callers and callees. */
export interface LineNeighbours {
  /** Weight of samples whose innermost code frame is on the line. */
  readonly self: number;
  /** Weight of samples with the line anywhere on the stack, once per sample. */
  readonly total: number;
  readonly callers: readonly Neighbour[];
  readonly callees: readonly Neighbour[];
}

/** The top callers and callees of a recorded file's line, heaviest first. */
export function lineNeighbours(profile: Profile, file: string, line: number, options: { readonly top?: number } = {}): LineNeighbours {
  const top = options.top ?? 5;
  const { frames, stacks, weights } = profile;
  // Several frames can sit on one line (a lambda and its enclosing function, or one name per
  // py-spy thread): the line is all of them.
  const onLine = new Uint8Array(frames.length);
  let any = false;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (f.file === file && f.line === line && isCodeFrame(f)) {
      onLine[i] = 1;
      any = true;
    }
  }
  if (!any) return { self: 0, total: 0, callers: [], callees: [] };
  const isCode = frames.map(isCodeFrame);
  const callerWeight = new Map<number, number>();
  const calleeWeight = new Map<number, number>();
  // Per frame, the last sample it was counted in: "once per sample" without a Set per sample.
  const callerSeen = new Int32Array(frames.length).fill(-1);
  const calleeSeen = new Int32Array(frames.length).fill(-1);
  let self = 0;
  let total = 0;
  for (let s = 0; s < stacks.length; s++) {
    const stack = stacks[s];
    const w = weights[s];
    if (!(w > 0)) continue; // as in aggregateLines, so hover and hints agree
    let hit = false;
    for (let k = 0; k < stack.length; k++) {
      if (onLine[stack[k]] === 0) continue;
      hit = true;
      if (k > 0) count(stack[k - 1], s, w, isCode, callerSeen, callerWeight);
      if (k + 1 < stack.length) count(stack[k + 1], s, w, isCode, calleeSeen, calleeWeight);
    }
    if (!hit) continue;
    total += w;
    let innermost = stack.length - 1;
    while (innermost >= 0 && !isCode[stack[innermost]]) innermost--;
    if (innermost >= 0 && onLine[stack[innermost]] === 1) self += w;
  }
  return { self, total, callers: ranked(profile, callerWeight, total, top), callees: ranked(profile, calleeWeight, total, top) };
}

function count(frame: number, sample: number, w: number, isCode: readonly boolean[], seen: Int32Array, weights: Map<number, number>): void {
  // Pseudo-frames (`process …`, `thread …`) are not callers: they call nothing.
  if (!isCode[frame] || seen[frame] === sample) return;
  seen[frame] = sample;
  weights.set(frame, (weights.get(frame) ?? 0) + w);
}

function ranked(profile: Profile, weights: Map<number, number>, lineTotal: number, top: number): Neighbour[] {
  const list = [...weights].map(([frame, weight]): Neighbour => {
    const { name, file, line } = profile.frames[frame];
    // Absent location fields are left out rather than set to undefined (plain data for the host).
    return { name, ...(file === undefined ? {} : { file }), ...(line === undefined ? {} : { line }), weight, share: lineTotal > 0 ? weight / lineTotal : 0 };
  });
  // Ties broken by name, file and line so the hover does not reorder between updates.
  list.sort((a, b) => b.weight - a.weight || cmp(a.name, b.name) || cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  return list.slice(0, Math.max(0, top));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
