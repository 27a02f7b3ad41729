import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunFailedError } from '../../../src/core/errors';
import { VerifyCancelledError } from '../../../src/core/verify/errors';
import type { MeasureRun, RunOutcome } from '../../../src/core/verify/measureRun';
import { formatProgress, runAlternating, type VerifyProgress } from '../../../src/core/verify/runner';

/** A fake measurement that records the order of runs and returns a distinct time per run. */
function recorder(fail?: (call: number) => Partial<RunOutcome> | undefined) {
  const calls: string[] = [];
  const measure: MeasureRun = async (argv) => {
    calls.push(argv[0]);
    const n = calls.length;
    return { exitCode: 0, signal: null, stderrTail: '', measurement: { wallSec: n, cpuSec: n / 2, peakRssBytes: 1000 * n }, ...fail?.(n) };
  };
  return { calls, measure };
}

const base = { baseline: ['A'], candidate: ['B'], cwd: '/', env: {} };

test('runs alternate A B A B after the warm-up pairs, and warm-ups are discarded', async () => {
  const { calls, measure } = recorder();
  const samples = await runAlternating({ ...base, runs: 3, warmup: 1, measure });
  assert.deepEqual(calls, ['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B']);
  assert.deepEqual(samples.baseline.runs.map((r) => r.wallSec), [3, 5, 7]);
  assert.deepEqual(samples.candidate.runs.map((r) => r.wallSec), [4, 6, 8]);
  assert.equal(samples.runs, 3);
  assert.equal(samples.warmup, 1);
});

test('the defaults are 10 measured runs and 1 warm-up run per side', async () => {
  const { calls, measure } = recorder();
  const samples = await runAlternating({ ...base, measure });
  assert.equal(calls.length, 22);
  assert.equal(samples.baseline.runs.length, 10);
});

test('progress counts warm-ups and measured runs separately across both sides', async () => {
  const seen: string[] = [];
  const { measure } = recorder();
  await runAlternating({ ...base, runs: 2, warmup: 1, measure, onProgress: (p: VerifyProgress) => seen.push(`${formatProgress(p)} ${p.side}`) });
  assert.deepEqual(seen, ['warm-up 1/2 baseline', 'warm-up 2/2 candidate', 'run 1/4 baseline', 'run 2/4 candidate', 'run 3/4 baseline', 'run 4/4 candidate']);
});

test('a run exiting non-zero fails the verification with its stderr and says which run', async () => {
  const { measure } = recorder((n) => (n === 4 ? { exitCode: 3, stderrTail: 'Traceback…\nValueError: bad\n' } : undefined));
  await assert.rejects(runAlternating({ ...base, runs: 2, warmup: 1, measure }), (err: unknown) => {
    assert.ok(err instanceof RunFailedError);
    assert.equal(err.message, 'The candidate command exited with status 3 on run 1: B');
    assert.equal(err.stderr, 'Traceback…\nValueError: bad\n');
    return true;
  });
});

test('a run killed by a signal fails the verification and names the signal', async () => {
  const { measure } = recorder((n) => (n === 1 ? { exitCode: null, signal: 9 } : undefined));
  await assert.rejects(runAlternating({ ...base, runs: 2, warmup: 1, measure }), /The baseline command was killed by signal 9 on warm-up run 1: A/);
});

test('an aborted signal stops before the next run with VerifyCancelledError', async () => {
  const controller = new AbortController();
  const { calls, measure } = recorder((n) => {
    if (n === 3) controller.abort();
    return undefined;
  });
  await assert.rejects(runAlternating({ ...base, runs: 5, warmup: 0, measure, signal: controller.signal }), VerifyCancelledError);
  assert.equal(calls.length, 3);
});

test('energy is kept per run and the reason it is missing is passed on', async () => {
  const measure: MeasureRun = async () => ({
    exitCode: 0,
    signal: null,
    stderrTail: '',
    measurement: { wallSec: 1, cpuSec: 1, peakRssBytes: 1 },
    energyUnavailable: 'no RAPL counters',
  });
  const samples = await runAlternating({ ...base, runs: 1, warmup: 0, measure });
  assert.equal(samples.energyUnavailable, 'no RAPL counters');
  assert.equal(samples.baseline.runs[0].energyJ, undefined);
});
