// Pooled two-proportion z-test; expected values from SciPy 1.17.1 on the same formula:
//   p = (x1 + x2)/(n1 + n2); se = sqrt(p(1 − p)(1/n1 + 1/n2)); z = (x2/n2 − x1/n1)/se;
//   pValue = 2·scipy.stats.norm.sf(abs(z))
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { twoProportionZTest } from '../../../src/core/verify/stats/proportions';

test('a share falling from 70 of 105 samples to 40 of 98 is significant with z = −3.694', () => {
  const r = twoProportionZTest(70, 105, 40, 98);
  assert.ok(Math.abs(r.z - -3.6938916404365543) < 1e-12);
  assert.ok(Math.abs(r.pValue - 0.00022084794256394175) < 1e-15);
});

test('5 of 1000 against 12 of 1000 samples is not significant at 5 %', () => {
  const r = twoProportionZTest(5, 1000, 12, 1000);
  assert.ok(Math.abs(r.z - 1.705011136760262) < 1e-12);
  assert.ok(Math.abs(r.pValue - 0.08819234739385542) < 1e-14);
});

test('a frame absent from both profiles has p = 1', () => {
  assert.equal(twoProportionZTest(0, 100, 0, 200).pValue, 1);
});
