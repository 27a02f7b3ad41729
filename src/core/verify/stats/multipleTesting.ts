/**
 * Multiple-testing corrections, for the many rows of a profile comparison (one test per function
 * or line): without one, a table of 200 rows shows about 10 "significant" changes by chance.
 */

/**
 * Benjamini–Hochberg (1995) adjusted p-values, in input order: p₍ᵢ₎·m/i for the i-th smallest,
 * made monotone from the largest down and capped at 1 (R's `p.adjust(p, "BH")`). Rejecting rows
 * with adjusted p < q controls the false discovery rate at q for independent or positively
 * dependent tests.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    running = Math.min(running, (pValues[i] * m) / rank);
    adjusted[i] = running;
  }
  return adjusted;
}

/**
 * Holm (1979) step-down adjusted p-values, in input order: max over j ≤ i of (m − j + 1)·p₍ⱼ₎,
 * capped at 1 (R's `p.adjust(p, "holm")`). Rejecting adjusted p < α controls the family-wise
 * error rate at α under any dependence between the tests, and is uniformly more powerful than
 * Bonferroni. Used across the metrics of one verification: its verdict asks whether *any*
 * metric changed, so the chance of a false "changed" must be α for the whole family.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const adjusted = new Array<number>(m);
  let running = 0;
  for (let rank = 1; rank <= m; rank++) {
    const i = order[rank - 1];
    running = Math.max(running, Math.min(1, (m - rank + 1) * pValues[i]));
    adjusted[i] = running;
  }
  return adjusted;
}
