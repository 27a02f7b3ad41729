/**
 * Local declarations for the parts of d3-flame-graph 5.0.0 and d3-selection 3 that the webview
 * uses. Neither package ships types; declaring only what we call keeps the surface honest
 * (read node_modules/d3-flame-graph/dist/d3-flamegraph.es.js for the behaviour behind each).
 */

declare module 'd3-selection' {
  /** The part of a d3 selection the webview uses: bind a datum, call a chart, read the datum back. */
  export interface Selection<Datum> {
    datum<NewDatum>(value: NewDatum): Selection<NewDatum>;
    datum(): Datum;
    call(fn: (selection: Selection<Datum>) => void): this;
  }

  /** Selects one element (its datum is whatever d3 stored on it, hence the caller's type). */
  export function select<Datum = unknown>(node: Element): Selection<Datum>;
}

declare module 'd3-flame-graph' {
  import type { Selection } from 'd3-selection';

  /**
   * A d3-hierarchy node after d3-flame-graph laid it out. `x0`/`x1` are fractions of the root's
   * value, `value` is what is drawn now (0 for frames hidden by a zoom), `id` is the library's
   * own numbering (not our FlameNode id), and `data.fade`/`data.hide` are set on our data by a zoom.
   */
  export interface FlameHierarchyNode<T> {
    readonly data: T & { fade?: boolean; hide?: boolean };
    readonly depth: number;
    readonly height: number;
    readonly parent: FlameHierarchyNode<T> | null;
    readonly children?: FlameHierarchyNode<T>[];
    readonly value: number;
    readonly x0: number;
    readonly x1: number;
    readonly id: number;
    /** Set by `search` on the nodes the search matcher accepted. */
    readonly highlight?: boolean;
    each(fn: (node: FlameHierarchyNode<T>) => void): this;
  }

  /** A custom tooltip: called once with the chart's svg selection, then shown and hidden per frame. */
  export interface FlameTooltip<T> {
    (selection: unknown): void;
    show(event: MouseEvent, node: FlameHierarchyNode<T>): void;
    hide(): void;
  }

  /** The chart object: a function to call on a selection plus chained setters. */
  export interface FlameGraph<T> {
    (selection: Selection<T>): void;
    width(value: number): this;
    cellHeight(value: number): this;
    minFrameSize(pixels: number): this;
    transitionDuration(ms: number): this;
    sort(compare: (a: FlameHierarchyNode<T>, b: FlameHierarchyNode<T>) => number): this;
    inverted(value: boolean): this;
    /** false: the value of a data node is inclusive (children are subtracted to get self). */
    selfValue(value: boolean): this;
    getName(fn: (node: FlameHierarchyNode<T>) => string): this;
    /** Called with data items while laying out, and with hierarchy nodes by the default label and search sum. */
    getValue(fn: (item: T | FlameHierarchyNode<T>) => number): this;
    getChildren(fn: (item: T) => readonly T[] | undefined): this;
    setColorMapper(fn: (node: FlameHierarchyNode<T>, originalColor: string) => string): this;
    setSearchMatch(fn: (node: FlameHierarchyNode<T>, term: string) => boolean): this;
    setSearchHandler(fn: (results: FlameHierarchyNode<T>[], sum: number, total: number) => void): this;
    setDetailsHandler(fn: (label: string | null) => void): this;
    setLabelHandler(fn: (node: FlameHierarchyNode<T>) => string): this;
    tooltip(tooltip: FlameTooltip<T>): this;
    /** Called after every zoom: a click, `zoomTo`, or `resetZoom` (with the root). */
    onClick(fn: (node: FlameHierarchyNode<T>) => void): this;
    search(term: string): void;
    clear(): void;
    zoomTo(node: FlameHierarchyNode<T>): void;
    resetZoom(): void;
    /** Redraws with the current settings (width, orientation) without re-reading the data. */
    update(): this;
    destroy(): this;
  }

  /** Creates a flame graph chart with the library's defaults. */
  export default function flamegraph<T>(): FlameGraph<T>;
}
