/**
 * The standard normal tail, to double precision without a table of fitted constants: a
 * positive series for erf near 0 and a continued fraction for erfc in the tail.
 */

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** Below this the series is used; above, the continued fraction (converges in < 200 terms at 1.5). */
const SWITCH = 1.5;

/**
 * Complementary error function. For x < 1.5: 1 − erf(x) with Abramowitz & Stegun 7.1.6,
 * erf x = (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)), whose terms are all positive (no
 * cancellation; erfc(1.5) = 0.034, so 1 − erf loses under two digits). For x ≥ 1.5: the continued fraction A&S 7.1.14,
 * erfc x = (e^(−x²)/√π) / (x + ½/(x + 1/(x + (3/2)/(x + …)))), evaluated by modified Lentz,
 * which keeps full relative precision far into the tail where 1 − erf(x) would round to 0.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SWITCH) return 1 - erfSeries(x);
  if (x > 27) return 0; // e^(−x²) underflows below the smallest double
  return (Math.exp(-x * x) / Math.sqrt(Math.PI)) * lentzTail(x);
}

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** 1 / (x + a₁/(x + a₂/(x + …))) with a_k = k/2, by the modified Lentz algorithm. */
function lentzTail(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/** P(Z > z) for a standard normal Z (the survival function). */
export function normalSf(z: number): number {
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|), capped at 1. */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}
