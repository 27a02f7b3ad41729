/**
 * The memory section above the flame graph: the memory-over-time chart, the Peak | Leaks switch
 * and, for inexact leaks, the PYTHONMALLOC=malloc note with its re-run button. Switching and
 * re-running are requests to the host (which answers with a new `showProfile`); outside VS Code
 * the switch only shows the mode and the re-run button is hidden.
 */
import type { FlameGraphData, MemoryView, MemoryViewMode } from '../src/core/model/flameTree';
import { elementById } from './dom';
import type { HostBridge } from './hostBridge';
import { MemoryChartView } from './memoryChartView';

/** Controller of #pf-memory. */
export class MemoryPanel {
  private readonly section = elementById('pf-memory', HTMLElement);
  private readonly chartContainer = elementById('pf-memory-chart', HTMLDivElement);
  private readonly chart: MemoryChartView;
  private readonly empty = elementById('pf-memory-empty', HTMLDivElement);
  private readonly modes = elementById('pf-memory-modes', HTMLDivElement);
  private readonly modeButtons: Readonly<Record<MemoryViewMode, HTMLButtonElement>> = {
    peak: elementById('pf-mode-peak', HTMLButtonElement),
    leaks: elementById('pf-mode-leaks', HTMLButtonElement),
  };
  private readonly note = elementById('pf-leaks-note', HTMLDivElement);
  private readonly rerun = elementById('pf-rerun-malloc', HTMLButtonElement);
  private view: MemoryView | undefined;

  constructor(private readonly host: HostBridge) {
    this.chart = new MemoryChartView(this.chartContainer);
    for (const mode of ['peak', 'leaks'] as const) this.modeButtons[mode].addEventListener('click', () => this.requestMode(mode));
    this.rerun.addEventListener('click', () => this.requestRerun());
    if (host.kind !== 'vscode') {
      for (const button of Object.values(this.modeButtons)) button.disabled = true;
      this.modes.title = 'Switching between peak and leaks needs the Profile First panel in VS Code.';
      this.rerun.hidden = true;
    }
  }

  /** Shows the section for a memory profile with a MemoryView, hides it otherwise. */
  show(data: FlameGraphData): void {
    const view = data.memory;
    this.view = view;
    this.section.hidden = view === undefined;
    if (view === undefined) {
      this.chart.clear();
      return;
    }
    // Shown before drawing, so the chart reads the panel's width.
    this.chartContainer.hidden = false;
    const drawn = this.chart.render(view);
    this.chartContainer.hidden = !drawn;
    this.empty.hidden = drawn;
    const both = view.availableModes.includes('peak') && view.availableModes.includes('leaks');
    this.modes.hidden = !both;
    for (const mode of ['peak', 'leaks'] as const) this.modeButtons[mode].setAttribute('aria-pressed', String(view.mode === mode));
    this.note.hidden = !(view.mode === 'leaks' && view.leaksExact === false);
    // A fresh profile (the re-run's, or another) makes the button usable again.
    this.rerun.disabled = false;
  }

  /** Lets the re-run be asked for again (the host reported that it did not happen). */
  enableRerun(): void {
    this.rerun.disabled = false;
  }

  private requestMode(mode: MemoryViewMode): void {
    if (this.host.kind !== 'vscode' || this.view === undefined || this.view.mode === mode) return;
    this.host.post({ type: 'switchMemoryMode', mode });
  }

  private requestRerun(): void {
    if (this.host.kind !== 'vscode') return;
    // One click, one recording: the button comes back with the next profile or error.
    this.rerun.disabled = true;
    this.host.post({ type: 'rerunWithMalloc' });
  }
}
