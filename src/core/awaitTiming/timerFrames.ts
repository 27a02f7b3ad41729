/**
 * The await timer runs inside the profiled program, so py-spy samples its frames too: the
 * wrapper's `_TimedCoroutine.send` sits between the event loop and every task's coroutine, and
 * start-up shows the timer's sitecustomize. They are not the user's code; views drop them.
 */
import type { Profile } from '../model/profile';

// `…/profile_first_await_timing/timer.py` (recorded with --full-filenames or without) and the
// sitecustomize in `…/await_timing/` that loads it.
const TIMER_FILE = /(?:^|[\\/])profile_first_await_timing[\\/]|(?:^|[\\/])await_timing[\\/]sitecustomize\.py$/;

/** True for a frame file that belongs to Profile First's await timer. */
export function isAwaitTimerFile(file: string | undefined): boolean {
  return file !== undefined && TIMER_FILE.test(file);
}

/**
 * The profile without the await timer's frames: each stack keeps its other frames, so the
 * coroutine appears right under the event loop, as without the timer. The same object when no
 * frame is the timer's (every profile not recorded with it).
 */
export function withoutAwaitTimerFrames(profile: Profile): Profile {
  const drop = new Set<number>();
  profile.frames.forEach((f, i) => {
    if (isAwaitTimerFile(f.file)) drop.add(i);
  });
  if (drop.size === 0) return profile;
  const stacks: number[][] = [];
  const weights: number[] = [];
  profile.stacks.forEach((stack, i) => {
    const kept = Array.from(stack).filter((f) => !drop.has(f));
    // A stack of nothing but timer frames (its start-up import) has no code left to show.
    if (kept.length === 0) return;
    stacks.push(kept);
    weights.push(profile.weights[i]);
  });
  return { ...profile, stacks, weights };
}
