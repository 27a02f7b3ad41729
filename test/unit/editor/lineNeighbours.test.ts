import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineNeighbours } from '../../../src/core/editor/lineNeighbours';
import { aggregateLines } from '../../../src/core/model/aggregate';
import { profileOf, py, serviceProfile } from './handBuilt';

test("a line's callers are the frames just above it, with shares of the line's total", () => {
  assert.deepEqual(lineNeighbours(serviceProfile(), '/app/lib.py', 3), {
    self: 65,
    total: 80,
    callers: [
      { name: 'handle', file: '/app/server.py', line: 20, weight: 60, share: 0.75 },
      { name: 'main', file: '/app/main.py', line: 10, weight: 20, share: 0.25 },
    ],
    callees: [{ name: 'loads', file: '/usr/lib/python3.12/json/decoder.py', line: 337, weight: 15, share: 0.1875 }],
  });
});

test("a line's self and total agree with aggregateLines", () => {
  const profile = serviceProfile();
  for (const stat of aggregateLines(profile)) {
    const n = lineNeighbours(profile, stat.file, stat.line);
    assert.deepEqual([n.self, n.total], [stat.self, stat.total], `${stat.file}:${stat.line}`);
  }
});

test('callees are ranked by weight and a thread pseudo-frame is no caller', () => {
  const n = lineNeighbours(serviceProfile(), '/app/main.py', 10);
  assert.deepEqual(n.callers, []);
  assert.deepEqual(
    n.callees.map((c) => [c.name, c.weight, c.share]),
    [
      ['handle', 80, 0.64],
      ['tick', 25, 0.2],
      ['work', 20, 0.16],
    ],
  );
});

test('top limits how many callers and callees are returned', () => {
  assert.deepEqual(
    lineNeighbours(serviceProfile(), '/app/main.py', 10, { top: 1 }).callees.map((c) => c.name),
    ['handle'],
  );
});

test('under recursion each caller and callee counts once per sample', () => {
  const main = py('main', '/f.py', 9);
  const fib = py('fib', '/f.py', 3);
  const leaf = py('leaf', '/f.py', 5);
  const profile = profileOf([
    [[main, fib, fib, fib, leaf], 10],
    [[main, fib], 5],
  ]);
  assert.deepEqual(lineNeighbours(profile, '/f.py', 3), {
    self: 5,
    total: 15,
    callers: [
      { name: 'main', file: '/f.py', line: 9, weight: 15, share: 1 },
      { name: 'fib', file: '/f.py', line: 3, weight: 10, share: 10 / 15 },
    ],
    callees: [
      { name: 'fib', file: '/f.py', line: 3, weight: 10, share: 10 / 15 },
      { name: 'leaf', file: '/f.py', line: 5, weight: 10, share: 10 / 15 },
    ],
  });
});

test('a native callee without a file is listed by name only', () => {
  const profile = profileOf([[[py('main', '/m.py', 1), { name: 'PyObject_Call', kind: 'native' }], 4]]);
  assert.deepEqual(lineNeighbours(profile, '/m.py', 1).callees, [{ name: 'PyObject_Call', weight: 4, share: 1 }]);
});

test('a line that is not in the profile has no cost and no neighbours', () => {
  assert.deepEqual(lineNeighbours(serviceProfile(), '/app/lib.py', 99), { self: 0, total: 0, callers: [], callees: [] });
});
