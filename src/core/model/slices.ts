/**
 * Long passes over 10^6 stacks on the extension host's thread are cut into slices, with a turn
 * of the event loop between them, so no single stretch holds the thread for long.
 */

/** How to cut a pass: slice size, what to await between slices, and when to give up. */
export interface Slices {
  readonly sliceSize: number;
  readonly pause: () => Promise<void>;
  /** Checked at each pause: true stops the pass (a newer request superseded it). */
  readonly cancelled: () => boolean;
}

/** Calls `work(from, to)` over 0 … count in slices; resolves false when cancelled at a pause. */
export async function inSlices(count: number, slices: Slices, work: (from: number, to: number) => void): Promise<boolean> {
  for (let from = 0; from < count; from += slices.sliceSize) {
    if (from > 0) {
      await slices.pause();
      if (slices.cancelled()) return false;
    }
    work(from, Math.min(count, from + slices.sliceSize));
  }
  return true;
}
