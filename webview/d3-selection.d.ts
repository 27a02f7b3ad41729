/**
 * The parts of d3-selection 3 the memory chart uses, merged into the declarations in
 * types/d3-selection.d.ts (the package ships no types; only what we call is declared).
 */
declare module 'd3-selection' {
  /** Data-join and attribute calls (attributes only: the page's CSP forbids inline style attributes). */
  export interface Selection<Datum> {
    append(name: string): Selection<Datum>;
    selectAll(selector: string): Selection<unknown>;
    data<NewDatum>(data: readonly NewDatum[]): Selection<NewDatum>;
    join(name: string): Selection<Datum>;
    attr(name: string, value: string | number | ((d: Datum, index: number) => string | number)): this;
    text(value: string | ((d: Datum, index: number) => string)): this;
    remove(): this;
  }
}
