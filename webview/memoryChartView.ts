/**
 * The "memory over time" chart: RSS and heap lines with the peak marked, drawn with d3-selection
 * from the layout src/core/view/memoryChart.ts computes. Geometry is set as SVG attributes and
 * colours come from classes (media/flamegraph-panel.css), so the CSP's style rules hold; all
 * text is set with textContent (d3's `.text`). Redrawn when the panel's width changes.
 */
import { select, type Selection } from 'd3-selection';
import type { MemoryView } from '../src/core/model/flameTree';
import { formatBytes } from '../src/core/model/units';
import { MEMORY_CHART_HEIGHT, memoryChartLayout, type MemoryChartLayout } from '../src/core/view/memoryChart';

const MIN_WIDTH = 240;

/** One chart in one container; `render` replaces what was drawn before. */
export class MemoryChartView {
  private view: MemoryView | undefined;
  private width = 0;
  private pendingResize = 0;

  constructor(private readonly container: HTMLElement) {
    new ResizeObserver(() => this.scheduleResize()).observe(container);
  }

  /** Draws the view's snapshots; false (and nothing drawn) when there are fewer than two. */
  render(view: MemoryView): boolean {
    this.view = view;
    this.width = this.containerWidth();
    return this.draw();
  }

  /** Removes the chart. */
  clear(): void {
    this.view = undefined;
    select(this.container).selectAll('svg').remove();
  }

  private draw(): boolean {
    select(this.container).selectAll('svg').remove();
    if (this.view === undefined) return false;
    const layout = memoryChartLayout(this.view, this.width, MEMORY_CHART_HEIGHT);
    if (layout === undefined) return false;
    const svg = select(this.container)
      .append('svg')
      .attr('class', 'pf-memory-svg')
      .attr('width', layout.width)
      .attr('height', layout.height)
      .attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
      .attr('role', 'img')
      .attr('aria-label', chartDescription(layout));
    drawAxes(svg, layout);
    svg
      .append('g')
      .attr('class', 'pf-memory-lines')
      .selectAll('path')
      .data(layout.lines)
      .join('path')
      .attr('class', (d) => `pf-memory-line pf-memory-${d.series}`)
      .attr('data-series', (d) => d.series)
      .attr('d', (d) => d.d);
    const peak = svg.append('g').attr('class', 'pf-memory-peak');
    peak.append('line').attr('class', 'pf-memory-peak-rule').attr('x1', layout.peak.x).attr('x2', layout.peak.x).attr('y1', layout.peak.labelY - 9).attr('y2', layout.plot.bottom);
    peak.append('circle').attr('class', 'pf-memory-peak-dot').attr('cx', layout.peak.x).attr('cy', layout.peak.y).attr('r', 3.5);
    peak
      .append('text')
      .attr('class', 'pf-memory-peak-label')
      .attr('x', layout.peak.labelX)
      .attr('y', layout.peak.labelY)
      .attr('text-anchor', layout.peak.anchor)
      .text(layout.peak.label);
    return true;
  }

  private containerWidth(): number {
    return Math.max(MIN_WIDTH, Math.floor(this.container.clientWidth));
  }

  private scheduleResize(): void {
    if (this.pendingResize !== 0) return;
    // One redraw per frame at most while the panel is being dragged.
    this.pendingResize = requestAnimationFrame(() => {
      this.pendingResize = 0;
      const width = this.containerWidth();
      if (this.view === undefined || width === this.width) return;
      this.width = width;
      this.draw();
    });
  }
}

/** Horizontal grid lines with byte labels on the left, second labels below the plot. */
function drawAxes(svg: Selection<unknown>, layout: MemoryChartLayout): void {
  const { plot } = layout;
  const y = svg.append('g').attr('class', 'pf-memory-axis pf-memory-y');
  y.selectAll('line').data(layout.yTicks).join('line').attr('class', 'pf-memory-grid').attr('x1', plot.left).attr('x2', plot.right).attr('y1', (d) => d.y).attr('y2', (d) => d.y);
  y.selectAll('text').data(layout.yTicks).join('text').attr('x', plot.left - 6).attr('y', (d) => d.y).attr('dy', '0.32em').attr('text-anchor', 'end').text((d) => d.label);
  const x = svg.append('g').attr('class', 'pf-memory-axis pf-memory-x');
  x.append('line').attr('class', 'pf-memory-baseline').attr('x1', plot.left).attr('x2', plot.right).attr('y1', plot.bottom).attr('y2', plot.bottom);
  x.selectAll('text').data(layout.xTicks).join('text').attr('x', (d) => d.x).attr('y', plot.bottom + 14).attr('text-anchor', 'middle').text((d) => d.label);
}

/** The chart in words, for screen readers. */
function chartDescription(layout: MemoryChartLayout): string {
  const maxima = layout.lines.map((l) => `${l.series === 'rss' ? 'RSS' : 'heap'} up to ${formatBytes(l.max)}`).join(', ');
  return `Memory over time: ${maxima}; ${layout.peak.label}`;
}
