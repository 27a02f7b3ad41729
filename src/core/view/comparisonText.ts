/**
 * The wording and order of the comparison table on the flame graph page. Pure, so the webview
 * only puts these strings into cells (as text) and the numbers are tested here.
 */
import type { ComparisonRow, ComparisonView } from '../model/comparison';
import { formatSeconds } from '../model/units';
import { describeTotal } from './describeWeight';
import { visibleText } from './visibleText';

/** The columns of the table, in order; each can be sorted by. */
export const COMPARISON_COLUMNS = ['label', 'before', 'after', 'changePoints', 'changeSeconds', 'pAdjusted'] as const;

/** A column of the comparison table. */
export type ComparisonColumn = (typeof COMPARISON_COLUMNS)[number];

/** Header text of each column. */
export const COMPARISON_HEADERS: Readonly<Record<ComparisonColumn, string>> = {
  label: 'Function / line',
  before: 'Before',
  after: 'After',
  changePoints: 'Change',
  changeSeconds: 'Change (time)',
  pAdjusted: 'p (adjusted)',
};

/** `+40.0 pts`, `−18.2 pts` (a real minus sign), `0.0 pts`. */
export function formatPoints(points: number): string {
  const text = Math.abs(points).toFixed(1);
  if (text === '0.0') return '0.0 pts';
  return `${points < 0 ? '−' : '+'}${text} pts`;
}

/** `+1.21 s`, `−340 ms`; `—` when the seconds are not known. */
export function formatSecondsChange(seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  // A difference of two conversions carries binary noise (0.6 − 0.5 = 0.09999999999999998),
  // which would put it on the wrong side of formatSeconds's 100 ms step ("100.0 ms").
  const size = Number(Math.abs(seconds).toPrecision(10));
  if (size === 0) return '0 s';
  return `${seconds < 0 ? '−' : '+'}${formatSeconds(size)}`;
}

/** `< 0.001`, `0.034`, `1`; `—` when the test does not apply. */
export function formatPValue(p: number | undefined): string {
  if (p === undefined) return '—';
  if (p < 0.001) return '< 0.001';
  if (p >= 0.9995) return '1';
  return p.toFixed(3);
}

/** A share of a profile's total: `37.5 %`. */
export function formatShare(percent: number): string {
  if (percent > 0 && percent < 0.05) return '<0.1 %';
  return `${percent.toFixed(1)} %`;
}

/** The text of each cell of a row, in COMPARISON_COLUMNS order. */
export function comparisonCells(row: ComparisonRow): Record<ComparisonColumn, string> {
  return {
    label: visibleText(row.label),
    before: row.presence === 'candidate-only' ? 'new' : formatShare(row.before),
    after: row.presence === 'baseline-only' ? 'gone' : formatShare(row.after),
    changePoints: formatPoints(row.changePoints),
    changeSeconds: formatSecondsChange(row.changeSeconds),
    pAdjusted: `${formatPValue(row.pAdjusted)}${row.significant ? ' ✱' : ''}`,
  };
}

/** The line above the table: both totals and what the shares are of. */
export function comparisonSummary(view: ComparisonView): string {
  const side = (s: ComparisonView['baseline']): string => `${visibleText(s.title)}: ${describeTotal(s.total, s.meta)}`;
  return `Baseline ${side(view.baseline)} → candidate ${side(view.candidate)}. Shares are of each profile’s own total; widths are the candidate’s.`;
}

/** Below the table: rows left out, and the baseline share drawn nowhere in the graph. */
export function comparisonFootnote(view: ComparisonView): string {
  const parts: string[] = [];
  if (view.omittedRows > 0) parts.push(`${view.omittedRows.toLocaleString('en-US')} more ${view.omittedRows === 1 ? 'row' : 'rows'} with smaller changes not shown.`);
  if (view.removedPercent >= 0.05) {
    parts.push(`${formatShare(view.removedPercent)} of the baseline ran in code paths the candidate never reached; they have no width in the graph and are listed as “gone”.`);
  }
  return parts.join(' ');
}

/**
 * Rows in the order of a column. `changePoints` and `changeSeconds` sort by size (absolute
 * value), so "largest first" works for gains and losses alike; rows without a value go last.
 */
export function sortComparisonRows(rows: readonly ComparisonRow[], column: ComparisonColumn, descending: boolean): ComparisonRow[] {
  const value = (r: ComparisonRow): number | string | undefined => {
    switch (column) {
      case 'label':
        return r.label;
      case 'changePoints':
        return Math.abs(r.changePoints);
      case 'changeSeconds':
        return r.changeSeconds === undefined ? undefined : Math.abs(r.changeSeconds);
      default:
        return r[column];
    }
  };
  const indexed = rows.map((row, i) => ({ row, i, v: value(row) }));
  indexed.sort((a, b) => {
    if (a.v === undefined || b.v === undefined) return a.v === b.v ? a.i - b.i : a.v === undefined ? 1 : -1;
    const order = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    return (descending ? -order : order) || a.i - b.i;
  });
  return indexed.map((x) => x.row);
}
