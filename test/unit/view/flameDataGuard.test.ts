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

  it('checks a comparison (a page made by html --baseline) and the change on each frame', () => {
    const good = hostileData();
    const side = { title: 'before', total: 10, meta: good.meta };
    const row = { kind: 'function', label: 'f', baselineWeight: 5, candidateWeight: 2, before: 50, after: 20, changePoints: -30, significant: true, presence: 'both' };
    const comparison = { baseline: side, candidate: side, unit: 'samples', rows: [row], omittedRows: 0, testApplies: true, testNote: 'n', correlationNote: 'c', removedPercent: 0 };
    assert.equal(flameGraphDataProblem({ ...good, comparison }), undefined);
    assert.equal(flameGraphDataProblem({ ...good, comparison: 'x' }), 'comparison is not an object');
    assert.equal(flameGraphDataProblem({ ...good, comparison: { ...comparison, candidate: { ...side, total: -1 } } }), 'comparison.candidate is malformed');
    assert.equal(flameGraphDataProblem({ ...good, comparison: { ...comparison, rows: [{ ...row, changePoints: 'big' }] } }), 'comparison row 0 has bad numbers');
    assert.equal(flameGraphDataProblem({ ...good, comparison: { ...comparison, rows: [{ ...row, pValue: Infinity }] } }), 'comparison row 0 has bad numbers');
    assert.equal(flameGraphDataProblem({ ...good, comparison: { ...comparison, rows: [{ ...row, presence: 'maybe' }] } }), 'comparison row 0 has no significance or presence');
    assert.equal(flameGraphDataProblem({ ...good, root: { ...good.root, delta: Number.NaN } }), 'frame 0 has a bad change');
  });

  it('walks deep trees without recursion', () => {
    let node: Record<string, unknown> = { id: 0, name: 'leaf', kind: 'python', total: 1, self: 1, children: [] };
    for (let i = 1; i < 100_000; i++) node = { id: i, name: 'f', kind: 'python', total: 1, self: 0, children: [node] };
    assert.equal(flameGraphDataProblem({ ...hostileData(), root: node }), undefined);
  });
});
