import type { ProfileMeta, WeightUnit } from './profile';

/**
 * What the panel shows under a differential flame graph: the two profiles, and a table of the
 * functions and lines whose share of their profile changed most. Plain data (it crosses the
 * webview message boundary); every number is computed in core (model/diff/).
 */

/** One side of a comparison. */
export interface ComparisonSide {
  /** Usually the file name of the profile. */
  readonly title: string;
  /** The profile's whole total, in `meta.unit`. */
  readonly total: number;
  readonly meta: ProfileMeta;
}

/** Which profiles a row's function or line was recorded in. */
export type RowPresence = 'both' | 'baseline-only' | 'candidate-only';

/**
 * One function or source line in both profiles. Shares are of each profile's own total (so a
 * longer recording does not look slower), from the inclusive weight: the samples with the
 * function or line anywhere on the stack, counted once per sample.
 */
export interface ComparisonRow {
  readonly kind: 'function' | 'line';
  /** A function's name, or `file:line` for a line. */
  readonly label: string;
  /** The file as recorded; absent for functions recorded without one. */
  readonly file?: string;
  /** A line's number, or a function's first recorded line. */
  readonly line?: number;
  /** Inclusive weight in each profile, in its unit. */
  readonly baselineWeight: number;
  readonly candidateWeight: number;
  /** Percent of each profile's total (0..100). */
  readonly before: number;
  readonly after: number;
  /** after − before, in percentage points (positive: grew). */
  readonly changePoints: number;
  /** Candidate seconds − baseline seconds; absent unless both profiles know their sampling rate. */
  readonly changeSeconds?: number;
  /** Two-proportion z-test of the two shares; absent when the test does not apply (memory profiles). */
  readonly pValue?: number;
  /** Benjamini–Hochberg adjusted p across all rows of the comparison. */
  readonly pAdjusted?: number;
  /** pAdjusted below the false discovery rate (0.05). Always false when the test does not apply. */
  readonly significant: boolean;
  readonly presence: RowPresence;
}

/** The comparison part of a differential flame graph's data. */
export interface ComparisonView {
  readonly baseline: ComparisonSide;
  readonly candidate: ComparisonSide;
  /** The unit both profiles share (the comparison refuses profiles of different units). */
  readonly unit: WeightUnit;
  /** The rows with the largest absolute change first, at most a cap. */
  readonly rows: readonly ComparisonRow[];
  /** How many rows were left out by the cap (the smallest changes). */
  readonly omittedRows: number;
  /** True when rows carry p-values (CPU sample counts). */
  readonly testApplies: boolean;
  /** What the significance column means here, or why there is none. */
  readonly testNote: string;
  /** Samples within one run are correlated: one comparison is indicative, repeated runs are the test. */
  readonly correlationNote: string;
  /**
   * The baseline's weight drawn nowhere in the graph: frames only the baseline has get width 0
   * in a graph whose widths are the candidate's, so they are listed in the table (presence
   * `baseline-only`) and their share is counted here.
   */
  readonly removedPercent: number;
}
