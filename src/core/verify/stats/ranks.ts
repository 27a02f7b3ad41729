/** Ranks of a pooled sample, shared by the rank tests. */

/** Midranks (1-based; tied values share the mean of their ranks) and the sizes of tie groups. */
export interface Ranking {
  readonly ranks: Float64Array;
  /** Size t of every group of tied values with t ≥ 2 (for the Σ(t³ − t) tie correction). */
  readonly tieSizes: readonly number[];
}

/** Assigns midranks to values, in input order. */
export function rankWithTies(values: readonly number[]): Ranking {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const midrank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = midrank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}
