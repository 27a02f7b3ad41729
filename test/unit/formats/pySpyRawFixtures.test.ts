/**
 * The real py-spy raw fixtures, end to end (file → Profile → report). Every expected number
 * was computed once from the fixture by an independent Python script (split the count at
 * the last space, drop the `process …`/`thread …` root frames, split on `;`, sum self for the
 * innermost frame and total once per distinct line/function per stack) and written here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readProfileFile } from '../../../src/core/formats/readProfileFile';
import { aggregateLines } from '../../../src/core/model/aggregate';
import { buildReport } from '../../../src/core/model/report';
import { fixture, RECORDED_PY, RECORDED_STDLIB } from './fixturePaths';

const REC = `${RECORDED_PY}recursive.py`;
const THREADS = `${RECORDED_PY}threads.py`;
const THREADING = `${RECORDED_STDLIB}threading.py`;

test('recursive.raw.txt: every line and function, with the recursive line counted once per sample', async () => {
  const profile = await readProfileFile(fixture('recursive.raw.txt'));
  assert.equal(profile.stacks.length, 4);
  assert.deepEqual(buildReport(profile), {
    tool: 'py-spy',
    kind: 'cpu',
    unit: 'samples',
    total: 108,
    sampleRate: null,
    durationSec: null,
    lines: [
      { file: REC, line: 11, self: 98, total: 98 },
      { file: REC, line: 12, self: 10, total: 10 },
      { file: REC, line: 28, self: 0, total: 108 },
      { file: REC, line: 18, self: 0, total: 73 },
      // descend's line 19 is on those stacks three times; 73, not 219.
      { file: REC, line: 19, self: 0, total: 73 },
      { file: REC, line: 23, self: 0, total: 73 },
      { file: REC, line: 24, self: 0, total: 35 },
    ],
    functions: [
      { name: 'spin', file: REC, line: 11, self: 108, total: 108 },
      { name: 'main', file: REC, line: 23, self: 0, total: 108 },
      { name: '<module>', file: REC, line: 28, self: 0, total: 108 },
      { name: 'descend', file: REC, line: 18, self: 0, total: 73 },
    ],
  });
});

test('recursive-nolineno.raw.txt (--nolineno) has no lines and functions without a line', async () => {
  const r = buildReport(await readProfileFile(fixture('recursive-nolineno.raw.txt')));
  assert.equal(r.total, 93);
  assert.deepEqual(r.lines, []);
  assert.deepEqual(r.functions, [
    { name: 'spin', file: REC, line: null, self: 93, total: 93 },
    { name: '<module>', file: REC, line: null, self: 0, total: 93 },
    { name: 'main', file: REC, line: null, self: 0, total: 93 },
    { name: 'descend', file: REC, line: null, self: 0, total: 51 },
  ]);
});

test('recursive-function.raw.txt (--function) reports each function at its first line', async () => {
  const r = buildReport(await readProfileFile(fixture('recursive-function.raw.txt')));
  assert.equal(r.total, 92);
  assert.deepEqual(r.lines, [
    { file: REC, line: 8, self: 92, total: 92 },
    { file: REC, line: 1, self: 0, total: 92 },
    { file: REC, line: 22, self: 0, total: 92 },
    { file: REC, line: 16, self: 0, total: 45 },
  ]);
});

test('threads.raw.txt (--threads): thread frames are kept in the stacks but are never lines or functions', async () => {
  const profile = await readProfileFile(fixture('threads.raw.txt'));
  const threads = profile.frames.filter((f) => f.kind === 'thread').map((f) => f.name);
  assert.deepEqual(threads.sort(), ['thread (9166): MainThread', 'thread (9168): worker-a', 'thread (9169): worker-b']);
  assert.ok(profile.stacks.every((s) => profile.frames[s[0]].kind === 'thread'));
  const r = buildReport(profile, { top: 3 });
  assert.equal(r.total, 26);
  assert.deepEqual(r.lines, [
    { file: THREADS, line: 13, self: 20, total: 20 },
    { file: THREADS, line: 14, self: 5, total: 5 },
    { file: THREADING, line: 1139, self: 1, total: 1 },
  ]);
  assert.deepEqual(r.functions[0], { name: 'busy', file: THREADS, line: 13, self: 25, total: 25 });
  assert.ok(r.functions.every((f) => !f.name.startsWith('thread (')));
  assert.equal(buildReport(profile).lines.length, 11);
  assert.equal(buildReport(profile).functions.length, 10);
});

test('threads-idle.raw.txt (--idle): the empty-stack line counts toward the total and no line', async () => {
  const profile = await readProfileFile(fixture('threads-idle.raw.txt'));
  assert.ok(profile.stacks.some((s, i) => s.length === 0 && profile.weights[i] === 3));
  const r = buildReport(profile);
  assert.equal(r.total, 256);
  assert.equal(r.lines.length, 18);
  assert.equal(r.functions.length, 15);
  assert.equal(
    r.lines.reduce((sum, l) => sum + l.self, 0),
    253,
  );
  assert.deepEqual(r.lines.slice(0, 4), [
    { file: THREADS, line: 13, self: 105, total: 105 },
    { file: THREADS, line: 27, self: 68, total: 68 },
    { file: THREADING, line: 1139, self: 66, total: 66 },
    { file: THREADING, line: 327, self: 8, total: 8 },
  ]);
  assert.deepEqual(r.functions.slice(0, 4), [
    { name: 'Thread._bootstrap', file: THREADING, line: 1002, self: 0, total: 179 },
    // The smallest line recorded for this function (1030 and 1045 both occur).
    { name: 'Thread._bootstrap_inner', file: THREADING, line: 1030, self: 0, total: 179 },
    { name: 'Thread.run', file: THREADING, line: 982, self: 0, total: 177 },
    { name: 'busy', file: THREADS, line: 13, self: 109, total: 109 },
  ]);
});

test('threads-idle-threads.raw.txt: stacks of a lone thread frame add to the total but to no self', async () => {
  const profile = await readProfileFile(fixture('threads-idle-threads.raw.txt'));
  const lone = profile.stacks.filter((s) => s.length === 1).map((s) => profile.frames[s[0]].name);
  assert.deepEqual(lone.sort(), ['thread (9040): MainThread', 'thread (9045)']);
  const r = buildReport(profile);
  assert.equal(r.total, 315);
  assert.equal(
    r.lines.reduce((sum, l) => sum + l.self, 0),
    313,
  );
  assert.equal(
    r.functions.reduce((sum, f) => sum + f.self, 0),
    313,
  );
  assert.deepEqual(r.lines.slice(0, 3), [
    { file: THREADS, line: 13, self: 126, total: 126 },
    // Equal self and total: ties go by file, then line.
    { file: THREADING, line: 1139, self: 85, total: 85 },
    { file: THREADS, line: 27, self: 85, total: 85 },
  ]);
});

test('subprocesses.raw.txt: the process frames survive the ";" and parentheses in the child command line', async () => {
  const profile = await readProfileFile(fixture('subprocesses.raw.txt'));
  assert.deepEqual(
    profile.frames.filter((f) => f.kind === 'process').map((f) => f.name),
    [
      'process 8760:"/root/.pyenv/versions/3.11.7/bin/python3 -S test/fixtures/python/parent.py"',
      'process 8762:"/root/.pyenv/versions/3.11.7/bin/python3 -S /work/main/test/fixtures/python/child.py a;b (c d) x:1"',
    ],
  );
  assert.equal(profile.meta.commandLine, '/root/.pyenv/versions/3.11.7/bin/python3 -S test/fixtures/python/parent.py');
  const child = `${RECORDED_PY}child.py`;
  assert.deepEqual(buildReport(profile), {
    tool: 'py-spy',
    kind: 'cpu',
    unit: 'samples',
    total: 44,
    sampleRate: null,
    durationSec: null,
    lines: [
      { file: child, line: 8, self: 36, total: 36 },
      { file: child, line: 9, self: 8, total: 8 },
      { file: child, line: 14, self: 0, total: 44 },
    ],
    functions: [
      { name: 'churn', file: child, line: 8, self: 44, total: 44 },
      { name: '<module>', file: child, line: 14, self: 0, total: 44 },
    ],
  });
});

test('native.raw.txt (--native): native frames with and without lines are code, Python lines come first', async () => {
  const profile = await readProfileFile(fixture('native.raw.txt'));
  const evp = profile.frames.find((f) => f.name === 'EVP_hash');
  assert.deepEqual(evp, {
    name: 'EVP_hash',
    file: '/tmp/python-build.20260509073455.222/Python-3.11.7/Modules/_hashopenssl.c',
    line: 442,
    kind: 'native',
  });
  assert.deepEqual(
    profile.frames.find((f) => f.name === 'SHA256_Update'),
    { name: 'SHA256_Update', file: '/usr/lib/x86_64-linux-gnu/libcrypto.so.3', kind: 'native' },
  );
  const r = buildReport(profile, { top: 3 });
  assert.equal(r.total, 39);
  assert.deepEqual(r.lines, [
    { file: `${RECORDED_PY}native.py`, line: 20, self: 23, total: 24 },
    { file: `${RECORDED_PY}native.py`, line: 25, self: 0, total: 24 },
    { file: '/tmp/python-build.20260509073455.222/Python-3.11.7/Modules/_hashopenssl.c', line: 442, self: 0, total: 15 },
  ]);
  // Innermost frames without a line (libcrypto, libc addresses) give no line self: 23 of 39.
  assert.equal(
    aggregateLines(profile).reduce((sum, l) => sum + l.self, 0),
    23,
  );
  assert.deepEqual(r.functions[0], { name: '0x7f631d24524a', file: '/usr/lib/x86_64-linux-gnu/libc.so.6', line: null, self: 0, total: 39 });
  assert.equal(buildReport(profile).functions.length, 21);
});

test('odd-path.raw.txt: a path with a space, ":" and parentheses is kept whole', async () => {
  const file = '/tmp/pf (odd):dir/rec (1).py';
  const r = buildReport(await readProfileFile(fixture('odd-path.raw.txt')), { top: 2 });
  assert.equal(r.total, 43);
  assert.deepEqual(r.lines, [
    { file, line: 11, self: 30, total: 30 },
    { file, line: 12, self: 13, total: 13 },
  ]);
  assert.deepEqual(r.functions, [
    { name: 'spin', file, line: 11, self: 43, total: 43 },
    { name: 'main', file, line: 23, self: 0, total: 43 },
  ]);
});
