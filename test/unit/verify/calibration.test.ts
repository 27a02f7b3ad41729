// Calibration of the verdict on simulated runs (seeded, so the rates below are reproducible).
// Issue 7: A/A comparisons must say no-difference in at least 95 % of trials, and a true 10 %
// improvement with 10 % noise and 20 runs must be detected in most trials. The rates are printed
// for the closing note. Each trial uses the default statistics (5000 bootstrap resamples).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withPValue } from '../../../src/core/verify/compare';
import { compareSamples } from '../../../src/core/verify/result';
import { decideVerdict, type Verdict } from '../../../src/core/verify/verdict';
import { simulator, type RunModel } from './simulate';

const TRIALS = 200;
const model: RunModel = { wallSec: 0.3, noise: 0.1, rssBytes: 14 * 2 ** 20 };

/** Verdict counts with Holm (the default) and, for comparison, with each metric on its own p. */
function trials(seed: number, candidate: RunModel, n: number): { holm: Record<Verdict, number>; perMetric: Record<Verdict, number> } {
  const simulate = simulator(seed);
  const holm: Record<Verdict, number> = { better: 0, worse: 0, 'trade-off': 0, 'no-difference': 0 };
  const perMetric = { ...holm };
  for (let t = 0; t < TRIALS; t++) {
    const result = compareSamples(simulate(model, candidate, n));
    holm[result.verdict]++;
    perMetric[decideVerdict(result.metrics.map((m) => withPValue(m, m.pValueUnadjusted))).verdict]++;
  }
  return { holm, perMetric };
}

const rate = (count: number) => `${((100 * count) / TRIALS).toFixed(1)} %`;

test('A/A comparisons of 10 runs from one distribution say no-difference in at least 95 % of 200 trials', () => {
  const { holm, perMetric } = trials(1, model, 10);
  console.log(
    `calibration A/A, 10 runs, 3 metrics, ${TRIALS} trials: no-difference ${rate(holm['no-difference'])} with Holm ` +
      `(false positive ${rate(TRIALS - holm['no-difference'])}); without the adjustment ${rate(perMetric['no-difference'])}`,
  );
  assert.ok(holm['no-difference'] >= 0.95 * TRIALS, `no-difference in only ${rate(holm['no-difference'])}`);
});

test('a true 10 % improvement with 10 % noise and 20 runs is detected as better in most of 200 trials', () => {
  const { holm, perMetric } = trials(3, { ...model, wallSec: 0.9 * model.wallSec }, 20);
  console.log(
    `calibration 10 % faster, 10 % noise, 20 runs, ${TRIALS} trials: better ${rate(holm.better)} with Holm ` +
      `(worse ${rate(holm.worse)}, trade-off ${rate(holm['trade-off'])}); without the adjustment better ${rate(perMetric.better)}`,
  );
  assert.ok(holm.better > 0.5 * TRIALS, `better in only ${rate(holm.better)}`);
  assert.equal(holm.worse, 0);
});
