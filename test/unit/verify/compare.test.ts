import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareMetric, withPValue } from '../../../src/core/verify/compare';

const slow = [0.412, 0.398, 0.441, 0.405, 0.42, 0.433, 0.401, 0.415, 0.428, 0.409];
const fast = [0.203, 0.196, 0.211, 0.199, 0.207, 0.197, 0.218, 0.194, 0.2, 0.206];

test('a 2× faster candidate is significantly better with the exact p-value of complete separation', () => {
  const c = compareMetric('wallSec', slow, fast);
  assert.equal(c.direction, 'better');
  assert.equal(c.significant, true);
  assert.equal(c.pMethod, 'exact');
  assert.ok(Math.abs(c.pValue - 2 / 184756) < 1e-15);
  assert.ok(c.ci95[1] < 0.55);
  assert.deepEqual(c.baseline.values, slow);
});

test('a 2× slower candidate is significantly worse', () => {
  const c = compareMetric('wallSec', fast, slow);
  assert.equal(c.direction, 'worse');
  assert.ok(c.ci95[0] > 1.8);
});

test('two samples that interleave are not significant', () => {
  const c = compareMetric('cpuSec', slow, [0.41, 0.4, 0.44, 0.404, 0.422, 0.43, 0.402, 0.416, 0.427, 0.41]);
  assert.equal(c.significant, false);
  assert.equal(c.direction, 'none');
});

test('a small p-value whose interval still contains 1 is not significant', () => {
  const c = withPValue(compareMetric('wallSec', slow, slow), 0.001);
  assert.ok(c.ci95[0] < 1 && c.ci95[1] > 1);
  assert.equal(c.significant, false);
});

test('an interval excluding 1 with p ≥ 0.05 after adjustment is not significant', () => {
  const c = withPValue(compareMetric('wallSec', slow, fast), 0.06);
  assert.equal(c.significant, false);
  assert.equal(c.direction, 'none');
  assert.equal(c.pValueUnadjusted, 2 / 184756);
});

test('a significant change under 2 % (the same program, 1 % more RSS) decides nothing; 3 % does', () => {
  const rss = Array.from({ length: 10 }, (_, i) => 15_000_000 + i * 1_000);
  const plusOne = rss.map((b) => b * 1.01);
  const small = compareMetric('peakRssBytes', rss, plusOne);
  assert.equal(small.significant, true);
  assert.ok(small.ratio > 1.009 && small.ratio < 1.011, String(small.ratio));
  assert.equal(small.direction, 'none');
  const three = compareMetric('peakRssBytes', rss, rss.map((b) => b * 1.03));
  assert.equal(three.direction, 'worse');
  assert.equal(withPValue(small, 0.001).direction, 'none');
});

test('constant peak RSS on both sides is no change with p = 1 and ratio 1', () => {
  const rss = Array.from({ length: 10 }, () => 10_485_760);
  const c = compareMetric('peakRssBytes', rss, rss);
  assert.equal(c.pValue, 1);
  assert.equal(c.ratio, 1);
  assert.deepEqual(c.ci95, [1, 1]);
  assert.equal(c.direction, 'none');
});
