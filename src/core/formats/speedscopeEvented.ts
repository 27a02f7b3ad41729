import type { ProfileBuilder } from '../model/profileBuilder';
import { isFrameIndex, type ShapeChecker, type SpeedscopeProfileHeader } from './speedscopeShape';

/**
 * Cap on frame slots written for one evented profile (sum over distinct stacks of their
 * depth). Evented input can nest deeply with few bytes per event, and expanding every
 * interval into a full stack would be quadratic; a trie keeps it linear in events, and
 * this cap bounds the final expansion of a pathological file.
 */
const MAX_FRAME_SLOTS = 10_000_000;

/**
 * Adds an evented profile (`O`/`C` events, spec: `at` non-decreasing, opens and closes
 * balanced) to the builder: the time between two events goes to the stack open between
 * them, times `scale`. Frames still open after the last event are closed at `endValue`
 * (a recording cut short), rather than refusing the whole file.
 */
export function addEventedProfile(
  check: ShapeChecker,
  builder: ProfileBuilder,
  frameIds: readonly number[],
  p: SpeedscopeProfileHeader,
  scale: number,
): void {
  const path = `profiles[${p.index}]`;
  const events = check.array(p.body.events, `${path}.events`);
  // A trie of open stacks: node 0 is the root; each node knows its parent and frame.
  const parent: number[] = [-1];
  const frameOf: number[] = [-1];
  const depthOf: number[] = [0];
  const selfWeight: number[] = [0];
  const child = new Map<number, number>();
  const frameCount = frameIds.length;
  let node = 0;
  let prevAt = -Infinity;
  for (let i = 0; i < events.length; i++) {
    // Error paths are built only on failure: formatting them per event would dominate.
    const raw: unknown = events[i];
    const e = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : check.object(raw, `${path}.events[${i}]`);
    const at = typeof e.at === 'number' && Number.isFinite(e.at) ? e.at : check.finite(e.at, `${path}.events[${i}].at`);
    if (at < prevAt) check.fail(`${path}.events[${i}].at (${at}) is earlier than the event before it (${prevAt})`);
    const frame = isFrameIndex(e.frame, frameCount) ? e.frame : check.frameIndex(e.frame, frameCount, `${path}.events[${i}].frame`);
    if (node !== 0) selfWeight[node] += (at - prevAt) * scale;
    prevAt = at;
    if (e.type === 'O') {
      const key = node * frameCount + frame;
      let next = child.get(key);
      if (next === undefined) {
        next = parent.length;
        parent.push(node);
        frameOf.push(frame);
        depthOf.push(depthOf[node] + 1);
        selfWeight.push(0);
        child.set(key, next);
      }
      node = next;
    } else if (e.type === 'C') {
      if (node === 0) check.fail(`${path}.events[${i}] closes frame ${frame} but no frame is open`);
      if (frameOf[node] !== frame) {
        check.fail(`${path}.events[${i}] closes frame ${frame} but frame ${frameOf[node]} is the innermost open frame`);
      }
      node = parent[node];
    } else {
      check.fail(`${path}.events[${i}].type is not "O" or "C"`);
    }
  }
  if (node !== 0 && p.endValue > prevAt) selfWeight[node] += (p.endValue - prevAt) * scale;

  let slots = 0;
  for (let n = 1; n < parent.length; n++) if (selfWeight[n] > 0) slots += depthOf[n];
  if (slots > MAX_FRAME_SLOTS) check.fail(`${path} nests too deeply to expand (more than ${MAX_FRAME_SLOTS} frames in all)`);
  const stack: number[] = [];
  for (let n = 1; n < parent.length; n++) {
    if (selfWeight[n] <= 0) continue;
    stack.length = depthOf[n];
    for (let m = n, d = depthOf[n] - 1; m !== 0; m = parent[m], d--) stack[d] = frameIds[frameOf[m]];
    builder.addStack(stack, selfWeight[n]);
  }
}
