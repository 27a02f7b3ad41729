/** Plain data produced by the runner: what was run and what each run measured. */

/** What one run of a command measured. */
export interface RunMeasurement {
  /** Elapsed time from spawn to exit, monotonic clock. */
  readonly wallSec: number;
  /** User + system CPU time of the process and every descendant it waited for. */
  readonly cpuSec: number;
  /** Largest resident set of the process or of any one waited-for descendant (not their sum). */
  readonly peakRssBytes: number;
  /** Package energy of the whole machine during the run (RAPL), when readable. */
  readonly energyJ?: number;
}

/** Which of the two commands a run belongs to. */
export type Side = 'baseline' | 'candidate';

/** The measured runs of one side, in the order they ran (warm-ups excluded). */
export interface SideRuns {
  /** The command as an argument vector (no shell). */
  readonly argv: readonly string[];
  readonly runs: readonly RunMeasurement[];
}

/** Everything a verification measured; enough to recompute the statistics later (run history). */
export interface VerifySamples {
  /** Measured runs per side. */
  readonly runs: number;
  /** Discarded warm-up runs per side. */
  readonly warmup: number;
  readonly baseline: SideRuns;
  readonly candidate: SideRuns;
  /** Why energy was not measured, when it was not (e.g. RAPL counters absent or root-only). */
  readonly energyUnavailable?: string;
}
