import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFileLineHints } from '../../../src/core/editor/lineHints';
import { restrictToNode, restrictToNodeInSlices } from '../../../src/core/editor/zoom';
import { aggregateLines, aggregateLinesAndFunctions, aggregateLinesAndFunctionsInSlices } from '../../../src/core/model/aggregate';
import { buildCallTree, pruneTree } from '../../../src/core/model/callTree';
import type { FlameNode } from '../../../src/core/model/flameTree';
import { profileTotal, type Profile } from '../../../src/core/model/profile';
import { serviceProfile } from './handBuilt';

/** The node reached by following child names from the root. */
function nodeAt(tree: FlameNode, ...names: string[]): FlameNode {
  let node = tree;
  for (const name of names) {
    const next = node.children.find((c) => c.name === name);
    assert.ok(next, `no child ${name} under ${node.name}`);
    node = next;
  }
  return node;
}

test('zooming into a node keeps exactly the samples whose stack passes through it', () => {
  const profile = serviceProfile();
  const tree = buildCallTree(profile);
  const zoomed = restrictToNode(profile, tree, nodeAt(tree, 'thread (0x1)', 'main', 'handle').id);
  assert.ok(zoomed);
  assert.equal(zoomed.meta, profile.meta);
  assert.deepEqual(zoomed.weights, [45, 15, 20]);
  assert.equal(profileTotal(zoomed), 80);
  assert.deepEqual(aggregateLines(zoomed), [
    { file: '/app/lib.py', line: 3, self: 45, total: 60 },
    { file: '/app/lib.py', line: 8, self: 20, total: 20 },
    { file: '/usr/lib/python3.12/json/decoder.py', line: 337, self: 15, total: 15 },
    { file: '/app/main.py', line: 10, self: 0, total: 80 },
    { file: '/app/server.py', line: 20, self: 0, total: 80 },
  ]);
});

test('zoomed hints have shares of the zoomed total, and a line outside the zoom gets nothing', () => {
  const profile = serviceProfile();
  const tree = buildCallTree(profile);
  const zoomed = restrictToNode(profile, tree, nodeAt(tree, 'thread (0x1)', 'main', 'handle').id);
  assert.ok(zoomed);
  const hints = buildFileLineHints(aggregateLines(zoomed), { total: profileTotal(zoomed), meta: zoomed.meta, mode: 'self', minLineShare: 0.005 });
  assert.deepEqual(
    hints.get('/app/lib.py')?.map((h) => [h.line, h.selfShare, h.text]),
    [
      [3, 0.5625, '▇ 56.3 % · 450 ms'],
      [8, 0.25, '▇ 25.0 % · 200 ms'],
    ],
  );
  // main.py:14 (tick) had 20 % of the whole profile and is outside the zoom.
  assert.equal(hints.get('/app/main.py'), undefined);
});

test('a frame reached along another path is not part of the zoom', () => {
  const profile = serviceProfile();
  const tree = buildCallTree(profile);
  const zoomed = restrictToNode(profile, tree, nodeAt(tree, 'thread (0x1)', 'main', 'work').id);
  assert.ok(zoomed);
  assert.deepEqual(aggregateLines(zoomed), [
    { file: '/app/lib.py', line: 3, self: 20, total: 20 },
    { file: '/app/main.py', line: 10, self: 0, total: 20 },
  ]);
});

test("zooming into a pruned tree's folded node keeps the samples of the frames it stands for", () => {
  const profile = serviceProfile();
  // 17 % of 125 = 21.25: under main, work (20) is folded away while handle (80) and tick (25) stay.
  const tree = pruneTree(buildCallTree(profile), 0.17);
  const other = nodeAt(tree, 'thread (0x1)', 'main', '1 smaller frame');
  assert.equal(other.kind, 'other');
  const zoomed = restrictToNode(profile, tree, other.id);
  assert.ok(zoomed);
  assert.deepEqual(zoomed.weights, [20]);
  assert.deepEqual(zoomed.stacks.map((s) => Array.from(s, (f) => profile.frames[f].name)), [['thread (0x1)', 'main', 'work']]);
});

test('zooming into the root keeps the whole profile', () => {
  const profile = serviceProfile();
  assert.equal(restrictToNode(profile, buildCallTree(profile), 0), profile);
});

test('zooming into an id that is not in the tree gives undefined', () => {
  const profile = serviceProfile();
  assert.equal(restrictToNode(profile, buildCallTree(profile), 999), undefined);
});

test('zooming in slices (the extension host on big profiles) gives what zooming at once gives, pausing between slices', async () => {
  const profile = serviceProfile();
  const tree = buildCallTree(profile);
  const node = nodeAt(tree, 'thread (0x1)', 'main', 'handle');
  const atOnce = restrictToNode(profile, tree, node.id);
  for (const sliceSize of [1, 2, profile.stacks.length]) {
    let pauses = 0;
    const sliced = await restrictToNodeInSlices(profile, tree, node.id, { sliceSize, pause: async () => void pauses++, cancelled: () => false });
    assert.deepEqual(sliced, atOnce);
    assert.equal(pauses, Math.ceil(profile.stacks.length / sliceSize) - 1);
    const sums = await aggregateLinesAndFunctionsInSlices(sliced as Profile, { sliceSize, pause: async () => undefined, cancelled: () => false });
    assert.deepEqual(sums, aggregateLinesAndFunctions(atOnce as Profile));
  }
  assert.equal(await restrictToNodeInSlices(profile, tree, tree.id, { sliceSize: 1, pause: async () => undefined, cancelled: () => false }), profile);
  assert.equal(await restrictToNodeInSlices(profile, tree, 999, { sliceSize: 1, pause: async () => undefined, cancelled: () => false }), undefined);
});

test('a zoom in slices stops at the first pause after it is cancelled (a newer zoom came)', async () => {
  const profile = serviceProfile();
  assert.ok(profile.stacks.length >= 3);
  const tree = buildCallTree(profile);
  const node = nodeAt(tree, 'thread (0x1)', 'main', 'handle');
  let pauses = 0;
  const cancelledAfterOne = { sliceSize: 1, pause: async () => void pauses++, cancelled: () => pauses >= 1 };
  assert.equal(await restrictToNodeInSlices(profile, tree, node.id, cancelledAfterOne), undefined);
  assert.equal(pauses, 1);
  pauses = 0;
  assert.equal(await aggregateLinesAndFunctionsInSlices(profile, cancelledAfterOne), undefined);
  assert.equal(pauses, 1);
});
