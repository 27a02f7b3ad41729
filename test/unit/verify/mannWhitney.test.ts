// Mann–Whitney U against SciPy. The constants were computed once, with SciPy 1.17.1 and
// NumPy 2.4.6 on Python 3.11, by
//   scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method=M)
// with M = "exact" or "asymptotic" as named in each test (use_continuity=True is the default).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactCounts, mannWhitneyU } from '../../../src/core/verify/stats/mannWhitney';

function assertClose(actual: number, expected: number, relTol = 1e-12): void {
  const tol = relTol * Math.max(Math.abs(expected), Number.MIN_VALUE);
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${relTol} (relative) of ${expected}`);
}

test('the exact p-value of 5 against 6 runs without ties equals SciPy method="exact"', () => {
  const r = mannWhitneyU([0.41, 0.38, 0.52, 0.47, 0.44], [0.36, 0.33, 0.4, 0.35, 0.39, 0.37]);
  assert.equal(r.method, 'exact');
  assert.equal(r.u, 28);
  assertClose(r.pValue, 0.017316017316017316);
});

test('the exact p-value of 10 against 10 runs equals SciPy method="exact"', () => {
  const r = mannWhitneyU(
    [0.412, 0.398, 0.441, 0.405, 0.42, 0.433, 0.401, 0.415, 0.428, 0.409],
    [0.403, 0.392, 0.411, 0.399, 0.407, 0.396, 0.418, 0.394, 0.4, 0.406],
  );
  assert.equal(r.method, 'exact');
  assert.equal(r.u, 80);
  assertClose(r.pValue, 0.023230639329710537);
});

test('completely separated samples of 10 get the smallest exact p-value, 2 / C(20, 10)', () => {
  const r = mannWhitneyU([10, 11, 12, 13, 14, 15, 16, 17, 18, 19], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(r.u, 100);
  assertClose(r.pValue, 1.082508822446903e-5);
  assertClose(r.pValue, 2 / 184756);
});

test('the exact p-value of 30 against 25 runs equals SciPy method="exact"', () => {
  const x = [
    1.00171, 1.06799, 1.06124, 0.97448, 0.9851, 0.97363, 1.02849, 0.9972, 1.03734, 0.90763, 1.07833, 0.99518, 1.03402, 0.99317, 0.98105,
    1.02316, 1.04123, 0.98987, 0.99236, 1.03428, 0.95648, 0.92428, 1.01975, 0.96647, 0.90398, 0.9593, 0.97662, 0.94034, 0.92538, 1.00183,
  ];
  const y = [
    1.01486, 0.95834, 0.93282, 0.98925, 1.00586, 0.955, 0.99723, 1.02214, 0.95965, 0.92932, 0.98738, 0.98238, 1.02494, 0.90577, 0.93692,
    0.92809, 0.8833, 0.97632, 0.99639, 0.93306, 1.03928, 1.0111, 1.00137, 0.99009, 1.01778,
  ];
  const r = mannWhitneyU(x, y);
  assert.equal(r.method, 'exact');
  assert.equal(r.u, 447);
  assertClose(r.pValue, 0.2288535280972124, 1e-10);
});

test('tied values switch to the tie-corrected normal approximation of SciPy method="asymptotic"', () => {
  const r = mannWhitneyU([1, 2, 2, 3, 3, 3, 4, 5], [2, 3, 4, 4, 5, 5, 6]);
  assert.equal(r.method, 'asymptotic');
  assert.equal(r.u, 13.5);
  assertClose(r.pValue, 0.0983349877585014);
});

test('60 against 55 runs exceed the exact table and use the normal approximation of SciPy method="asymptotic"', () => {
  const x = [
    0.9334, 1.0307, 1.03014, 0.91161, 1.01735, 0.98748, 1.03908, 0.97805, 0.99909, 1.01714, 0.95619, 1.02993, 0.99475, 1.02462, 0.97391,
    1.05431, 1.03026, 0.9911, 1.0316, 1.06299, 1.08956, 0.92132, 1.04416, 1.02325, 0.99531, 0.94967, 1.06286, 0.93691, 1.02835, 1.06509,
    0.92002, 0.98487, 0.93454, 1.0122, 1.07572, 1.10118, 0.91109, 0.97125, 1.03518, 1.07897, 1.02106, 0.96269, 1.01486, 0.99917, 0.98981,
    0.96328, 1.01936, 1.01539, 0.99535, 0.98892, 0.93575, 0.97569, 1.06032, 0.99047, 0.92802, 1.06672, 1.02651, 1.1054, 1.00313, 0.97693,
  ];
  const y = [
    0.90762, 1.04619, 1.10848, 0.93895, 0.94765, 1.00981, 0.93848, 0.96647, 0.96251, 0.9896, 1.03474, 0.9811, 1.02595, 0.95901, 0.99639,
    0.87309, 0.9075, 1.0198, 0.95049, 1.009, 1.00712, 1.04611, 1.02059, 1.03085, 0.97442, 0.94509, 0.94342, 0.9556, 0.92351, 0.95263,
    0.97537, 0.99258, 0.96306, 0.88382, 0.97639, 0.99127, 1.03422, 1.00889, 0.94782, 0.94381, 1.08053, 1.01783, 1.07157, 1.08647, 0.9391,
    0.99926, 1.00291, 1.00798, 1.0071, 0.9901, 0.98871, 0.90488, 0.97173, 0.94262, 0.9863,
  ];
  const r = mannWhitneyU(x, y);
  assert.equal(r.method, 'asymptotic');
  assert.equal(r.u, 2055);
  assertClose(r.pValue, 0.023527091600977195, 1e-10);
});

test('identical samples in which every value is tied give p = 1', () => {
  const r = mannWhitneyU([7, 7, 7], [7, 7, 7, 7]);
  assert.equal(r.pValue, 1);
});

test('the exact null distribution of U for 3 against 2 runs has the textbook counts 1 1 2 2 2 1 1', () => {
  assert.deepEqual([...exactCounts(3, 2)], [1, 1, 2, 2, 2, 1, 1]);
});

test('swapping the samples keeps the two-sided p-value and mirrors U', () => {
  const x = [0.41, 0.38, 0.52, 0.47, 0.44];
  const y = [0.36, 0.33, 0.4, 0.35, 0.39, 0.37];
  const a = mannWhitneyU(x, y);
  const b = mannWhitneyU(y, x);
  assert.equal(a.pValue, b.pValue);
  assert.equal(a.u + b.u, x.length * y.length);
});
