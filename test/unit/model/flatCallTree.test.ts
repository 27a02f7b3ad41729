import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCallTree, buildFlameGraphData, countNodes, pruneThreshold, pruneTree } from '../../../src/core/model/callTree';
import { buildFlatCallTree, subtreeSizes } from '../../../src/core/model/flatCallTree';
import type { Profile } from '../../../src/core/model/profile';
import { ProfileBuilder } from '../../../src/core/model/profileBuilder';
import { StackTable } from '../../../src/core/model/stackTable';
import { mulberry32 } from '../../../src/core/verify/stats/prng';

/** Seeded, so a failure names a case that can be replayed. */
const seeded = mulberry32;

/** A random profile: few frames (so paths repeat and recurse), stacks 0–7 deep, integer or fractional weights. */
function randomProfile(seed: number): Profile {
  const random = seeded(seed);
  const b = new ProfileBuilder();
  const frames = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) =>
    b.internFrame({ name: `f${i}`, file: i % 3 === 0 ? undefined : `/app/m${i % 4}.py`, line: i % 5 === 0 ? undefined : i, kind: i === 0 ? 'thread' : 'python' }),
  );
  const stacks = Math.floor(random() * 200);
  for (let i = 0; i < stacks; i++) {
    const depth = Math.floor(random() * 8);
    const stack = Array.from({ length: depth }, () => frames[Math.floor(random() * frames.length)]);
    b.addStack(stack, seed % 2 === 0 ? Math.floor(random() * 5) : random() * 0.37);
  }
  return b.build({ tool: 'py-spy', kind: 'cpu', unit: seed % 2 === 0 ? 'samples' : 'seconds' });
}

const SETTINGS: readonly (readonly [number, number])[] = [
  [0, 12_000],
  [5, 12_000],
  [0.1, 8],
  [1, 20],
  [50, 3],
];

test('the flame graph data built from flat arrays equals pruneTree(buildCallTree()) node for node', () => {
  for (let seed = 0; seed < 200; seed++) {
    const profile = randomProfile(seed);
    const full = buildCallTree(profile);
    for (const [percent, maxNodes] of SETTINGS) {
      const data = buildFlameGraphData(profile, { title: 't', minFramePercent: percent, maxNodes });
      const pruned = pruneTree(full, percent / 100, maxNodes);
      assert.deepStrictEqual(data.root, pruned, `seed ${seed}, ${percent} %, ${maxNodes} nodes`);
      assert.equal(data.nodeCount, countNodes(full));
      assert.equal(data.shownNodeCount, countNodes(pruned));
      const threshold = pruneThreshold(full, percent / 100, maxNodes);
      const folded = countNodes(pruned) !== countNodes(full) || threshold > 0;
      assert.equal(data.foldedBelowPercent, folded && full.total > 0 ? (100 * threshold) / full.total : 0);
    }
  }
});

test('the flat tree has one node per distinct path, and subtree sizes add up to the whole tree', () => {
  const profile = randomProfile(4);
  const tree = buildFlatCallTree(profile);
  assert.equal(tree.size, countNodes(buildCallTree(profile)));
  const sizes = subtreeSizes(tree);
  assert.equal(sizes[0], tree.size);
  for (let n = 1; n < tree.size; n++) assert.ok(tree.parent[n] < n, 'a child comes after its parent');
});

test('fractional weights are summed in the same order as the object tree, bit for bit', () => {
  const b = new ProfileBuilder();
  const main = b.internFrame({ name: 'main', file: '/a.py', line: 1, kind: 'python' });
  const work = b.internFrame({ name: 'work', file: '/a.py', line: 2, kind: 'python' });
  for (const w of [0.1, 0.2, 0.3, 1e-17, 0.7]) b.addStack([main, work], w);
  b.addStack([main], 0.1);
  const profile = b.build({ tool: 'speedscope', kind: 'cpu', unit: 'seconds' });
  const flat = buildFlatCallTree(profile);
  const full = buildCallTree(profile);
  assert.equal(flat.total[0], full.total);
  assert.equal(flat.total[1], full.children[0].total);
});

test('a stack table finds a sequence again by value and adopts arrays without copying them', () => {
  const table = new StackTable();
  const a = table.intern([3, 1, 2]);
  assert.equal(table.intern(new Int32Array([3, 1, 2])), a);
  assert.equal(table.intern([3, 1]), a + 1);
  assert.equal(table.intern([3, 1, 2, 0], 3), a);
  const mine = [7, 7];
  assert.equal(table.canonical(mine), mine);
  assert.equal(table.canonical([7, 7]), mine);
  for (let i = 0; i < 5000; i++) table.intern([i, i + 1]); // several rehashes
  assert.equal(table.intern([3, 1, 2]), a);
  assert.equal(table.size, 5003);
});

test('the builder merges equal stacks by value, skips zero weights, and adds to a known stack by id', () => {
  const b = new ProfileBuilder();
  const f = b.internFrame({ name: 'f', file: '/a.py', line: 1, kind: 'python' });
  const g = b.internFrame({ name: 'g', file: '/a.py', line: 2, kind: 'python' });
  assert.equal(b.addStack([f, g], 0), -1);
  const id = b.addStack([f, g], 2);
  assert.equal(b.addStack([f, g, f], 1, 2), id);
  b.addWeight(id, 4);
  const shared = [g];
  assert.equal(b.addStackArray(shared, 1), id + 1);
  const p = b.build({ tool: 'py-spy', kind: 'cpu', unit: 'samples' });
  assert.deepEqual(p.stacks, [[f, g], [g]]);
  assert.deepEqual(p.weights, [7, 1]);
  assert.equal(p.stacks[1], shared);
});
