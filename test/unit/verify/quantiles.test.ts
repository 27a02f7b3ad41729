// Quantiles are Hyndman & Fan type 7; expected values from NumPy 2.4.6:
//   numpy.quantile([0.31, 0.29, 0.35, 0.30, 0.33, 0.28, 0.45, 0.32, 0.30, 0.34], p, method="linear")
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, minSampleSizeForQuantile, quantile, summarize } from '../../../src/core/verify/stats/quantiles';

const runs = [0.31, 0.29, 0.35, 0.3, 0.33, 0.28, 0.45, 0.32, 0.3, 0.34];

test('type-7 quantiles of ten runs equal NumPy method="linear"', () => {
  assert.ok(Math.abs(quantile(runs, 0.25) - 0.3) < 1e-15);
  assert.ok(Math.abs(quantile(runs, 0.5) - 0.315) < 1e-15);
  assert.ok(Math.abs(quantile(runs, 0.95) - 0.4049999999999999) < 1e-15);
  assert.ok(Math.abs(quantile(runs, 0.99) - 0.441) < 1e-15);
});

test('the median of an even count is the mean of the two middle values', () => {
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([5]), 5);
});

test('p95 needs 20 runs and p99 needs 100 runs to have data above them', () => {
  assert.equal(minSampleSizeForQuantile(0.95), 20);
  assert.equal(minSampleSizeForQuantile(0.99), 100);
});

test('a summary of ten runs flags p95 and p99 as unreliable', () => {
  const s = summarize(runs);
  assert.equal(s.n, 10);
  assert.equal(s.p95Reliable, false);
  assert.equal(s.p99Reliable, false);
  assert.ok(Math.abs(s.median - 0.315) < 1e-15);
});

test('a summary of 100 runs flags p99 as reliable', () => {
  const s = summarize(Array.from({ length: 100 }, (_, i) => i));
  assert.equal(s.p95Reliable, true);
  assert.equal(s.p99Reliable, true);
  assert.ok(Math.abs(s.p99 - 98.01) < 1e-12);
});

test('an empty sample or a NaN is refused rather than summarised', () => {
  assert.throws(() => median([]), RangeError);
  assert.throws(() => median([1, NaN]), RangeError);
});
