/**
 * Two-proportion z-test, for comparing one function's share of samples between two profiles.
 * Samples within one recording are autocorrelated (consecutive samples see the same call), so
 * the effective sample size is smaller than the count and this test is optimistic: use it to
 * rank and flag rows of one comparison, and repeated runs (`verify`) as the real test.
 */
import { normalTwoSidedP } from './normal';

/** Result of a two-proportion z-test. */
export interface TwoProportionResult {
  readonly p1: number;
  readonly p2: number;
  readonly z: number;
  readonly pValue: number;
}

/**
 * Two-sided test of x1/n1 = x2/n2 with the pooled standard error
 * √(p̂(1 − p̂)(1/n1 + 1/n2)), p̂ = (x1 + x2)/(n1 + n2) (Agresti 2013, §2.1.2; the same as R's
 * `prop.test(correct = FALSE)`). When p̂ is 0 or 1 both shares are equal and p = 1.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionResult {
  if (!(n1 > 0 && n2 > 0)) throw new RangeError('two-proportion test needs n1 > 0 and n2 > 0');
  if (x1 < 0 || x1 > n1 || x2 < 0 || x2 > n2) throw new RangeError('counts must lie between 0 and n');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { p1, p2, z: 0, pValue: 1 };
  const z = (p2 - p1) / se;
  return { p1, p2, z, pValue: normalTwoSidedP(z) };
}
