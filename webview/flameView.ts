/**
 * The chart: a canvas flame graph with d3-flame-graph's interaction model (click zooms, the
 * root or Reset shows everything, Ctrl/Cmd+click opens the source, hover shows the tooltip),
 * plus keyboard navigation. Geometry is webview/flameLayout.ts's, drawing webview/flameCanvas.ts's;
 * this class holds the state and turns pointer and key events into zooms and redraws.
 *
 * Every change (zoom, search, orientation, hover) redraws the whole canvas: a pruned tree has at
 * most a few thousand frames wide enough to draw, which takes a few milliseconds.
 */
import type { FlameGraphData, FlameNode } from '../src/core/model/flameTree';
import { describeWeight } from '../src/core/view/describeWeight';
import type { FrameMatcher } from '../src/core/view/flameSearch';
import { visibleText } from '../src/core/view/visibleText';
import { drawFrames, LabelFitter, readFrameStyle, sizeCanvas } from './flameCanvas';
import { chartHeight, hitTest, layoutTree, placeFrames, stepFrame, type FlameLayout, type FrameStep, type Placement } from './flameLayout';
import { publishQuery, type DrawnFrame } from './flameQuery';
import { frameFill, largestAbsDelta } from './frameColors';
import type { FrameTooltip } from './tooltip';

/** What the chart tells its owner. */
export interface FlameViewEvents {
  /** After a zoom; `null` when the whole profile is shown again. */
  zoomed(node: FlameNode | null): void;
  /** Ctrl/Cmd+click on a frame. */
  openRequested(node: FlameNode): void;
}

const CELL_HEIGHT = 18;
const MIN_WIDTH = 200;
/** Frames under a pixel carry no readable information (d3-flame-graph's minFrameSize). */
const MIN_FRAME_WIDTH = 1;

const STEP_KEYS: Readonly<Record<string, FrameStep>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/**
 * One profile as drawn: its layout, and per-frame colours and label texts. Those two are filled
 * in when a frame is first drawn: most frames of a big profile are too narrow to ever be.
 */
interface Drawing {
  readonly data: FlameGraphData;
  readonly layout: FlameLayout;
  readonly names: (string | undefined)[];
  readonly fills: (string | undefined)[];
  readonly matched: Uint8Array;
  readonly largestDelta: number;
}

/** One flame graph in one container; `render` replaces whatever was drawn before. */
export class FlameView {
  private readonly canvas: HTMLCanvasElement;
  private readonly live: HTMLDivElement;
  private readonly fitter = new LabelFitter();
  private drawing: Drawing | undefined;
  private placement: Placement | undefined;
  private labels = new Map<number, string>();
  private inverted = true;
  private zoom = 0;
  private hover = -1;
  private focus = -1;
  private width = 0;
  private pendingDraw = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly tooltip: FrameTooltip,
    private readonly events: FlameViewEvents,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'pf-flame-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-roledescription', 'flame graph');
    this.canvas.setAttribute('aria-label', 'Flame graph (no profile yet)');
    this.live = document.createElement('div');
    this.live.className = 'pf-sr-only';
    this.live.setAttribute('aria-live', 'polite');
    container.append(this.canvas, this.live);
    this.canvas.addEventListener('mousemove', (event) => this.onPointerMove(event));
    this.canvas.addEventListener('mouseleave', () => this.onPointerLeave());
    this.canvas.addEventListener('click', (event) => this.onClick(event));
    this.canvas.addEventListener('keydown', (event) => this.onKey(event));
    this.canvas.addEventListener('focus', () => this.onFocus());
    this.canvas.addEventListener('blur', () => this.scheduleDraw());
    new ResizeObserver(() => this.scheduleDraw()).observe(container);
    publishQuery({ frameRects: (name) => this.frameRects(name) });
  }

  /** Draws a profile (icicle when `inverted`); the owner re-applies any search afterwards. */
  render(data: FlameGraphData, inverted: boolean): void {
    this.destroy();
    const layout = layoutTree(data.root);
    const count = layout.frames.length;
    const drawing: Drawing = {
      data,
      layout,
      names: new Array<string | undefined>(count),
      fills: new Array<string | undefined>(count),
      matched: new Uint8Array(count),
      largestDelta: largestAbsDelta(data.root),
    };
    this.drawing = drawing;
    this.inverted = inverted;
    this.tooltip.setData(data);
    this.canvas.setAttribute('aria-label', this.summary(data));
    // Drawn now, not on the next frame: the first paint then shows the chart.
    this.draw();
  }

  /** Highlights the frames a matcher accepts, or clears the highlight (undefined). */
  search(matcher: FrameMatcher | undefined): void {
    const drawing = this.drawing;
    if (drawing === undefined) return;
    let changed = false;
    drawing.layout.frames.forEach((frame, i) => {
      const hit = matcher !== undefined && matcher(frame.node);
      if (hit === (drawing.matched[i] === 1)) return;
      drawing.matched[i] = hit ? 1 : 0;
      drawing.fills[i] = undefined;
      changed = true;
    });
    // The owner clears the search after every render: no second draw for nothing.
    if (changed) this.draw();
  }

  /** Zooms to one of our nodes; false when it is not in the drawn tree. */
  zoomTo(nodeId: number): boolean {
    const index = this.drawing?.layout.frames.findIndex((f) => f.node.id === nodeId) ?? -1;
    if (index < 0) return false;
    this.zoomToIndex(index);
    return true;
  }

  /** Shows the whole profile again. */
  resetZoom(): void {
    if (this.drawing !== undefined) this.zoomToIndex(0);
  }

  /** Root at the top (icicle, true) or at the bottom (flame graph, false). */
  setInverted(inverted: boolean): void {
    this.inverted = inverted;
    this.draw();
  }

  /** Clears the chart (the canvas stays, observed, for the next render). */
  destroy(): void {
    this.tooltip.hide();
    this.drawing = undefined;
    this.placement = undefined;
    this.labels = new Map();
    this.fitter.clear();
    this.zoom = 0;
    this.hover = -1;
    this.focus = -1;
    const ctx = this.canvas.getContext('2d');
    ctx?.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Zooms (or resets, for the root) and tells the owner, as d3-flame-graph's onClick did. */
  private zoomToIndex(index: number): void {
    const drawing = this.drawing;
    if (drawing === undefined) return;
    this.zoom = index;
    this.focus = index;
    this.hover = -1;
    this.tooltip.hide();
    this.draw();
    this.events.zoomed(index === 0 ? null : drawing.layout.frames[index].node);
  }

  private summary(data: FlameGraphData): string {
    const frames = data.shownNodeCount.toLocaleString('en-US');
    return `Flame graph: ${frames} frames, ${describeWeight(data.total, data.total, data.meta)}. Arrow keys move between frames, Enter zooms, Escape shows the whole profile.`;
  }

  private scheduleDraw(): void {
    if (this.pendingDraw !== 0) return;
    // One redraw per animation frame at most (panel resizes, pointer moves).
    this.pendingDraw = requestAnimationFrame(() => {
      this.pendingDraw = 0;
      this.draw();
    });
  }

  private draw(): void {
    if (this.pendingDraw !== 0) {
      cancelAnimationFrame(this.pendingDraw);
      this.pendingDraw = 0;
    }
    const drawing = this.drawing;
    if (drawing === undefined) return;
    const width = Math.max(MIN_WIDTH, Math.floor(this.container.clientWidth));
    if (width !== this.width) {
      this.width = width;
      this.fitter.clear();
    }
    const height = chartHeight(drawing.layout, CELL_HEIGHT);
    const ctx = sizeCanvas(this.canvas, width, height);
    if (ctx === undefined) return;
    const placement = placeFrames(drawing.layout, { width, cellHeight: CELL_HEIGHT, inverted: this.inverted, zoom: this.zoom, minFrameWidth: MIN_FRAME_WIDTH });
    this.placement = placement;
    const showFocus = this.canvas.matches(':focus-visible');
    const fill = (i: number): string => (drawing.fills[i] ??= frameFill(drawing.layout.frames[i].node, drawing.matched[i] === 1, drawing.largestDelta));
    const name = (i: number): string => (drawing.names[i] ??= visibleText(drawing.layout.frames[i].node.name));
    const style = readFrameStyle(this.canvas);
    this.labels = drawFrames(ctx, placement, { fill, name, style, hover: this.hover, focus: showFocus ? this.focus : -1 }, this.fitter);
  }

  private frameAt(event: MouseEvent): number {
    const drawing = this.drawing;
    const placement = this.placement;
    if (drawing === undefined || placement === undefined) return -1;
    const box = this.canvas.getBoundingClientRect();
    return hitTest(drawing.layout, placement, event.clientX - box.left, event.clientY - box.top)?.index ?? -1;
  }

  private onPointerMove(event: MouseEvent): void {
    const index = this.frameAt(event);
    const drawing = this.drawing;
    if (index !== this.hover) {
      this.hover = index;
      this.canvas.classList.toggle('pf-over-frame', index >= 0);
      if (index >= 0 && drawing !== undefined) this.tooltip.show(event, drawing.layout.frames[index].node);
      else this.tooltip.hide();
      this.scheduleDraw();
    } else {
      this.tooltip.move(event);
    }
  }

  private onPointerLeave(): void {
    this.tooltip.hide();
    if (this.hover < 0) return;
    this.hover = -1;
    this.canvas.classList.remove('pf-over-frame');
    this.scheduleDraw();
  }

  private onClick(event: MouseEvent): void {
    const index = this.frameAt(event);
    const drawing = this.drawing;
    if (index < 0 || drawing === undefined) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      this.events.openRequested(drawing.layout.frames[index].node);
      return;
    }
    this.zoomToIndex(index);
  }

  private onFocus(): void {
    if (this.drawing === undefined) return;
    if (this.focus < 0 || this.placement?.byIndex.has(this.focus) !== true) this.focus = this.zoom;
    this.announce();
    this.draw();
  }

  private onKey(event: KeyboardEvent): void {
    const drawing = this.drawing;
    const placement = this.placement;
    if (drawing === undefined || placement === undefined) return;
    const step = STEP_KEYS[event.key];
    if (step !== undefined) {
      const next = stepFrame(drawing.layout, placement, this.focus < 0 ? this.zoom : this.focus, step);
      event.preventDefault();
      if (next === undefined) return;
      this.focus = next;
      this.announce();
      this.draw();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (this.focus >= 0) this.zoomToIndex(this.focus);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.zoomToIndex(0);
      this.announce();
    }
  }

  /** Says which frame has the keyboard focus (name and share) in the live region. */
  private announce(): void {
    const drawing = this.drawing;
    if (drawing === undefined || this.focus < 0) return;
    const node = drawing.layout.frames[this.focus].node;
    this.live.textContent = `${visibleText(node.name)}: ${describeWeight(node.total, drawing.data.total, drawing.data.meta)}`;
  }

  private frameRects(name?: string): DrawnFrame[] {
    const drawing = this.drawing;
    const placement = this.placement;
    if (drawing === undefined || placement === undefined) return [];
    const rootTotal = drawing.data.root.total;
    const result: DrawnFrame[] = [];
    for (const row of placement.rows) {
      for (const frame of row) {
        const laid = drawing.layout.frames[frame.index];
        if (name !== undefined && laid.node.name !== name) continue;
        result.push({
          id: laid.node.id,
          name: laid.node.name,
          label: this.labels.get(frame.index) ?? '',
          x: frame.x,
          y: frame.y,
          width: frame.width,
          height: CELL_HEIGHT - 1,
          depth: laid.depth,
          share: rootTotal > 0 ? laid.node.total / rootTotal : 0,
          fill: drawing.fills[frame.index] ?? '',
          highlighted: drawing.matched[frame.index] === 1,
          faded: frame.faded,
        });
      }
    }
    return result;
  }
}
