/**
 * Seeded pseudo-random numbers, so every bootstrap interval and every simulation is reproducible:
 * the same inputs give the same interval on every machine and in every test run.
 */

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

/** Default seed of the bootstrap (any fixed value works; this one is only memorable). */
export const DEFAULT_SEED = 0x5eed;

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator with period 2^32 that
 * passes gjrand and PractRand up to 2^32 outputs, far more than a bootstrap draws (≈10^5).
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}
