import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FlameNode } from '../../../../src/core/model/flameTree';
import type { ProfileMeta } from '../../../../src/core/model/profile';
import { ProfileBuilder } from '../../../../src/core/model/profileBuilder';
import { buildComparisonData, CORRELATION_NOTE } from '../../../../src/core/model/diff/comparisonData';
import { diffRows } from '../../../../src/core/model/diff/diffRows';
import { buildDiffTree, diffProfiles } from '../../../../src/core/model/diff/diffTree';
import { normalTwoSidedP } from '../../../../src/core/verify/stats/normal';
import { mulberry32 } from '../../../../src/core/verify/stats/prng';

const CPU: ProfileMeta = { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 };

/** A profile from `a;b` style stacks: each frame is a Python function a..z at /app/m.py, line = its letter's position. */
function profileOf(stacks: Record<string, number>, meta: ProfileMeta = CPU) {
  const b = new ProfileBuilder();
  for (const [path, weight] of Object.entries(stacks)) {
    const ids = path.split(';').map((name) => b.internFrame({ name, file: '/app/m.py', line: name.charCodeAt(0) - 96, kind: 'python' }));
    b.addStack(ids, weight);
  }
  return b.build(meta);
}

/** Seconds to 12 decimals: 0.2 − 0.6 is −0.39999999999999997 in binary floating point. */
function roundSeconds(sec: number | undefined): number | undefined {
  return sec === undefined ? undefined : Number(sec.toFixed(12));
}

function shape(node: FlameNode): unknown {
  return [node.name, node.total, node.delta, node.children.map(shape)];
}

describe('differential tree', () => {
  test('widths are the candidate’s and delta is the change of share in points', () => {
    const root = diffProfiles(profileOf({ 'a;b': 60, 'a;c': 40 }), profileOf({ 'a;b': 20, 'a;c': 80 }));
    assert.deepEqual(shape(root), ['all', 100, 0, [['a', 100, 0, [['c', 80, 40, []], ['b', 20, -40, []]]]]]);
    assert.deepEqual([root.id, root.children[0].id, root.children[0].children[0].id, root.children[0].children[1].id], [0, 1, 2, 3]);
  });

  test('each profile is normalised to its own total (a longer candidate is not “slower”)', () => {
    // Baseline 40 samples, candidate 80: b keeps its 30 samples but falls from 75 % to 37.5 %.
    const root = diffProfiles(profileOf({ 'a;b': 30, 'a;c': 10 }), profileOf({ 'a;b': 30, 'a;c': 50 }));
    assert.deepEqual(shape(root), ['all', 80, 0, [['a', 80, 0, [['c', 50, 37.5, []], ['b', 30, -37.5, []]]]]]);
  });

  test('ids are the same depth-first numbering a single profile’s tree uses', () => {
    const root = diffProfiles(profileOf({ 'a;b;c': 10, 'a;d': 5 }), profileOf({ 'a;b;c': 7, 'a;b': 2, 'a;d': 9 }));
    const ids: [string, number][] = [];
    const walk = (n: FlameNode): void => {
      ids.push([n.name, n.id]);
      n.children.forEach(walk);
    };
    walk(root);
    assert.deepEqual(ids, [['all', 0], ['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    assert.deepEqual([root.children[0].children[0].self, root.children[0].children[0].total], [2, 9]);
  });

  test('a frame only the baseline has gets width 0 and its share as a negative delta', () => {
    const root = diffProfiles(profileOf({ 'a;b': 50, 'a;d': 50 }), profileOf({ 'a;b': 100 }));
    assert.deepEqual(shape(root), ['all', 100, 0, [['a', 100, 0, [['b', 100, 50, []], ['d', 0, -50, []]]]]]);
  });

  test('pruning folds narrow and removed frames into “other”, whose delta sums what it folds', () => {
    const pruned = buildDiffTree(profileOf({ 'a;b': 50, 'a;c': 30, 'a;d': 20 }), profileOf({ 'a;b': 90, 'a;c': 6, 'a;e': 4 }), 10, 12_000);
    // c (6 %, was 30 %), e (4 %, new) and d (0 %, was 20 %) fold: −24 + 4 − 20 = −40 points.
    assert.deepEqual(shape(pruned.root), ['all', 100, 0, [['a', 100, 0, [['b', 90, 40, []], ['2 smaller frames', 10, -40, []]]]]]);
    assert.equal(pruned.nodeCount, 6);
    assert.equal(pruned.shownNodeCount, 4);
    assert.equal(pruned.foldedBelowPercent, 10);
    assert.equal(pruned.root.children[0].children[1].id, 6);
    // d ran 20 % of the baseline and is drawn nowhere.
    assert.equal(pruned.removedPercent, 20);
  });
});

describe('differential tree against a naive union', () => {
  test('every path of 2,000 random stacks a side has the candidate’s total and the exact change of share', () => {
    // A fixed seed: the same stacks on every run.
    const rnd = mulberry32(7);
    const randomStacks = (names: string): Record<string, number> => {
      const out: Record<string, number> = {};
      for (let i = 0; i < 2000; i++) {
        const depth = 1 + Math.floor(rnd() * 6);
        const path = Array.from({ length: depth }, () => names[Math.floor(rnd() * names.length)]).join(';');
        out[path] = (out[path] ?? 0) + 1 + Math.floor(rnd() * 9);
      }
      return out;
    };
    // Overlapping alphabets: shared paths, baseline-only paths (a, b) and candidate-only ones (g, h).
    const before = randomStacks('abcdef');
    const after = randomStacks('cdefgh');
    const naive = (stacks: Record<string, number>): Map<string, number> => {
      const totals = new Map<string, number>();
      for (const [path, w] of Object.entries(stacks)) {
        const parts = path.split(';');
        for (let k = 1; k <= parts.length; k++) totals.set(parts.slice(0, k).join(';'), (totals.get(parts.slice(0, k).join(';')) ?? 0) + w);
      }
      return totals;
    };
    const sum = (stacks: Record<string, number>): number => Object.values(stacks).reduce((a, b) => a + b, 0);
    const [b, c, bTotal, cTotal] = [naive(before), naive(after), sum(before), sum(after)];
    const root = diffProfiles(profileOf(before), profileOf(after));
    let checked = 0;
    const walk = (node: FlameNode, path: string): void => {
      if (path !== '') {
        assert.equal(node.total, c.get(path) ?? 0, path);
        const expected = (100 * (c.get(path) ?? 0)) / cTotal - (100 * (b.get(path) ?? 0)) / bTotal;
        assert.ok(Math.abs((node.delta as number) - expected) < 1e-9, `${path}: ${node.delta} ≠ ${expected}`);
        checked++;
      }
      for (const child of node.children) walk(child, path === '' ? child.name : `${path};${child.name}`);
    };
    walk(root, '');
    assert.equal(checked, new Set([...b.keys(), ...c.keys()]).size);
    assert.ok(checked > 3000, `${checked} paths`);
  });
});

describe('comparison rows', () => {
  test('functions and lines with shares, points, seconds and p-values, largest change first', () => {
    const { rows, testApplies } = diffRows(profileOf({ 'a;b': 60, 'a;c': 40 }), profileOf({ 'a;b': 20, 'a;c': 80 }));
    assert.equal(testApplies, true);
    assert.deepEqual(
      rows.map((r) => [r.kind, r.label, r.before, r.after, r.changePoints, roundSeconds(r.changeSeconds), r.presence]),
      [
        // Equal absolute changes: the row with the larger share first, functions before lines.
        ['function', 'c', 40, 80, 40, 0.4, 'both'],
        ['line', '/app/m.py:3', 40, 80, 40, 0.4, 'both'],
        ['function', 'b', 60, 20, -40, -0.4, 'both'],
        ['line', '/app/m.py:2', 60, 20, -40, -0.4, 'both'],
        ['function', 'a', 100, 100, 0, 0, 'both'],
        ['line', '/app/m.py:1', 100, 100, 0, 0, 'both'],
      ],
    );
    // 60/100 vs 20/100: pooled 0.4, se = √(0.4·0.6·0.02) = 0.069282, z = −5.7735 (R: prop.test(c(60,20), c(100,100), correct=FALSE)).
    const b = rows[2];
    assert.ok(Math.abs((b.pValue as number) - normalTwoSidedP(-0.4 / Math.sqrt(0.4 * 0.6 * 0.02))) < 1e-15);
    assert.ok((b.pValue as number) < 1e-8 && (b.pValue as number) > 7e-9);
    // Six rows, four with p ≈ 7.8e-9 and two with p = 1: BH multiplies the smallest by 6/4.
    assert.ok(Math.abs((b.pAdjusted as number) - (b.pValue as number) * 1.5) < 1e-20);
    assert.deepEqual(rows.map((r) => r.significant), [true, true, true, true, false, false]);
    assert.deepEqual([rows[4].pValue, rows[4].pAdjusted], [1, 1]);
  });

  test('a small change in few samples is not significant', () => {
    const { rows } = diffRows(profileOf({ 'a;b': 6, 'a;c': 4 }), profileOf({ 'a;b': 5, 'a;c': 5 }));
    const b = rows.find((r) => r.label === 'b');
    assert.equal(b?.changePoints, -10);
    assert.ok((b?.pValue as number) > 0.6);
    assert.equal(b?.significant, false);
  });

  test('rows only one profile has say so; seconds are absent when a rate is unknown', () => {
    const { rows } = diffRows(profileOf({ 'a;b': 50, 'a;d': 50 }), profileOf({ 'a;b': 100 }, { tool: 'collapsed', kind: 'cpu', unit: 'samples' }));
    const d = rows.find((r) => r.label === 'd');
    assert.deepEqual([d?.before, d?.after, d?.changePoints, d?.presence, d?.candidateWeight, d?.baselineWeight], [50, 0, -50, 'baseline-only', 0, 50]);
    assert.equal(d?.changeSeconds, undefined);
    assert.equal(typeof d?.pValue, 'number');
  });

  test('memory profiles get no p-value and say why', () => {
    const mem: ProfileMeta = { tool: 'memray', kind: 'memory', unit: 'bytes' };
    const { rows, testApplies, testNote } = diffRows(profileOf({ 'a;b': 600, 'a;c': 400 }, mem), profileOf({ 'a;b': 200, 'a;c': 800 }, mem));
    assert.equal(testApplies, false);
    assert.match(testNote, /memory profiles .* not independent samples/);
    assert.ok(rows.every((r) => r.pValue === undefined && r.pAdjusted === undefined && !r.significant && r.changeSeconds === undefined));
    assert.deepEqual(rows[0].changePoints, 40);
  });
});

describe('comparison data', () => {
  test('carries the candidate’s widths, both titles, the capped rows, the note and the removed share', () => {
    const data = buildComparisonData(profileOf({ 'a;b': 50, 'a;d': 50 }), profileOf({ 'a;b': 100 }), {
      baselineTitle: 'before.txt',
      candidateTitle: 'after.txt',
      minFramePercent: 0.5,
      maxRows: 2,
    });
    assert.equal(data.title, 'before.txt → after.txt');
    assert.equal(data.total, 100);
    const c = data.comparison;
    assert.ok(c !== undefined);
    assert.deepEqual([c.baseline.title, c.baseline.total, c.candidate.title, c.candidate.total, c.unit], ['before.txt', 100, 'after.txt', 100, 'samples']);
    assert.deepEqual(c.rows.map((r) => r.label), ['b', '/app/m.py:2']);
    assert.equal(c.omittedRows, 4);
    assert.equal(c.removedPercent, 50);
    assert.equal(c.correlationNote, CORRELATION_NOTE);
    assert.deepEqual(data.files, ['/app/m.py']);
    // d has no width in the candidate: it is not drawn (the table lists it).
    assert.deepEqual(data.root.children[0].children.map((n) => n.name), ['b']);
  });

  test('refuses to compare a CPU profile with a memory profile', () => {
    assert.throws(
      () =>
        buildComparisonData(profileOf({ a: 1 }), profileOf({ a: 1 }, { tool: 'memray', kind: 'memory', unit: 'bytes' }), {
          baselineTitle: 'cpu.txt',
          candidateTitle: 'mem.bin',
          minFramePercent: 0,
        }),
      { name: 'ProfileFirstError', message: 'Cannot compare a CPU profile (cpu.txt) with a memory profile (mem.bin): pick two profiles of the same kind.' },
    );
  });
});
