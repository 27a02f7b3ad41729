/**
 * Heat levels for hot lines: a few fixed buckets, so the host creates one decoration type per
 * level once (not one per line) and themes colour each level through `contributes.colors`.
 */

/** Number of heat levels; a hot line has a level in 1..HEAT_LEVELS, 0 means no hint at all. */
export const HEAT_LEVELS = 5;

/**
 * Lower bounds (inclusive) of levels 2..5, as shares of the shown total: 2 %, 5 %, 10 %, 25 %.
 * Roughly ×2.5 apart because line costs have a long tail: a handful of lines hold most of the
 * time, and the levels should separate those while every line above the floor still shows.
 */
export const HEAT_THRESHOLDS: readonly number[] = [0.02, 0.05, 0.1, 0.25];

/** `profileFirst.minLineShare`'s default as a fraction (0.5 %): lines below it get nothing. */
export const DEFAULT_MIN_LINE_SHARE = 0.005;

/** The heat level of a share (0..1): 0 below `minLineShare` or when nothing was measured, else 1..HEAT_LEVELS. */
export function heatLevel(share: number, minLineShare: number = DEFAULT_MIN_LINE_SHARE): number {
  // `!(share > 0)` also rejects NaN (a share of an empty profile).
  if (!(share > 0) || share < minLineShare) return 0;
  let level = 1;
  for (const bound of HEAT_THRESHOLDS) if (share >= bound) level++;
  return level;
}
