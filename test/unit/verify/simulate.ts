/** Seeded simulation of run measurements for the calibration tests. */
import type { RunMeasurement, VerifySamples } from '../../../src/core/verify/measurement';
import { mulberry32, type Random } from '../../../src/core/verify/stats/prng';

/** Standard normal variates by Box–Muller from a seeded uniform generator. */
export function gaussian(random: Random): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** How one side's runs are distributed. */
export interface RunModel {
  /** Median wall time in seconds. */
  readonly wallSec: number;
  /** Run-to-run noise of wall time: sd of its logarithm (0.1 ≈ 10 %). */
  readonly noise: number;
  /** Median peak RSS in bytes. */
  readonly rssBytes: number;
}

/**
 * Runs of a CPU-bound script, shaped like the measurements in examples/verify: CPU time tracks
 * wall time (×0.97, 1 % own noise), peak RSS varies by 0.2 % and is counted in 4 KiB pages (so
 * it ties often, as real ru_maxrss does).
 */
export function simulateRuns(model: RunModel, n: number, normal: () => number): RunMeasurement[] {
  return Array.from({ length: n }, () => {
    const wall = model.wallSec * Math.exp(model.noise * normal());
    return {
      wallSec: wall,
      cpuSec: wall * 0.97 * Math.exp(0.01 * normal()),
      peakRssBytes: 4096 * Math.round((model.rssBytes / 4096) * Math.exp(0.002 * normal())),
    };
  });
}

/** A seeded source of simulated verifications. */
export function simulator(seed: number) {
  const normal = gaussian(mulberry32(seed));
  return (baseline: RunModel, candidate: RunModel, n: number): VerifySamples => ({
    runs: n,
    warmup: 0,
    baseline: { argv: ['baseline'], runs: simulateRuns(baseline, n, normal) },
    candidate: { argv: ['candidate'], runs: simulateRuns(candidate, n, normal) },
  });
}
