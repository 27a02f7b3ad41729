import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toVerifyJson } from '../../../src/core/verify/json';
import type { RunMeasurement } from '../../../src/core/verify/measurement';
import { compareSamples } from '../../../src/core/verify/result';

const run = (w: number): RunMeasurement => ({ wallSec: w, cpuSec: w, peakRssBytes: 1000 });

test('verify --json has exactly the keys of issue 7, in its order', () => {
  const result = compareSamples({
    runs: 4,
    warmup: 1,
    baseline: { argv: ['a'], runs: [1, 1.1, 1.2, 1.3].map(run) },
    candidate: { argv: ['b'], runs: [0.5, 0.55, 0.6, 0.65].map(run) },
    energyUnavailable: 'no RAPL counters',
  });
  const json = toVerifyJson(result);
  assert.deepEqual(Object.keys(json), ['runs', 'warmup', 'metrics', 'verdict', 'reasons']);
  assert.deepEqual(Object.keys(json.metrics), ['wallSec', 'cpuSec', 'peakRssBytes']);
  const wall = json.metrics.wallSec;
  assert.ok(wall);
  assert.deepEqual(Object.keys(wall), ['baseline', 'candidate', 'ratio', 'ci95', 'pValue', 'significant', 'direction']);
  assert.deepEqual(Object.keys(wall.baseline), ['median', 'p95', 'p99', 'values']);
  assert.deepEqual(wall.baseline.values, [1, 1.1, 1.2, 1.3]);
  assert.equal(wall.ci95.length, 2);
  assert.equal(json.runs, 4);
  assert.equal(json.warmup, 1);
});

test('verify --json survives a JSON round trip unchanged', () => {
  const result = compareSamples({
    runs: 2,
    warmup: 0,
    baseline: { argv: ['a'], runs: [1, 2].map(run) },
    candidate: { argv: ['b'], runs: [1, 2].map(run) },
  });
  const json = toVerifyJson(result);
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
});
