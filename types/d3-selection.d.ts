/**
 * Local declarations for the parts of d3-selection 3 that the webview's memory chart uses
 * (webview/memoryChartView.ts; more of the Selection interface is declared beside it in
 * webview/d3-selection.d.ts). The package ships no types; declaring only what we call keeps the
 * surface honest.
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
