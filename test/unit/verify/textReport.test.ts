import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunMeasurement } from '../../../src/core/verify/measurement';
import { compareSamples } from '../../../src/core/verify/result';
import { formatVerifyText } from '../../../src/core/verify/textReport';

const run = (w: number, rss: number): RunMeasurement => ({ wallSec: w, cpuSec: w * 0.9, peakRssBytes: rss });

const result = compareSamples({
  runs: 5,
  warmup: 1,
  baseline: { argv: ['a'], runs: [0.41, 0.4, 0.44, 0.42, 0.43].map((w) => run(w, 14 * 2 ** 20)) },
  candidate: { argv: ['b'], runs: [0.2, 0.21, 0.19, 0.22, 0.205].map((w) => run(w, 214 * 2 ** 20)) },
  energyUnavailable: 'no RAPL counters in /sys/class/powercap',
});
const text = formatVerifyText(result, { baseline: 'python3 slow.py', candidate: 'python3 fast_hungry.py' });

test('the text report names both commands and the run plan', () => {
  assert.match(text, /^baseline: {2}python3 slow\.py\ncandidate: python3 fast_hungry\.py\n5 runs each, after 1 warm-up run each, alternating baseline and candidate\.\n/);
});

test('the text report has one row per metric with medians in their units, ratio, interval, p and change', () => {
  assert.match(text, /\nwall time +420 ms +205 ms +0\.488× +0\.\d+–0\.\d+ +0\.016 +better\n/);
  assert.match(text, /\npeak RSS +14\.0 MiB +214\.0 MiB +15\.3× +15\.3–15\.3 +0\.012 +worse\n/);
});

test('the text report warns that p95 and p99 need more runs and says why energy is missing', () => {
  assert.match(text, /p95 needs 20 runs per side and p99 needs 100; with 5 they lie between the slowest runs\./);
  assert.match(text, /energy not measured: no RAPL counters in \/sys\/class\/powercap\./);
});

test('the text report ends with the verdict and its reasons', () => {
  assert.match(text, /\nverdict: trade-off\n {2}trade-off: better wallSec, cpuSec; worse peakRssBytes\n/);
});
