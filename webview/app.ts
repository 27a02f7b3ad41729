/**
 * The page's controller: holds the profile and the view state, wires the toolbar to the chart,
 * and handles host messages. Drawing is FlameView's; numbers come from src/core/view.
 */
import type { FlameGraphData, FlameNode } from '../src/core/model/flameTree';
import { assertNever, type ToWebview } from '../src/core/protocol';
import { formatPercent } from '../src/core/model/units';
import { describeWeight, formatCount, shareNoun } from '../src/core/view/describeWeight';
import { compileFrameSearch, findWidestFrame, searchShare } from '../src/core/view/flameSearch';
import { describeAllocations, emptyProfileText } from '../src/core/view/memoryText';
import { visibleText } from '../src/core/view/visibleText';
import { ComparisonTable } from './comparisonTable';
import { elementById, openModifierName } from './dom';
import { FlameView } from './flameView';
import { renderHeader } from './header';
import type { HostBridge } from './hostBridge';
import { MemoryPanel } from './memoryPanel';
import { FrameTooltip, frameLocationText } from './tooltip';

const SEARCH_DELAY_MS = 150;

/** The flame graph page. */
export class FlameApp {
  private data: FlameGraphData | undefined;
  private inverted = true;
  private searchText = '';
  private selected: FlameNode | null = null;
  private lastZoomPosted: number | null = null;
  private pendingFocus: Extract<ToWebview, { type: 'focusLocation' }> | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private renderCount = 0;

  private readonly view: FlameView;
  private readonly memory: MemoryPanel;
  private readonly comparison: ComparisonTable;
  private readonly searchInput = elementById('pf-search', HTMLInputElement);
  private readonly searchResult = elementById('pf-search-result', HTMLSpanElement);
  private readonly gotoButton = elementById('pf-goto', HTMLButtonElement);
  private readonly resetButton = elementById('pf-reset', HTMLButtonElement);
  private readonly orientationButton = elementById('pf-orientation', HTMLButtonElement);
  private readonly selection = elementById('pf-selection', HTMLDivElement);
  private readonly message = elementById('pf-message', HTMLDivElement);
  private readonly messageText = elementById('pf-message-text', HTMLSpanElement);

  constructor(private readonly host: HostBridge) {
    const openHint = host.kind === 'vscode' ? 'opens the source' : 'shows the source location';
    this.view = new FlameView(elementById('pf-chart', HTMLElement), new FrameTooltip(openHint), {
      zoomed: (node) => this.onZoomed(node),
      openRequested: (node) => this.openSource(node),
    });
    this.memory = new MemoryPanel(host);
    this.comparison = new ComparisonTable(host, { openRequested: (file, line) => this.openFile(file, line) });
    if (host.kind === 'vscode') {
      const state = host.loadState();
      if (state !== undefined) {
        this.inverted = state.inverted;
        this.searchText = state.search;
        this.searchInput.value = state.search;
      }
    }
    this.wireToolbar();
    this.updateOrientationButton();
    this.updateSelection();
  }

  /** Handles one message from the extension host. */
  handle(message: ToWebview): void {
    switch (message.type) {
      case 'showProfile':
        this.showProfile(message.data);
        return;
      case 'focusLocation':
        this.focusLocation(message);
        return;
      case 'showMessage':
        this.showMessage(message.level, message.text);
        return;
      default:
        assertNever(message);
    }
  }

  /** Draws a profile, keeping orientation and search. */
  showProfile(data: FlameGraphData): void {
    this.data = data;
    this.selected = null;
    // The new profile starts unzoomed; the host's hints must stop following the old zoom.
    if (this.host.kind === 'vscode' && this.lastZoomPosted !== null) this.host.post({ type: 'zoomed', nodeId: null });
    this.lastZoomPosted = null;
    this.hideMessage();
    renderHeader(data);
    this.memory.show(data);
    this.comparison.show(data);
    for (const name of ['pf-render-start', 'pf-first-paint']) performance.clearMarks(name);
    for (const name of ['pf-render-sync', 'pf-first-paint']) performance.clearMeasures(name);
    performance.mark('pf-render-start');
    this.view.render(data, this.inverted);
    performance.measure('pf-render-sync', 'pf-render-start');
    this.applySearch();
    this.updateSelection();
    if (data.total <= 0) this.showMessage('info', emptyProfileText(data));
    this.markFirstPaint();
    if (this.pendingFocus !== undefined) {
      const focus = this.pendingFocus;
      this.pendingFocus = undefined;
      this.focusLocation(focus);
    }
  }

  /** Shows a note or an error above the chart (text only). */
  showMessage(level: 'info' | 'error', text: string): void {
    this.messageText.textContent = text;
    this.message.classList.toggle('pf-message-error', level === 'error');
    this.message.hidden = false;
    // A failed request (such as the PYTHONMALLOC=malloc re-run) is reported this way.
    if (level === 'error') this.memory.enableRerun();
  }

  private hideMessage(): void {
    this.message.hidden = true;
  }

  private focusLocation(location: Extract<ToWebview, { type: 'focusLocation' }>): void {
    if (this.data === undefined) {
      this.pendingFocus = location;
      return;
    }
    const node = findWidestFrame(this.data.root, location);
    if (node !== undefined && this.view.zoomTo(node.id)) return;
    const where = visibleText(location.line !== undefined ? `${location.file}:${location.line}` : location.file);
    this.showMessage('info', node === undefined ? `No frame at ${where} in this profile.` : `The frame at ${where} is too narrow to be drawn.`);
  }

  private onZoomed(node: FlameNode | null): void {
    this.selected = node;
    this.updateSelection();
    const nodeId = node === null ? null : node.id;
    if (this.host.kind === 'vscode' && nodeId !== this.lastZoomPosted) {
      this.lastZoomPosted = nodeId;
      this.host.post({ type: 'zoomed', nodeId });
    }
  }

  private openSource(node: FlameNode): void {
    if (node.file === undefined) {
      this.showMessage('info', `"${visibleText(node.name)}" has no source file in this profile.`);
      return;
    }
    if (this.host.kind === 'vscode') {
      // Recorded without line numbers (py-spy --nolineno): open the file at its top.
      this.host.post({ type: 'openLocation', file: node.file, line: node.line ?? 1 });
    } else {
      this.showMessage('info', `Source: ${frameLocationText(node)}`);
    }
  }

  /** A comparison table row: its location is one of the compared profiles' files (the host checks). */
  private openFile(file: string, line: number): void {
    if (this.host.kind === 'vscode') this.host.post({ type: 'openLocation', file, line });
    else this.showMessage('info', `Source: ${visibleText(`${file}:${line}`)}`);
  }

  private wireToolbar(): void {
    this.searchInput.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.setSearch(this.searchInput.value), SEARCH_DELAY_MS);
    });
    this.searchInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        clearTimeout(this.searchTimer);
        this.setSearch(this.searchInput.value);
      } else if (event.key === 'Escape') {
        this.searchInput.value = '';
        this.setSearch('');
      }
    });
    this.resetButton.addEventListener('click', () => this.view.resetZoom());
    this.gotoButton.addEventListener('click', () => {
      if (this.selected !== null) this.openSource(this.selected);
    });
    this.orientationButton.addEventListener('click', () => {
      this.inverted = !this.inverted;
      this.updateOrientationButton();
      this.view.setInverted(this.inverted);
      this.saveState();
    });
    elementById('pf-message-close', HTMLButtonElement).addEventListener('click', () => this.hideMessage());
  }

  private setSearch(text: string): void {
    if (text === this.searchText) return;
    this.searchText = text;
    this.applySearch();
    this.saveState();
  }

  private applySearch(): void {
    const data = this.data;
    this.searchInput.classList.remove('pf-invalid');
    if (this.searchText === '' || data === undefined) {
      this.view.search(undefined);
      this.searchResult.textContent = '';
      return;
    }
    const compiled = compileFrameSearch(this.searchText);
    if (!compiled.ok) {
      this.searchInput.classList.add('pf-invalid');
      this.searchResult.textContent = 'Not a valid regular expression';
      this.view.search(undefined);
      return;
    }
    this.view.search(compiled.matches);
    const result = searchShare(data.root, compiled.matches);
    this.searchResult.textContent =
      result.frames === 0
        ? 'No frames match'
        : `${formatPercent(result.weight, data.total)} of ${shareNoun(data.meta)} match (${formatCount(result.frames)} ${result.frames === 1 ? 'frame' : 'frames'})`;
  }

  private updateOrientationButton(): void {
    // Pressed = flame graph (root at the bottom); the default is the icicle.
    this.orientationButton.setAttribute('aria-pressed', String(!this.inverted));
  }

  private updateSelection(): void {
    const node = this.selected;
    this.gotoButton.disabled = node === null || node.file === undefined;
    if (node === null || this.data === undefined) {
      this.selection.textContent = `Click a frame to zoom in; ${openModifierName}+click opens its source.`;
      return;
    }
    const allocations = node.allocations !== undefined ? ` · ${describeAllocations(node.allocations)}` : '';
    this.selection.textContent = `${visibleText(node.name)} — ${frameLocationText(node)} — total ${describeWeight(node.total, this.data.total, this.data.meta)}${allocations}`;
  }

  private saveState(): void {
    if (this.host.kind === 'vscode') this.host.saveState({ inverted: this.inverted, search: this.searchText });
  }

  /** Marks when the first frame after a render is painted (two animation frames), for measurements. */
  private markFirstPaint(): void {
    const count = ++this.renderCount;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        performance.mark('pf-first-paint');
        performance.measure('pf-first-paint', 'pf-render-start', 'pf-first-paint');
        document.body.dataset.pfRendered = String(count);
      }),
    );
  }
}
