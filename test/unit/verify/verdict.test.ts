import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Direction, MetricComparison } from '../../../src/core/verify/compare';
import type { MetricName } from '../../../src/core/verify/metrics';
import { decideVerdict, formatP } from '../../../src/core/verify/verdict';

/** A constructed comparison: ratio and interval on the side of 1 that the direction says. */
function comparison(metric: MetricName, direction: Direction): MetricComparison {
  const ratio = direction === 'better' ? 0.5 : direction === 'worse' ? 4 : 1.01;
  const ci95: [number, number] = direction === 'better' ? [0.48, 0.52] : direction === 'worse' ? [3.9, 4.1] : [0.97, 1.05];
  const side = { median: 1, p95: 1, p99: 1, values: [1], p95Reliable: false, p99Reliable: false };
  const pValue = direction === 'none' ? 0.4 : 1e-5;
  return { metric, baseline: side, candidate: side, ratio, ci95, pValue, pValueUnadjusted: pValue, pMethod: 'exact', significant: direction !== 'none', direction };
}

test('faster with nothing worse is better, with one reason per improved metric', () => {
  const d = decideVerdict([comparison('wallSec', 'better'), comparison('cpuSec', 'better'), comparison('peakRssBytes', 'none')]);
  assert.equal(d.verdict, 'better');
  assert.deepEqual(d.reasons, [
    'wallSec better: 0.500× baseline (95 % CI 0.480–0.520), p = 1.0e-5',
    'cpuSec better: 0.500× baseline (95 % CI 0.480–0.520), p = 1.0e-5',
  ]);
});

test('more memory with nothing better is worse', () => {
  const d = decideVerdict([comparison('wallSec', 'none'), comparison('cpuSec', 'none'), comparison('peakRssBytes', 'worse')]);
  assert.equal(d.verdict, 'worse');
  assert.deepEqual(d.reasons, ['peakRssBytes worse: 4.00× baseline (95 % CI 3.90–4.10), p = 1.0e-5']);
});

test('faster but hungrier is a trade-off whose first reason names both sides', () => {
  const d = decideVerdict([comparison('wallSec', 'better'), comparison('cpuSec', 'better'), comparison('peakRssBytes', 'worse')]);
  assert.equal(d.verdict, 'trade-off');
  assert.equal(d.reasons[0], 'trade-off: better wallSec, cpuSec; worse peakRssBytes');
  assert.equal(d.reasons.length, 4);
});

test('no significant metric is no-difference, and the reason states the rule and every ratio', () => {
  const d = decideVerdict([comparison('wallSec', 'none'), comparison('peakRssBytes', 'none')], { holmAcross: 2 });
  assert.equal(d.verdict, 'no-difference');
  assert.deepEqual(d.reasons, [
    'no metric changed enough to count (a change needs p < 0.05 (Holm-adjusted across 2 metrics), a 95 % CI of the ratio excluding 1 and medians at least 2 % apart): ' +
      'wallSec 1.01× baseline (95 % CI 0.970–1.05), p = 0.40; peakRssBytes 1.01× baseline (95 % CI 0.970–1.05), p = 0.40',
  ]);
});

test('energy counts like any other metric in the verdict', () => {
  const d = decideVerdict([comparison('wallSec', 'none'), comparison('energyJ', 'better')]);
  assert.equal(d.verdict, 'better');
  assert.match(d.reasons[0], /^energyJ better/);
});

test('p-values are shown with two significant digits and tiny ones in exponent form', () => {
  assert.equal(formatP(0.023230639), '0.023');
  assert.equal(formatP(0.4), '0.40');
  assert.equal(formatP(0.00012), '1.2e-4');
  assert.equal(formatP(1e-20), '< 1e-15');
});
