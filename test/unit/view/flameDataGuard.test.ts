import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flameGraphDataProblem, isFlameGraphData } from '../../../src/core/view/flameDataGuard';
import { hostileData } from './flameData';

describe('flameGraphDataProblem', () => {
  it('accepts well-formed data, whatever its strings say', () => {
    assert.equal(flameGraphDataProblem(hostileData()), undefined);
    assert.ok(isFlameGraphData(JSON.parse(JSON.stringify(hostileData()))));
  });

  it('names the problem of malformed data', () => {
    const good = hostileData();
    assert.equal(flameGraphDataProblem(null), 'not an object');
    assert.equal(flameGraphDataProblem({ ...good, meta: { ...good.meta, unit: 'furlongs' } }), 'meta.unit is missing or unknown');
    assert.equal(flameGraphDataProblem({ ...good, total: '10' }), 'total is not a number');
    assert.equal(flameGraphDataProblem({ ...good, root: { ...good.root, children: 'x' } }), 'frame 0 has no children list');
    const badChild = { ...good.root, children: [{ id: 7, name: 'f', kind: 'python', total: -1, self: 0, children: [] }] };
    assert.equal(flameGraphDataProblem({ ...good, root: badChild }), 'frame 7 has no total or self');
  });

  it('walks deep trees without recursion', () => {
    let node: Record<string, unknown> = { id: 0, name: 'leaf', kind: 'python', total: 1, self: 1, children: [] };
    for (let i = 1; i < 100_000; i++) node = { id: i, name: 'f', kind: 'python', total: 1, self: 0, children: [node] };
    assert.equal(flameGraphDataProblem({ ...hostileData(), root: node }), undefined);
  });
});
