import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCallTree, buildFlameGraphData, countNodes, pruneTree } from '../../../src/core/model/callTree';
import type { FlameNode } from '../../../src/core/model/flameTree';
import { ProfileBuilder } from '../../../src/core/model/profileBuilder';

/** main → work (70), main → helper → work (20), main (10): 100 samples at 100 Hz. */
function sampleProfile() {
  const b = new ProfileBuilder();
  const main = b.internFrame({ name: 'main', file: '/app/m.py', line: 10, kind: 'python' });
  const work = b.internFrame({ name: 'work', file: '/app/m.py', line: 3, kind: 'python' });
  const helper = b.internFrame({ name: 'helper', file: '/app/m.py', line: 7, kind: 'python' });
  b.addStack([main, work], 70);
  b.addStack([main, helper, work], 20);
  b.addStack([main], 10);
  return b.build({ tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 });
}

function find(node: FlameNode, name: string): FlameNode | undefined {
  if (node.name === name) return node;
  for (const c of node.children) {
    const hit = find(c, name);
    if (hit) return hit;
  }
  return undefined;
}

test('the call tree merges stacks by frame path and keeps self and total', () => {
  const root = buildCallTree(sampleProfile());
  assert.equal(root.total, 100);
  assert.equal(root.self, 0);
  assert.equal(root.children.length, 1);
  const main = root.children[0];
  assert.deepEqual([main.name, main.total, main.self], ['main', 100, 10]);
  assert.deepEqual(
    main.children.map((c) => [c.name, c.total, c.self]),
    [
      ['work', 70, 70],
      ['helper', 20, 0],
    ],
  );
  assert.equal(find(main.children[1], 'work')?.total, 20);
});

test('node ids are unique and assigned depth-first from the root', () => {
  const root = buildCallTree(sampleProfile());
  const ids: number[] = [];
  const walk = (n: FlameNode) => {
    ids.push(n.id);
    n.children.forEach(walk);
  };
  walk(root);
  assert.deepEqual(ids, [0, 1, 2, 3, 4]);
});

test('pruning folds narrow frames into one "other" node and keeps every parent total', () => {
  const root = buildCallTree(sampleProfile());
  const pruned = pruneTree(root, 0.25);
  const main = pruned.children[0];
  assert.equal(main.total, 100);
  assert.deepEqual(
    main.children.map((c) => [c.name, c.kind, c.total]),
    [
      ['work', 'python', 70],
      ['1 smaller frame', 'other', 20],
    ],
  );
  const sum = main.children.reduce((s, c) => s + c.total, 0) + main.self;
  assert.equal(sum, main.total);
});

test('pruning keeps ids of the full tree so zoom reports map back', () => {
  const root = buildCallTree(sampleProfile());
  const pruned = pruneTree(root, 0.25);
  assert.equal(pruned.children[0].children[0].id, root.children[0].children[0].id);
  assert.ok(pruned.children[0].children[1].id > 4, 'the "other" node gets an id after the full tree');
});

test('the node cap bounds the tree sent to the panel', () => {
  const b = new ProfileBuilder();
  const top = b.internFrame({ name: 'top', file: '/a.py', line: 1, kind: 'python' });
  for (let i = 0; i < 5000; i++) {
    const f = b.internFrame({ name: `f${i}`, file: '/a.py', line: i + 2, kind: 'python' });
    b.addStack([top, f], 1 + (i % 7));
  }
  const profile = b.build({ tool: 'collapsed', kind: 'cpu', unit: 'samples' });
  const data = buildFlameGraphData(profile, { title: 't', minFramePercent: 0, maxNodes: 200 });
  assert.equal(data.nodeCount, 5002);
  assert.ok(data.shownNodeCount <= 200, `shown ${data.shownNodeCount}`);
  assert.equal(data.root.total, data.total);
  assert.equal(countNodes(data.root), data.shownNodeCount);
});

test('flame graph data lists the recorded files of code frames only', () => {
  const b = new ProfileBuilder();
  const thread = b.internFrame({ name: 'thread (1)', kind: 'thread' });
  const f = b.internFrame({ name: 'f', file: '/x/y.py', line: 2, kind: 'python' });
  b.addStack([thread, f], 3);
  const data = buildFlameGraphData(b.build({ tool: 'py-spy', kind: 'cpu', unit: 'samples' }), { title: 't', minFramePercent: 0.1 });
  assert.deepEqual(data.files, ['/x/y.py']);
});
