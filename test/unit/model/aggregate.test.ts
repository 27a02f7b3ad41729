import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateFunctions, aggregateLines } from '../../../src/core/model/aggregate';
import type { Frame, Profile, ProfileMeta } from '../../../src/core/model/profile';
import { buildReport } from '../../../src/core/model/report';

const META: ProfileMeta = { tool: 'py-spy', kind: 'cpu', unit: 'samples' };

/** A profile from frames and [stack, weight] pairs, stacks given as frame indices root first. */
function profile(frames: Frame[], stacks: [number[], number][], meta: ProfileMeta = META): Profile {
  return { meta, frames, stacks: stacks.map(([s]) => s), weights: stacks.map(([, w]) => w) };
}

const py = (name: string, file: string, line?: number): Frame => ({ name, file, ...(line !== undefined && { line }), kind: 'python' });

test('self goes to the innermost frame and total to every line on the stack', () => {
  const p = profile([py('main', '/m.py', 10), py('work', '/m.py', 3)], [
    [[0, 1], 70],
    [[0], 30],
  ]);
  assert.deepEqual(aggregateLines(p), [
    { file: '/m.py', line: 3, self: 70, total: 70 },
    { file: '/m.py', line: 10, self: 30, total: 100 },
  ]);
});

test('a line on a stack several times (recursion) counts once per stack in its total', () => {
  const p = profile([py('main', '/m.py', 1), py('rec', '/m.py', 5), py('leaf', '/m.py', 9)], [
    [[0, 1, 1, 1, 2], 4],
    [[0, 1, 1], 6],
  ]);
  assert.deepEqual(aggregateLines(p), [
    { file: '/m.py', line: 5, self: 6, total: 10 },
    { file: '/m.py', line: 9, self: 4, total: 4 },
    { file: '/m.py', line: 1, self: 0, total: 10 },
  ]);
  assert.deepEqual(aggregateFunctions(p)[0], { name: 'rec', file: '/m.py', line: 5, self: 6, total: 10 });
});

test('two frames of one function on different lines count once per stack for the function', () => {
  const p = profile([py('work', '/l.py', 5), py('work', '/l.py', 3)], [[[0, 1], 2]]);
  assert.deepEqual(aggregateFunctions(p), [{ name: 'work', file: '/l.py', line: 3, self: 2, total: 2 }]);
});

test('two functions on the same line (a lambda and its caller) count the line once per stack', () => {
  const p = profile([py('sort_a_lot', '/n.py', 20), py('<lambda>', '/n.py', 20)], [[[0, 1], 15]]);
  assert.deepEqual(aggregateLines(p), [{ file: '/n.py', line: 20, self: 15, total: 15 }]);
  assert.equal(aggregateFunctions(p).length, 2);
});

test('process and thread pseudo-frames are never lines or functions', () => {
  const frames: Frame[] = [{ name: 'process 1:"python a.py"', kind: 'process' }, { name: 'thread (2): main', kind: 'thread' }, py('f', '/a.py', 1)];
  const p = profile(frames, [[[0, 1, 2], 5]]);
  assert.deepEqual(aggregateLines(p), [{ file: '/a.py', line: 1, self: 5, total: 5 }]);
  assert.deepEqual(aggregateFunctions(p), [{ name: 'f', file: '/a.py', line: 1, self: 5, total: 5 }]);
});

test('stacks of only pseudo-frames, and empty stacks, add to the total and to no line or function', () => {
  const frames: Frame[] = [{ name: 'thread (2)', kind: 'thread' }, py('f', '/a.py', 1)];
  const p = profile(frames, [
    [[0, 1], 5],
    [[0], 2],
    [[], 3],
  ]);
  const r = buildReport(p);
  assert.equal(r.total, 10);
  assert.deepEqual(r.lines, [{ file: '/a.py', line: 1, self: 5, total: 5 }]);
  assert.deepEqual(r.functions, [{ name: 'f', file: '/a.py', line: 1, self: 5, total: 5 }]);
});

test('an innermost frame without a line gives its function self but no line self', () => {
  const frames: Frame[] = [py('main', '/m.py', 4), { name: 'SHA256_Update', file: '/usr/lib/libcrypto.so.3', kind: 'native' }];
  const p = profile(frames, [[[0, 1], 7]]);
  assert.deepEqual(aggregateLines(p), [{ file: '/m.py', line: 4, self: 0, total: 7 }]);
  assert.deepEqual(aggregateFunctions(p), [
    { name: 'SHA256_Update', file: '/usr/lib/libcrypto.so.3', line: null, self: 7, total: 7 },
    { name: 'main', file: '/m.py', line: 4, self: 0, total: 7 },
  ]);
});

test('frames without a file are functions with a null file and never lines', () => {
  const p = profile([{ name: 'main', kind: 'native' }, { name: 'foo', kind: 'native' }], [[[0, 1], 3]]);
  assert.deepEqual(aggregateLines(p), []);
  assert.deepEqual(aggregateFunctions(p), [
    { name: 'foo', file: null, line: null, self: 3, total: 3 },
    { name: 'main', file: null, line: null, self: 0, total: 3 },
  ]);
});

test('same-named functions in different files are different functions', () => {
  const p = profile([py('run', '/a.py', 1), py('run', '/b.py', 1)], [[[0, 1], 1]]);
  assert.deepEqual(
    aggregateFunctions(p).map((f) => f.file),
    ['/b.py', '/a.py'],
  );
});

test('a function reports the smallest line among the frames that carry weight', () => {
  const p = profile([py('f', '/a.py', 30), py('f', '/a.py', 12), py('f', '/a.py', 2)], [
    [[0], 1],
    [[1], 1],
    [[2], 0],
  ]);
  assert.deepEqual(aggregateFunctions(p), [{ name: 'f', file: '/a.py', line: 12, self: 2, total: 2 }]);
});

test('ties are broken the same way whatever the input order: total, then file, line and name', () => {
  const frames = [py('b', '/z.py', 1), py('a', '/z.py', 1), py('c', '/a.py', 9), py('d', '/a.py', 2)];
  const stacks: [number[], number][] = frames.map((_, i) => [[i], 5]);
  const forward = profile(frames, stacks);
  const backward = profile([...frames].reverse(), stacks);
  const lines = [
    { file: '/a.py', line: 2, self: 5, total: 5 },
    { file: '/a.py', line: 9, self: 5, total: 5 },
    { file: '/z.py', line: 1, self: 10, total: 10 },
  ];
  assert.deepEqual(aggregateLines(forward), [lines[2], lines[0], lines[1]]);
  assert.deepEqual(aggregateLines(backward), aggregateLines(forward));
  assert.deepEqual(
    aggregateFunctions(forward).map((f) => f.name),
    ['d', 'c', 'a', 'b'],
  );
  assert.deepEqual(aggregateFunctions(backward), aggregateFunctions(forward));
});

test('lines with equal self are ordered by total descending', () => {
  const p = profile([py('main', '/m.py', 1), py('g', '/m.py', 2), py('h', '/m.py', 3)], [
    [[0, 1, 2], 4],
    [[1], 0.5],
  ]);
  assert.deepEqual(
    aggregateLines(p).map((l) => [l.line, l.self, l.total]),
    [
      [3, 4, 4],
      [2, 0.5, 4.5],
      [1, 0, 4],
    ],
  );
});

test('a report lists the contract keys in order, with null for an unknown rate and duration', () => {
  const r = buildReport(profile([py('work', '/app/lib.py', 3)], [[[0], 70]]));
  assert.deepEqual(Object.keys(r), ['tool', 'kind', 'unit', 'total', 'sampleRate', 'durationSec', 'lines', 'functions']);
  assert.equal(
    JSON.stringify(r),
    '{"tool":"py-spy","kind":"cpu","unit":"samples","total":70,"sampleRate":null,"durationSec":null,' +
      '"lines":[{"file":"/app/lib.py","line":3,"self":70,"total":70}],' +
      '"functions":[{"name":"work","file":"/app/lib.py","line":3,"self":70,"total":70}]}',
  );
});

test('top N limits both lists to the hottest N', () => {
  const frames = [py('a', '/a.py', 1), py('b', '/a.py', 2), py('c', '/a.py', 3)];
  const r = buildReport(profile(frames, [[[0], 3], [[1], 2], [[2], 1]], { ...META, sampleRate: 100, durationSec: 0.06 }), { top: 2 });
  assert.deepEqual(
    r.lines.map((l) => l.line),
    [1, 2],
  );
  assert.deepEqual(
    r.functions.map((f) => f.name),
    ['a', 'b'],
  );
  assert.equal(r.sampleRate, 100);
  assert.equal(r.durationSec, 0.06);
  assert.deepEqual(buildReport(profile(frames, [[[0], 1]]), { top: 0 }).lines, []);
});

test('seconds lose their binary noise in the report (0.01 × 82 prints as 0.82)', () => {
  const stacks: [number[], number][] = Array.from({ length: 82 }, () => [[0], 0.01]);
  const r = buildReport(profile([py('f', '/a.py', 1)], stacks, { tool: 'speedscope', kind: 'cpu', unit: 'seconds' }));
  assert.equal(r.total, 0.82);
  assert.equal(r.lines[0].self, 0.82);
});

test('a million stacks aggregate in one pass', () => {
  const frames = Array.from({ length: 200 }, (_, i) => py(`f${i}`, `/m${i % 7}.py`, i + 1));
  const stacks: [number[], number][] = [];
  for (let s = 0; s < 1_000_000; s++) stacks.push([[0, 1 + (s % 50), 51 + (s % 149)], 1]);
  const p = profile(frames, stacks);
  const lines = aggregateLines(p);
  assert.equal(lines.length, 200);
  assert.equal(lines.find((l) => l.line === 1)?.total, 1_000_000);
  assert.equal(
    lines.reduce((sum, l) => sum + l.self, 0),
    1_000_000,
  );
  assert.equal(aggregateFunctions(p).length, 200);
});
