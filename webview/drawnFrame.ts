/**
 * A read-only view of what the canvas flame graph has drawn, as `window.profileFirstFlameGraph`.
 * A canvas has no elements per frame, so tests (test/e2e/harness/flameGraph.ts, the webview
 * integration tests) and the benchmark ask this where a frame is, then move and click the real
 * mouse there, as a person would. It returns copies: nothing here can change the chart.
 */

/** One drawn frame. Coordinates are CSS pixels from the canvas's top-left corner. */
export interface DrawnFrame {
  /** The FlameNode id. */
  readonly id: number;
  /** The frame's name as recorded (not made visible). */
  readonly name: string;
  /** The text drawn on the frame ('' when it is too narrow for a label; may end with '…'). */
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** 0 for the root. */
  readonly depth: number;
  /** The frame's total as a share (0..1) of the profile's total. */
  readonly share: number;
  /** The CSS colour it is filled with. */
  readonly fill: string;
  /** Matched by the current search. */
  readonly highlighted: boolean;
  /** An ancestor of the zoomed frame (drawn full width, faded). */
  readonly faded: boolean;
}

/** The query object on `window`. */
export interface FlameGraphQuery {
  /** Drawn frames, left to right within each row; only those named `name` when given. */
  frameRects(name?: string): DrawnFrame[];
}
