/**
 * The chart: d3-flame-graph configured for our FlameNode data, plus the few things the library
 * does not do itself (width that follows the panel, Ctrl/Cmd+click, lookup by our node ids).
 *
 * How our data maps onto the library (read in d3-flamegraph.es.js):
 * - with `selfValue(false)` it reads an inclusive value per data item and subtracts the
 *   children itself, so `getValue` returns FlameNode.total;
 * - `getValue` is also called with hierarchy nodes (default label, search sum), which already
 *   carry the drawn `value`, hence the two cases;
 * - a zoom marks our data items with `fade`/`hide` and calls `onClick` (also for `zoomTo` and
 *   `resetZoom`, with the root);
 * - `search` asks `setSearchMatch` per node and sets `highlight`, which our colour mapper reads.
 */
import flamegraph, { type FlameGraph, type FlameHierarchyNode } from 'd3-flame-graph';
import { select } from 'd3-selection';
import type { FlameGraphData, FlameNode } from '../src/core/model/flameTree';
import type { FrameMatcher } from '../src/core/view/flameSearch';
import { visibleText } from '../src/core/view/visibleText';
import { frameFill } from './frameColors';
import type { FrameTooltip } from './tooltip';

type FrameNode = FlameHierarchyNode<FlameNode>;

/** What the chart tells its owner. */
export interface FlameViewEvents {
  /** After a zoom; `null` when the whole profile is shown again. */
  zoomed(node: FlameNode | null): void;
  /** Ctrl/Cmd+click on a frame. */
  openRequested(node: FlameNode): void;
}

/** Above this many shown nodes, animation costs more than it explains (reference §1.2: a 19k-node zoom froze for >750 ms). */
const ANIMATION_NODE_LIMIT = 2000;
const CELL_HEIGHT = 18;
const MIN_WIDTH = 200;

function byWidthThenName(a: FrameNode, b: FrameNode): number {
  // Widest first (left-heavy): the hot path is always at the left edge. Sorting by our
  // `total`, not the drawn `value`, keeps the order stable while zoomed.
  return b.data.total - a.data.total || (a.data.name < b.data.name ? -1 : a.data.name > b.data.name ? 1 : 0);
}

/** One flame graph in one container; `render` replaces whatever was drawn before. */
export class FlameView {
  private chart: FlameGraph<FlameNode> | undefined;
  private readonly byId = new Map<number, FrameNode>();
  private matcher: FrameMatcher | undefined;
  private width = 0;
  private readonly resizeObserver: ResizeObserver;
  private pendingResize = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly tooltip: FrameTooltip,
    private readonly events: FlameViewEvents,
  ) {
    // Capture phase: a modified click must open the source and not also zoom (the library's
    // own click listener sits on each frame's <g>, below this one).
    container.addEventListener('click', (event) => this.onModifiedClick(event), true);
    container.addEventListener('mousemove', (event) => this.tooltip.move(event));
    container.addEventListener('mouseleave', () => this.tooltip.hide());
    this.resizeObserver = new ResizeObserver(() => this.scheduleResize());
    this.resizeObserver.observe(container);
  }

  /** Draws a profile (icicle when `inverted`); the owner re-applies any search afterwards. */
  render(data: FlameGraphData, inverted: boolean): void {
    this.destroy();
    this.width = this.containerWidth();
    const manyNodes = data.shownNodeCount > ANIMATION_NODE_LIMIT;
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const chart = flamegraph<FlameNode>()
      .width(this.width)
      .cellHeight(CELL_HEIGHT)
      // Frames under 1-2 px carry no readable information but cost five DOM elements each.
      .minFrameSize(manyNodes ? 2 : 1)
      .transitionDuration(manyNodes || reducedMotion ? 0 : 250)
      .sort(byWidthThenName)
      .inverted(inverted)
      .selfValue(false)
      .getName((d) => visibleText(d.data.name))
      .getValue((item) => ('data' in item ? item.value : item.total))
      .getChildren((item) => item.children)
      .setColorMapper((d) => frameFill(d.data, d.highlight === true))
      .setSearchMatch((d) => this.matcher !== undefined && this.matcher(d.data))
      // The library's own search sum uses drawn values (wrong while zoomed) and its details
      // and label strings are unused: we compute and show these ourselves.
      .setSearchHandler(() => undefined)
      .setDetailsHandler(() => undefined)
      .setLabelHandler(() => '')
      .tooltip(this.tooltip.forChart())
      .onClick((d) => this.events.zoomed(d.parent === null ? null : d.data));
    this.chart = chart;
    this.tooltip.setData(data);
    const selection = select<FlameNode>(this.container).datum(data.root);
    selection.call(chart);
    // After the call the container's datum is the library's hierarchy root.
    const root = select<FrameNode>(this.container).datum();
    root.each((node) => this.byId.set(node.data.id, node));
  }

  /** Highlights the frames a matcher accepts, or clears the highlight (undefined). */
  search(matcher: FrameMatcher | undefined): void {
    this.matcher = matcher;
    if (this.chart === undefined) return;
    // The term is ignored by our matcher, but the library treats an empty term as "no match".
    if (matcher !== undefined) this.chart.search('*');
    else this.chart.clear();
  }

  /** Zooms to one of our nodes; false when it is not in the drawn tree. */
  zoomTo(nodeId: number): boolean {
    const node = this.byId.get(nodeId);
    if (this.chart === undefined || node === undefined) return false;
    this.chart.zoomTo(node);
    return true;
  }

  /** Shows the whole profile again. */
  resetZoom(): void {
    this.chart?.resetZoom();
  }

  /** Root at the top (icicle, true) or at the bottom (flame graph, false). */
  setInverted(inverted: boolean): void {
    this.chart?.inverted(inverted).update();
  }

  /** Removes the chart (the container stays observed for the next render). */
  destroy(): void {
    this.tooltip.hide();
    this.chart?.destroy();
    this.chart = undefined;
    this.byId.clear();
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
      if (this.chart === undefined || width === this.width) return;
      this.width = width;
      this.chart.width(width).update();
    });
  }

  private onModifiedClick(event: MouseEvent): void {
    if (!(event.ctrlKey || event.metaKey) || !(event.target instanceof Element)) return;
    const frame = event.target.closest('g.frame');
    if (frame === null) return;
    event.stopPropagation();
    event.preventDefault();
    const node = select<FrameNode | undefined>(frame).datum();
    if (node !== undefined) this.events.openRequested(node.data);
  }
}
