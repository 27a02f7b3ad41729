/**
 * Seeded randomness for the benchmark generators: the same seed gives the same files on every
 * machine, so a benchmark number can be compared across runs and a cached input reused.
 */
import { mulberry32 } from '../../src/core/verify/stats/prng';

/** A uniform [0, 1) source; the generator is core's mulberry32 (the verify statistics' PRNG). */
export type Random = () => number;

/** A deterministic uniform [0, 1) generator for `seed`. */
export function seededRandom(seed: number): Random {
  return mulberry32(seed);
}

/** An integer in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * A Pareto-distributed sample count ≥ 1 (tail index `alpha`, capped): a few stacks are hot and
 * most are seen once or twice, the shape of real sampling profiles (reference §1.2 used 1.5).
 */
export function paretoCount(random: Random, alpha = 1.5, cap = 100_000): number {
  const u = 1 - random(); // (0, 1]
  return Math.min(cap, Math.floor(1 / u ** (1 / alpha)));
}

/**
 * Zipf-like weights 1/(i+1)^s for `k` items, normalised to sum to 1: the first child of a
 * call site takes the largest share, as the hottest callee usually does.
 */
export function zipfWeights(k: number, s = 1.1): number[] {
  const raw = Array.from({ length: k }, (_, i) => 1 / (i + 1) ** s);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / sum);
}

/** A 32-bit integer hash (for deterministic "this caller always calls that callee" chains). */
export function hash32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}
