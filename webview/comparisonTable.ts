/**
 * The comparison section under a differential flame graph: both profiles' totals, the
 * correlation note, a table of the functions and lines that changed most (sortable by clicking
 * a header), and "Verify with repeated runs", which asks the host to run
 * `profileFirst.verifyChange` on the two programs. Every profile string goes in with
 * textContent; the wording and order come from src/core/view/comparisonText.ts.
 */
import type { ComparisonRow, ComparisonView } from '../src/core/model/comparison';
import type { FlameGraphData } from '../src/core/model/flameTree';
import {
  COMPARISON_COLUMNS,
  COMPARISON_HEADERS,
  comparisonCells,
  comparisonFootnote,
  comparisonSummary,
  sortComparisonRows,
  type ComparisonColumn,
} from '../src/core/view/comparisonText';
import { elementById } from './dom';
import type { HostBridge } from './hostBridge';

/** What the table asks of the page. */
export interface ComparisonTableCallbacks {
  /** A row with a source location was clicked. */
  openRequested(file: string, line: number): void;
}

/** Controller of #pf-comparison. */
export class ComparisonTable {
  private readonly section = elementById('pf-comparison', HTMLElement);
  private readonly summary = elementById('pf-comparison-summary', HTMLDivElement);
  private readonly note = elementById('pf-comparison-note', HTMLDivElement);
  private readonly head = elementById('pf-comparison-head', HTMLTableRowElement);
  private readonly body = elementById('pf-comparison-rows', HTMLTableSectionElement);
  private readonly testNote = elementById('pf-comparison-test', HTMLDivElement);
  private readonly omitted = elementById('pf-comparison-omitted', HTMLDivElement);
  private readonly verify = elementById('pf-verify-comparison', HTMLButtonElement);
  private readonly sortButtons = new Map<ComparisonColumn, HTMLButtonElement>();
  private view: ComparisonView | undefined;
  /** undefined: the order core gave (largest absolute change first). */
  private sort: { column: ComparisonColumn; descending: boolean } | undefined;

  constructor(
    private readonly host: HostBridge,
    private readonly callbacks: ComparisonTableCallbacks,
  ) {
    for (const column of COMPARISON_COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'pf-sort';
      button.dataset.column = column;
      button.textContent = COMPARISON_HEADERS[column];
      button.addEventListener('click', () => this.sortBy(column));
      th.append(button);
      this.head.append(th);
      this.sortButtons.set(column, button);
    }
    this.body.addEventListener('click', (event) => this.onRowClick(event));
    this.verify.addEventListener('click', () => this.requestVerify());
    // Re-running needs the extension; a standalone page only shows the numbers.
    if (host.kind !== 'vscode') this.verify.hidden = true;
  }

  /** Shows the section for data with a comparison, hides it otherwise. */
  show(data: FlameGraphData): void {
    const view = data.comparison;
    this.view = view;
    this.section.hidden = view === undefined;
    if (view === undefined) {
      this.body.replaceChildren();
      return;
    }
    this.sort = undefined;
    this.summary.textContent = comparisonSummary(view);
    this.note.textContent = view.correlationNote;
    this.testNote.textContent = `${view.testNote}${view.testApplies ? ' ✱ marks a significant change.' : ''}`;
    const footnote = comparisonFootnote(view);
    this.omitted.textContent = footnote;
    this.omitted.hidden = footnote === '';
    this.verify.disabled = false;
    this.renderRows();
  }

  private sortBy(column: ComparisonColumn): void {
    if (this.view === undefined) return;
    // First click: the natural order of the column (names A→Z, numbers largest first); again: reversed.
    const descending = this.sort?.column === column ? !this.sort.descending : column !== 'label' && column !== 'pAdjusted';
    this.sort = { column, descending };
    this.renderRows();
  }

  private renderRows(): void {
    const view = this.view;
    if (view === undefined) return;
    const rows = this.sort === undefined ? view.rows : sortComparisonRows(view.rows, this.sort.column, this.sort.descending);
    for (const [column, button] of this.sortButtons) {
      const sorted = this.sort?.column === column ? (this.sort.descending ? 'descending' : 'ascending') : 'none';
      (button.parentElement as HTMLElement).setAttribute('aria-sort', sorted);
    }
    this.body.replaceChildren(...rows.map((row) => this.rowElement(row)));
  }

  private rowElement(row: ComparisonRow): HTMLTableRowElement {
    const tr = document.createElement('tr');
    const cells = comparisonCells(row);
    for (const column of COMPARISON_COLUMNS) {
      const td = document.createElement('td');
      td.textContent = cells[column];
      if (column === 'label') {
        const kind = document.createElement('span');
        kind.className = 'pf-row-kind';
        kind.textContent = row.kind === 'function' ? 'function' : 'line';
        td.append(kind);
        if (row.file !== undefined) td.title = row.line !== undefined ? `${row.file}:${row.line}` : row.file;
      }
      if (column === 'changePoints' || column === 'changeSeconds') {
        const value = column === 'changePoints' ? row.changePoints : row.changeSeconds;
        if (value !== undefined && value !== 0) td.className = value > 0 ? 'pf-grew' : 'pf-shrank';
      }
      if (column === 'pAdjusted' && row.significant) td.className = 'pf-significant';
      tr.append(td);
    }
    if (row.file !== undefined) {
      tr.dataset.file = row.file;
      tr.dataset.line = String(row.line ?? 1);
      tr.title = 'Click to open the source';
    }
    return tr;
  }

  private onRowClick(event: MouseEvent): void {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const tr = target.closest('tr');
    const file = tr?.dataset.file;
    if (file === undefined) return;
    this.callbacks.openRequested(file, Number(tr?.dataset.line ?? '1'));
  }

  private requestVerify(): void {
    if (this.host.kind !== 'vscode' || this.view === undefined) return;
    this.host.post({ type: 'verifyComparison' });
  }
}
