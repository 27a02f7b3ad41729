import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComparisonRow, ComparisonView } from '../../../src/core/model/comparison';
import {
  comparisonCells,
  comparisonFootnote,
  comparisonSummary,
  formatPoints,
  formatPValue,
  formatSecondsChange,
  sortComparisonRows,
} from '../../../src/core/view/comparisonText';

function row(label: string, before: number, after: number, extra: Partial<ComparisonRow> = {}): ComparisonRow {
  return {
    kind: 'function',
    label,
    baselineWeight: before,
    candidateWeight: after,
    before,
    after,
    changePoints: after - before,
    significant: false,
    presence: 'both',
    ...extra,
  };
}

describe('comparison table text', () => {
  it('formats points with a real minus sign, seconds with a sign, and p-values to three places', () => {
    assert.deepEqual([formatPoints(-18.24), formatPoints(3.06), formatPoints(-0.01)], ['−18.2 pts', '+3.1 pts', '0.0 pts']);
    assert.deepEqual([formatSecondsChange(-0.34), formatSecondsChange(1.214), formatSecondsChange(0.6 - 0.5), formatSecondsChange(undefined)], ['−340 ms', '+1.21 s', '+100 ms', '—']);
    assert.deepEqual([formatPValue(7.7e-9), formatPValue(0.0344), formatPValue(0.99999), formatPValue(undefined)], ['< 0.001', '0.034', '1', '—']);
  });

  it('says “new” and “gone” for rows only one profile has, and marks significant rows', () => {
    assert.deepEqual(comparisonCells(row('d', 50, 0, { presence: 'baseline-only', changeSeconds: -0.5, pAdjusted: 1e-6, significant: true })), {
      label: 'd',
      before: '50.0 %',
      after: 'gone',
      changePoints: '−50.0 pts',
      changeSeconds: '−500 ms',
      pAdjusted: '< 0.001 ✱',
    });
    assert.equal(comparisonCells(row('e', 0, 4, { presence: 'candidate-only' })).before, 'new');
    assert.equal(comparisonCells(row('evil\u202Efdp.exe', 1, 2)).label, 'evil⟨U+202E⟩fdp.exe');
  });

  it('sorts by size of change either way, by name, and puts rows without seconds last', () => {
    const rows = [row('b', 60, 20, { changeSeconds: -0.4 }), row('a', 10, 15), row('c', 30, 65, { changeSeconds: 0.35 })];
    assert.deepEqual(sortComparisonRows(rows, 'changePoints', true).map((r) => r.label), ['b', 'c', 'a']);
    assert.deepEqual(sortComparisonRows(rows, 'changePoints', false).map((r) => r.label), ['a', 'c', 'b']);
    assert.deepEqual(sortComparisonRows(rows, 'label', false).map((r) => r.label), ['a', 'b', 'c']);
    assert.deepEqual(sortComparisonRows(rows, 'changeSeconds', false).map((r) => r.label), ['c', 'b', 'a']);
  });

  it('summarises both totals and says what was left out and what the graph cannot draw', () => {
    const view: ComparisonView = {
      baseline: { title: 'before.txt', total: 200, meta: { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 } },
      candidate: { title: 'after.txt', total: 100, meta: { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 } },
      unit: 'samples',
      rows: [],
      omittedRows: 1234,
      testApplies: true,
      testNote: '',
      correlationNote: '',
      removedPercent: 12.5,
    };
    assert.equal(
      comparisonSummary(view),
      'Baseline before.txt: 200 samples (2.00 s at 100 Hz) → candidate after.txt: 100 samples (1.00 s at 100 Hz). Shares are of each profile’s own total; widths are the candidate’s.',
    );
    assert.equal(
      comparisonFootnote(view),
      '1,234 more rows with smaller changes not shown. 12.5 % of the baseline ran in code paths the candidate never reached; they have no width in the graph and are listed as “gone”.',
    );
  });
});
