import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benjaminiHochberg, holm } from '../../../src/core/verify/stats/multipleTesting';

// Worked by hand, m = 5. Sorted p: 0.005 (i=1), 0.01 (2), 0.03 (3), 0.04 (4), 0.2 (5).
// p·m/i: 0.025, 0.025, 0.05, 0.05, 0.2. Running minimum from the largest rank down:
// 0.2, 0.05, 0.05, 0.025, 0.025. Back in input order: [0.025, 0.05, 0.05, 0.025, 0.2]
// (SciPy 1.17.1 `scipy.stats.false_discovery_control(p, method="bh")` gives the same).
test('Benjamini–Hochberg adjusts five p-values as worked by hand', () => {
  const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2]);
  const expected = [0.025, 0.05, 0.05, 0.025, 0.2];
  adjusted.forEach((p, i) => assert.ok(Math.abs(p - expected[i]) < 1e-15, `row ${i}: ${p} ≠ ${expected[i]}`));
});

test('Benjamini–Hochberg never raises an adjusted p-value above 1', () => {
  assert.deepEqual(benjaminiHochberg([0.9, 0.95, 1]), [1, 1, 1]);
});

test('Benjamini–Hochberg of one p-value is that p-value', () => {
  assert.deepEqual(benjaminiHochberg([0.03]), [0.03]);
  assert.deepEqual(benjaminiHochberg([]), []);
});

// Worked by hand, m = 3. Sorted p: 0.01 (rank 1), 0.02 (2), 0.04 (3). (m − rank + 1)·p:
// 0.03, 0.04, 0.04; running maximum: 0.03, 0.04, 0.04. Input order [0.04, 0.01, 0.02] →
// [0.04, 0.03, 0.04] (R: p.adjust(c(0.04, 0.01, 0.02), "holm") gives the same).
test('Holm adjusts three p-values as worked by hand', () => {
  const adjusted = holm([0.04, 0.01, 0.02]);
  const expected = [0.04, 0.03, 0.04];
  adjusted.forEach((p, i) => assert.ok(Math.abs(p - expected[i]) < 1e-15, `row ${i}: ${p} ≠ ${expected[i]}`));
});

test('Holm caps adjusted p-values at 1 and keeps them monotone in the raw order', () => {
  assert.deepEqual(holm([0.6, 0.3, 0.9]), [1, 0.8999999999999999, 1]);
});
