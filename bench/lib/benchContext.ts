import type { BenchRow } from './benchRow';

/**
 * How big each benchmark's inputs are. `full` is the table (100 MB and 300 MB files,
 * 10^5 and 10^6 stacks); `quick` is a tenth of it for a first look; `tiny` only proves that every
 * benchmark still runs (test/unit/bench), its numbers mean nothing.
 */
export type BenchMode = 'full' | 'quick' | 'tiny';

/** Input sizes and repetitions for one mode. Sizes are distinct stacks of the synthetic program (bench/generate). */
export interface BenchSizes {
  readonly mode: BenchMode;
  /** ~100 MB of py-spy raw text in `full` (80,000 stacks ≈ 99 MB). */
  readonly rawStacks: number;
  /** ~100 MB of py-spy speedscope JSON in `full` (250,000 stacks ≈ 650,000 samples ≈ 97 MB). */
  readonly speedscopeStacks: number;
  /** ~300 MB of raw text in `full`. */
  readonly bigRawStacks: number;
  /** ~300 MB of speedscope JSON in `full` (0: skipped). */
  readonly bigSpeedscopeStacks: number;
  /** The label the rows use for the two file sizes ("100 MB", "300 MB" in full). */
  readonly fileLabel: string;
  readonly bigFileLabel: string;
  /** Distinct stacks drawn in the flame graph page. */
  readonly flameStacks: readonly number[];
  /** Process runs per measurement (median reported). */
  readonly runs: number;
  /** Seconds examples/cpu_hot.py runs per py-spy overhead run, and how many alternated pairs. */
  readonly pySpySeconds: number;
  readonly pySpyPairs: number;
  /** Seconds of the simulated recording processed in "after a recording". */
  readonly recordingSeconds: number;
}

export const SIZES: Readonly<Record<BenchMode, BenchSizes>> = {
  full: {
    mode: 'full',
    rawStacks: 80_000,
    speedscopeStacks: 250_000,
    bigRawStacks: 240_000,
    bigSpeedscopeStacks: 750_000,
    fileLabel: '100 MB',
    bigFileLabel: '300 MB',
    flameStacks: [100_000, 1_000_000],
    runs: 3,
    pySpySeconds: 3,
    pySpyPairs: 5,
    recordingSeconds: 60,
  },
  quick: {
    mode: 'quick',
    rawStacks: 8_000,
    speedscopeStacks: 25_000,
    bigRawStacks: 24_000,
    bigSpeedscopeStacks: 0,
    fileLabel: '10 MB',
    bigFileLabel: '30 MB',
    flameStacks: [10_000, 100_000],
    runs: 3,
    pySpySeconds: 1,
    pySpyPairs: 3,
    recordingSeconds: 60,
  },
  tiny: {
    mode: 'tiny',
    rawStacks: 300,
    speedscopeStacks: 500,
    bigRawStacks: 600,
    bigSpeedscopeStacks: 0,
    fileLabel: '0.4 MB',
    bigFileLabel: '0.7 MB',
    flameStacks: [1_000],
    runs: 1,
    pySpySeconds: 0.3,
    pySpyPairs: 1,
    recordingSeconds: 2,
  },
};

/** What every benchmark gets. */
export interface BenchContext {
  readonly sizes: BenchSizes;
  /** Progress for the person waiting (stderr), never part of the results. */
  readonly log: (message: string) => void;
}

/** One group of rows (a file in bench/suites). */
export interface BenchSuite {
  readonly name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}
