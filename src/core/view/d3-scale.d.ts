/**
 * Local declarations for the part of d3-scale 4 the memory chart uses (the package ships no
 * types; like types/d3-selection.d.ts, only what we call is declared).
 */
declare module 'd3-scale' {
  /** A continuous linear scale from a numeric domain to a numeric range. */
  export interface ScaleLinear {
    (value: number): number;
    domain(): number[];
    domain(domain: readonly number[]): this;
    range(): number[];
    range(range: readonly number[]): this;
    /** Extends the domain to round values, for about `count` ticks. */
    nice(count?: number): this;
    /** About `count` round values inside the domain. */
    ticks(count?: number): number[];
  }

  /** A linear scale with domain and range [0, 1]. */
  export function scaleLinear(): ScaleLinear;
}
