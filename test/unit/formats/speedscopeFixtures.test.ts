/**
 * Speedscope files end to end: the real py-spy --format speedscope fixtures and the
 * hand-written generic ones. Expected numbers for the py-spy files were computed once by an
 * independent Python script (json.load, drop frames with file "" named `thread (…)` /
 * `process …`, count each sample once, total once per distinct line per sample); those for
 * the hand-written files by hand, shown in the comments.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readProfileFile } from '../../../src/core/formats/readProfileFile';
import { buildReport } from '../../../src/core/model/report';
import { fixture, RECORDED_PY, RECORDED_STDLIB } from './fixturePaths';

const REC = `${RECORDED_PY}recursive.py`;

test('recursive.speedscope.json: samples are counted, the rate and duration come from the file', async () => {
  const profile = await readProfileFile(fixture('recursive.speedscope.json'));
  assert.deepEqual(profile.meta, {
    tool: 'py-spy',
    kind: 'cpu',
    unit: 'samples',
    sampleRate: 100,
    durationSec: 0.82,
    details: { profiles: 1, exporter: 'py-spy@0.4.3', name: 'py-spy profile' },
  });
  assert.deepEqual(buildReport(profile), {
    tool: 'py-spy',
    kind: 'cpu',
    unit: 'samples',
    total: 82,
    sampleRate: 100,
    durationSec: 0.82,
    lines: [
      { file: REC, line: 11, self: 61, total: 61 },
      { file: REC, line: 12, self: 21, total: 21 },
      { file: REC, line: 28, self: 0, total: 82 },
      { file: REC, line: 18, self: 0, total: 45 },
      { file: REC, line: 19, self: 0, total: 45 },
      { file: REC, line: 23, self: 0, total: 45 },
      { file: REC, line: 24, self: 0, total: 37 },
    ],
    functions: [
      { name: 'spin', file: REC, line: 11, self: 82, total: 82 },
      { name: 'main', file: REC, line: 23, self: 0, total: 82 },
      { name: '<module>', file: REC, line: 28, self: 0, total: 82 },
      { name: 'descend', file: REC, line: 18, self: 0, total: 45 },
    ],
  });
});

test('recursive-nolineno.speedscope.json: null lines become functions without a line', async () => {
  const r = buildReport(await readProfileFile(fixture('recursive-nolineno.speedscope.json')));
  assert.equal(r.total, 46);
  assert.equal(r.sampleRate, 50);
  assert.equal(r.durationSec, 0.92);
  assert.deepEqual(r.lines, []);
  assert.deepEqual(r.functions.at(-1), { name: 'descend', file: REC, line: null, self: 0, total: 29 });
});

test('threads-idle-threads.speedscope.json: four thread profiles merge, thread frames are pseudo-frames', async () => {
  const profile = await readProfileFile(fixture('threads-idle-threads.speedscope.json'));
  assert.deepEqual(
    profile.frames.filter((f) => f.kind === 'thread').map((f) => f.name),
    ['thread (9219): worker-b', 'thread (9218): worker-a', 'thread (9215): MainThread', 'thread (9220): idler'],
  );
  assert.equal(profile.meta.details?.profiles, 4);
  const r = buildReport(profile, { top: 3 });
  assert.equal(r.total, 147);
  assert.equal(r.durationSec, 0.82);
  assert.deepEqual(r.lines, [
    { file: `${RECORDED_PY}threads.py`, line: 13, self: 55, total: 55 },
    { file: `${RECORDED_PY}threads.py`, line: 27, self: 40, total: 40 },
    { file: `${RECORDED_STDLIB}threading.py`, line: 1139, self: 39, total: 39 },
  ]);
  assert.deepEqual(r.functions[0], { name: 'Thread.run', file: `${RECORDED_STDLIB}threading.py`, line: 982, self: 0, total: 106 });
});

test('subprocesses.speedscope.json: process frames keep their command lines; a process-only sample has no self', async () => {
  const profile = await readProfileFile(fixture('subprocesses.speedscope.json'));
  assert.deepEqual(
    profile.frames.filter((f) => f.kind === 'process').map((f) => f.name),
    [
      'process 9229:"/root/.pyenv/versions/3.11.7/bin/python3 -S /work/main/test/fixtures/python/child.py a;b (c d) x:1"',
      'process 9224:"/root/.pyenv/versions/3.11.7/bin/python3 -S test/fixtures/python/parent.py"',
    ],
  );
  const r = buildReport(profile);
  assert.equal(r.total, 33);
  assert.equal(r.durationSec, 0.58);
  assert.equal(r.lines.length, 10);
  assert.equal(r.functions.length, 9);
  // 2 of the 33 samples hold only the parent's process frame.
  assert.equal(
    r.lines.reduce((s, l) => s + l.self, 0),
    31,
  );
  assert.deepEqual(r.functions.slice(0, 3), [
    { name: 'churn', file: `${RECORDED_PY}child.py`, line: 8, self: 29, total: 29 },
    { name: '<module>', file: `${RECORDED_PY}child.py`, line: 14, self: 0, total: 29 },
    { name: 'Popen._try_wait', file: `${RECORDED_STDLIB}subprocess.py`, line: 2004, self: 2, total: 2 },
  ]);
});

test('handwritten-sampled-ms: milliseconds become seconds and both profiles are merged', async () => {
  // Samples (ms): main>work@3 ×2 (10 each), main>work@5>helper 5, main 5, main>work@3>work@3 20.
  assert.deepEqual(buildReport(await readProfileFile(fixture('handwritten-sampled-ms.speedscope.json'))), {
    tool: 'speedscope',
    kind: 'cpu',
    unit: 'seconds',
    total: 0.05,
    sampleRate: null,
    durationSec: 0.04, // the longer profile: 40 ms
    lines: [
      { file: '/app/lib.py', line: 3, self: 0.04, total: 0.04 }, // 10 + 10 + 20, the recursive sample once
      { file: '/app/main.py', line: 10, self: 0.005, total: 0.05 },
      { file: '/app/lib.py', line: 5, self: 0, total: 0.005 },
    ],
    functions: [
      { name: 'main', file: '/app/main.py', line: 10, self: 0.005, total: 0.05 },
      { name: 'work', file: '/app/lib.py', line: 3, self: 0.04, total: 0.045 },
      { name: 'helper', file: null, line: null, self: 0.005, total: 0.005 },
    ],
  });
});

test('handwritten-evented-none: time between events goes to the open stack, recursion counted once', async () => {
  // a [0,2] 2; a>b [2,3] 1; a>b>b [3,7] 4; a>b [7,8] 1; a>c [8,10] 2; a [10,12] 2.
  const r = buildReport(await readProfileFile(fixture('handwritten-evented-none.speedscope.json')));
  assert.deepEqual(r, {
    tool: 'speedscope',
    kind: 'cpu',
    unit: 'samples',
    total: 12,
    sampleRate: null,
    durationSec: null,
    lines: [
      { file: '/x/b.py', line: 2, self: 6, total: 6 },
      { file: '/x/a.py', line: 1, self: 4, total: 12 },
    ],
    functions: [
      { name: 'a', file: '/x/a.py', line: 1, self: 4, total: 12 },
      { name: 'b', file: '/x/b.py', line: 2, self: 6, total: 6 },
      { name: 'c', file: null, line: null, self: 2, total: 2 },
    ],
  });
});

test('handwritten-bytes: the active bytes profile is a memory profile and the count profile is left out', async () => {
  const profile = await readProfileFile(fixture('handwritten-bytes.speedscope.json'));
  assert.equal(profile.meta.details?.skippedProfiles, 'Allocations (none)');
  const r = buildReport(profile);
  assert.deepEqual(
    [r.kind, r.unit, r.total, r.durationSec],
    ['memory', 'bytes', 3072, null],
  );
  assert.deepEqual(r.lines, [
    { file: '/m/app.py', line: 8, self: 2048, total: 2048 },
    { file: '/m/app.py', line: 9, self: 1000, total: 1000 },
    { file: '/m/app.py', line: 3, self: 24, total: 3072 },
  ]);
});
