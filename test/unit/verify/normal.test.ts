// The normal tail against SciPy 1.17.1: `scipy.stats.norm.sf(z)` and `scipy.special.erfc(x)`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erfc, normalSf, normalTwoSidedP } from '../../../src/core/verify/stats/normal';

function assertClose(actual: number, expected: number, relTol: number): void {
  assert.ok(Math.abs(actual - expected) <= relTol * Math.abs(expected), `${actual} is not within ${relTol} (relative) of ${expected}`);
}

test('erfc matches SciPy to 1e-13 relative on both sides of the series/continued-fraction switch', () => {
  const expected: [number, number][] = [
    [0.1, 0.8875370839817152],
    [1.0, 0.15729920705028516],
    [1.5, 0.03389485352468927],
    [2.0, 0.004677734981047266],
    [2.4999, 0.0004071699003334512],
    [2.5, 0.00040695201744495886],
    [3.0, 2.2090496998585445e-5],
    [5.0, 1.5374597944280347e-12],
    [10.0, 2.0884875837625446e-45],
  ];
  for (const [x, value] of expected) assertClose(erfc(x), value, 1e-13);
});

test('the normal survival function matches scipy.stats.norm.sf from the centre to z = 20', () => {
  const expected: [number, number][] = [
    [0, 0.5],
    [0.5, 0.3085375387259869],
    [1.0, 0.15865525393145707],
    [1.959963984540054, 0.025],
    [2.5, 0.006209665325776132],
    [3.0, 0.0013498980316300933],
    [3.5, 0.00023262907903552502],
    [5.0, 2.866515718791933e-7],
    [8.0, 6.22096057427174e-16],
    [10.0, 7.61985302416047e-24],
    [20.0, 2.7536241186061556e-89],
    [-1.5, 0.9331927987311419],
  ];
  for (const [z, value] of expected) assertClose(normalSf(z), value, 1e-13);
});

test('the two-sided p-value of z = ±1.96 is 0.05', () => {
  assertClose(normalTwoSidedP(1.959963984540054), 0.05, 1e-13);
  assertClose(normalTwoSidedP(-1.959963984540054), 0.05, 1e-13);
});
