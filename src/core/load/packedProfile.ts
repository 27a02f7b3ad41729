import type { MemoryProfile } from '../formats/memrayModel';
import type { Frame, Profile, ProfileMeta, Stack } from '../model/profile';
import { inSlices } from '../model/slices';

/**
 * A Profile as a few typed arrays, to cross from the parse worker to the extension host. A
 * structured clone of 10^6 stack arrays is 10^6 objects to copy and rebuild; these arrays are
 * moved (transferred) instead, and the host rebuilds the stacks in slices between which it
 * answers other events (unpackProfile).
 */
export interface PackedProfile extends PackedStacks {
  readonly meta: ProfileMeta;
  readonly frames: readonly Frame[];
}

/** The typed-array part of a PackedProfile: what is moved, not copied. */
export interface PackedStacks {
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
 * Stacks rebuilt per slice before unpackProfile lets other work run: each is a view, no copy
 * (~2 ms a slice on an idle machine; bench/, "host-thread").
 */
export const STACKS_PER_SLICE = 5_000;

/**
 * The Profile back from its packed form, equal frame for frame to the one packed. Each stack is
 * a view into the packed frames (Int32Array.subarray), not an array of its own: 10^6 arrays of
 * 30 numbers are ~300 MB of small objects in the host's heap, whose collection stopped the host
 * for over 100 ms at a time; views are a third of that and hold no numbers to scan. Between
 * slices of STACKS_PER_SLICE stacks it yields to the event loop (`pause`).
 */
export async function unpackProfile(packed: PackedProfile, pause: () => Promise<void> = nextTurn): Promise<Profile> {
  const { stackStarts, stackFrames } = packed;
  const count = stackStarts.length - 1;
  const stacks = new Array<Stack>(count);
  const weights = new Array<number>(count);
  const allocations = packed.allocations === undefined ? undefined : new Array<number>(count);
  await inSlices(count, { sliceSize: STACKS_PER_SLICE, pause, cancelled: () => false }, (from, to) => {
    for (let i = from; i < to; i++) {
      stacks[i] = stackFrames.subarray(stackStarts[i], stackStarts[i + 1]);
      weights[i] = packed.weights[i];
      if (allocations !== undefined) allocations[i] = (packed.allocations as Float64Array)[i];
    }
  });
  const profile: Profile = { meta: packed.meta, frames: packed.frames, stacks, weights };
  if (allocations === undefined) return profile;
  const memory: MemoryProfile = { ...profile, allocations };
  return memory;
}

/** Resolves after the event loop has run what was waiting. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
