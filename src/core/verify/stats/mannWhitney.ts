/**
 * Mann–Whitney U test (Wilcoxon rank-sum), two-sided: do two samples of run measurements come
 * from the same distribution? Rank-based, so one slow outlier run cannot dominate it, and no
 * normality is assumed (run times are skewed to the right).
 */
import { normalTwoSidedP } from './normal';
import { rankWithTies } from './ranks';

/**
 * Largest n₁·n₂ for the exact distribution. Its table has n₁·n₂ + 1 entries and costs about
 * (n₁·n₂)²/4 additions (50 × 50 runs: 1.6 M), so every realistic verification is exact when
 * there are no ties. SciPy's `method="auto"` switches to the normal approximation already above
 * 8 runs; the exact p-value is never worse, and at 10 runs it differs in the second digit.
 */
export const EXACT_MAX_CELLS = 2500;

/** Which distribution the p-value came from. */
export type MannWhitneyMethod = 'exact' | 'asymptotic';

/** Result of a two-sided Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U of the first sample: the number of pairs (x, y) with x > y, ties counting ½. */
  readonly u: number;
  readonly pValue: number;
  /**
   * `exact` when there are no ties and n₁·n₂ ≤ EXACT_MAX_CELLS (the permutation distribution of
   * U, without approximation); otherwise `asymptotic`: the normal approximation with the tie
   * correction of the variance and a continuity correction of ½ — the same as SciPy's
   * `mannwhitneyu(x, y, method="asymptotic", use_continuity=True)`.
   */
  readonly method: MannWhitneyMethod;
}

/** Two-sided Mann–Whitney U test of x against y. */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann–Whitney U needs at least one value on each side');
  const { ranks, tieSizes } = rankWithTies([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  // Two-sided: the larger of U₁ and U₂ = n₁n₂ − U₁ measured against the upper tail, doubled
  // (the null distribution is symmetric about n₁n₂/2).
  const uMax = Math.max(u1, n1 * n2 - u1);
  if (tieSizes.length === 0 && n1 * n2 <= EXACT_MAX_CELLS) {
    return { u: u1, pValue: Math.min(1, 2 * exactUpperTail(uMax, n1, n2)), method: 'exact' };
  }
  return { u: u1, pValue: asymptoticP(uMax, n1, n2, tieSizes), method: 'asymptotic' };
}

/**
 * Normal approximation: mean n₁n₂/2, variance n₁n₂/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1)))
 * (Lehmann 1975, tie-corrected), z = (U − mean − ½)/sd with U the larger of U₁, U₂.
 */
function asymptoticP(uMax: number, n1: number, n2: number, tieSizes: readonly number[]): number {
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((sum, t) => sum + t * t * t - t, 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  // Every value tied: the samples cannot be told apart.
  if (!(variance > 0)) return 1;
  const z = (uMax - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
  return normalTwoSidedP(z);
}

/** P(U ≥ u) under the null hypothesis for sample sizes n1, n2 (no ties). */
export function exactUpperTail(u: number, n1: number, n2: number): number {
  const counts = exactCounts(n1, n2);
  let total = 0;
  let tail = 0;
  for (let k = 0; k < counts.length; k++) {
    total += counts[k];
    if (k >= u) tail += counts[k];
  }
  return tail / total;
}

/**
 * Number of orderings of n1 x's and n2 y's giving each value of U (0 … n1·n2): the coefficients
 * of the Gaussian binomial [n1 + n2 choose n1]_q. Built with the recurrence of Mann & Whitney
 * (1947): c(u; i, j) = c(u − j; i − 1, j) + c(u; i, j − 1) — the largest of i + j values is
 * either an x (beating all j y's) or a y. Only additions of non-negative counts, so no
 * cancellation; the counts (≤ C(100, 50) ≈ 10²⁹) fit a double with relative error ~10⁻¹⁶.
 */
export function exactCounts(n1: number, n2: number): Float64Array {
  // prev[j] holds c(·; i − 1, j); row i = 0 is a single ordering with U = 0 for every j.
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n2; j++) prev.push(Float64Array.of(1));
  for (let i = 1; i <= n1; i++) {
    const row: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n2; j++) {
      const cell = new Float64Array(i * j + 1);
      const fromX = prev[j]; // length (i − 1)·j + 1, shifted by j
      for (let k = 0; k < fromX.length; k++) cell[k + j] += fromX[k];
      const fromY = row[j - 1]; // length i·(j − 1) + 1
      for (let k = 0; k < fromY.length; k++) cell[k] += fromY[k];
      row.push(cell);
    }
    prev = row;
  }
  return prev[n2];
}
