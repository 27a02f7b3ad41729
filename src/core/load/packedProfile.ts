import type { MemoryProfile } from '../formats/memrayModel';
import type { Frame, Profile, ProfileMeta } from '../model/profile';

/**
 * A Profile as a few typed arrays, to cross from the parse worker to the extension host. A
 * structured clone of 10^6 stack arrays is 10^6 objects to copy and rebuild; these arrays are
 * moved (transferred) instead, and the host rebuilds the stacks in slices between which it
 * answers other events (unpackProfile).
 */
export interface PackedProfile {
  readonly meta: ProfileMeta;
  readonly frames: readonly Frame[];
  /** Stack i is `stackFrames[stackStarts[i] … stackStarts[i + 1])`. */
  readonly stackStarts: Int32Array;
  readonly stackFrames: Int32Array;
  readonly weights: Float64Array;
  /** Memory profiles (MemoryProfile.allocations), parallel to weights. */
  readonly allocations?: Float64Array;
}

/** The profile packed, and the buffers to list as transferable when posting it. */
export function packProfile(profile: Profile): { packed: PackedProfile; transfer: ArrayBuffer[] } {
  const { stacks } = profile;
  const stackStarts = new Int32Array(stacks.length + 1);
  let size = 0;
  for (let i = 0; i < stacks.length; i++) {
    stackStarts[i] = size;
    size += stacks[i].length;
  }
  stackStarts[stacks.length] = size;
  const stackFrames = new Int32Array(size);
  for (let i = 0; i < stacks.length; i++) stackFrames.set(stacks[i], stackStarts[i]);
  const weights = Float64Array.from(profile.weights);
  const allocationCounts = (profile as Partial<MemoryProfile>).allocations;
  const allocations = Array.isArray(allocationCounts) ? Float64Array.from(allocationCounts) : undefined;
  const packed: PackedProfile = { meta: profile.meta, frames: profile.frames, stackStarts, stackFrames, weights, ...(allocations && { allocations }) };
  const transfer = [stackStarts.buffer, stackFrames.buffer, weights.buffer, ...(allocations ? [allocations.buffer] : [])];
  return { packed, transfer };
}

/**
 * Stacks rebuilt per slice before unpackProfile lets other work run: ~3 ms at depth 30 on an idle
 * machine (20,000 measured 35–127 ms a slice on a loaded 2-core one, GC included: bench/, "host-thread").
 */
export const STACKS_PER_SLICE = 4_000;

/**
 * The Profile back from its packed form, equal (deepEqual) to the one packed. Between slices of
 * STACKS_PER_SLICE stacks it yields to the event loop (`pause`), so rebuilding 10^6 stacks never
 * blocks the extension host for long.
 */
export async function unpackProfile(packed: PackedProfile, pause: () => Promise<void> = nextTurn): Promise<Profile> {
  const { stackStarts, stackFrames } = packed;
  const count = stackStarts.length - 1;
  const stacks: number[][] = new Array<number[]>(count);
  for (let from = 0; from < count; from += STACKS_PER_SLICE) {
    if (from > 0) await pause();
    const to = Math.min(count, from + STACKS_PER_SLICE);
    for (let i = from; i < to; i++) {
      const start = stackStarts[i];
      const length = stackStarts[i + 1] - start;
      const stack = new Array<number>(length);
      for (let k = 0; k < length; k++) stack[k] = stackFrames[start + k];
      stacks[i] = stack;
    }
  }
  const profile: Profile = { meta: packed.meta, frames: packed.frames, stacks, weights: Array.from(packed.weights) };
  if (packed.allocations === undefined) return profile;
  const memory: MemoryProfile = { ...profile, allocations: Array.from(packed.allocations) };
  return memory;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
