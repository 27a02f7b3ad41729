import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunMeasurement, VerifySamples } from '../../../src/core/verify/measurement';
import { compareSamples, smallestPossibleP } from '../../../src/core/verify/result';

const slowWall = [0.412, 0.398, 0.441, 0.405, 0.42, 0.433, 0.401, 0.415, 0.428, 0.409];
const fastWall = [0.203, 0.196, 0.211, 0.199, 0.207, 0.197, 0.218, 0.194, 0.2, 0.206];
const rssA = [14.1, 14.0, 14.2, 14.1, 14.3, 14.0, 14.2, 14.1, 14.15, 14.05].map((m) => Math.round(m * 2 ** 20));
const rssB = [14.12, 14.02, 14.18, 14.11, 14.25, 14.04, 14.22, 14.08, 14.16, 14.06].map((m) => Math.round(m * 2 ** 20));

function runs(wall: number[], rss: number[], energy?: number[]): RunMeasurement[] {
  return wall.map((w, i) => ({ wallSec: w, cpuSec: w * 0.95, peakRssBytes: rss[i], ...(energy ? { energyJ: energy[i] } : {}) }));
}

function samples(baseline: RunMeasurement[], candidate: RunMeasurement[]): VerifySamples {
  return { runs: baseline.length, warmup: 1, baseline: { argv: ['a'], runs: baseline }, candidate: { argv: ['b'], runs: candidate } };
}

test('a 2× faster candidate with the same memory is better on wall and CPU time', () => {
  const r = compareSamples(samples(runs(slowWall, rssA), runs(fastWall, rssB)));
  assert.equal(r.verdict, 'better');
  assert.deepEqual(
    r.metrics.map((m) => [m.metric, m.direction]),
    [
      ['wallSec', 'better'],
      ['cpuSec', 'better'],
      ['peakRssBytes', 'none'],
    ],
  );
  assert.equal(r.pAdjustment, 'holm');
});

test('p-values are Holm-adjusted across the metrics: the smallest is tripled for three metrics', () => {
  const r = compareSamples(samples(runs(slowWall, rssA), runs(fastWall, rssB)));
  const wall = r.metrics[0];
  assert.ok(Math.abs(wall.pValueUnadjusted - 2 / 184756) < 1e-15);
  assert.ok(Math.abs(wall.pValue - 3 * (2 / 184756)) < 1e-15);
  const unadjusted = compareSamples(samples(runs(slowWall, rssA), runs(fastWall, rssB)), { familywise: 'none' });
  assert.equal(unadjusted.metrics[0].pValue, unadjusted.metrics[0].pValueUnadjusted);
});

test('faster but four times the memory is a trade-off naming peakRssBytes', () => {
  const r = compareSamples(samples(runs(slowWall, rssA), runs(fastWall, rssB.map((b) => 4 * b))));
  assert.equal(r.verdict, 'trade-off');
  assert.equal(r.reasons[0], 'trade-off: better wallSec, cpuSec; worse peakRssBytes');
});

test('energy is compared only when every run measured it', () => {
  const energy = slowWall.map((w) => w * 20);
  const withEnergy = compareSamples(samples(runs(slowWall, rssA, energy), runs(fastWall, rssB, energy.map((e) => e / 2))));
  assert.deepEqual(withEnergy.metrics.map((m) => m.metric), ['wallSec', 'cpuSec', 'peakRssBytes', 'energyJ']);
  const partial = runs(fastWall, rssB, energy);
  const { energyJ: _dropped, ...first } = partial[0];
  const without = compareSamples(samples(runs(slowWall, rssA, energy), [first, ...partial.slice(1)]));
  assert.deepEqual(without.metrics.map((m) => m.metric), ['wallSec', 'cpuSec', 'peakRssBytes']);
});

test('three runs per side cannot reach significance, and a reason says to run more', () => {
  const r = compareSamples(samples(runs(slowWall.slice(0, 3), rssA), runs(fastWall.slice(0, 3), rssA)));
  assert.equal(r.verdict, 'no-difference');
  assert.match(r.reasons.at(-1) ?? '', /with 3 and 3 runs the smallest p-value Mann–Whitney can give after the Holm adjustment across 3 metrics is 0\.30,/);
});

test('four runs per side cannot reach significance after the Holm adjustment, five can', () => {
  const four = compareSamples(samples(runs(slowWall.slice(0, 4), rssA), runs(fastWall.slice(0, 4), rssA)));
  assert.equal(four.verdict, 'no-difference');
  assert.match(four.reasons.at(-1) ?? '', /can give after the Holm adjustment across 3 metrics is 0\.086/);
  const five = compareSamples(samples(runs(slowWall.slice(0, 5), rssA), runs(fastWall.slice(0, 5), rssA)));
  assert.equal(five.verdict, 'better');
});

test('the smallest possible two-sided Mann–Whitney p-value is 2 / C(n1 + n2, n1)', () => {
  assert.equal(smallestPossibleP(3, 3), 0.1);
  assert.ok(Math.abs(smallestPossibleP(4, 4) - 2 / 70) < 1e-15);
  assert.ok(Math.abs(smallestPossibleP(10, 10) - 2 / 184756) < 1e-18);
});

test('the same samples give the same result every time (fixed bootstrap seed)', () => {
  const s = samples(runs(slowWall, rssA), runs(fastWall, rssB));
  assert.deepEqual(compareSamples(s), compareSamples(s));
});
