/**
 * Draws a placed flame graph (webview/flameLayout.ts) on a canvas. Canvas instead of
 * d3-flame-graph's SVG because the SVG could not meet issue 8's limits: `npm run bench -- --only
 * flame-graph` measured a first paint of 464 ms at 10^5 stacks (target 300 ms) and zooms of
 * 123 ms / 189 ms at 10^5 / 10^6 (target 100 ms), for ~2,000 frames of several DOM elements each.
 *
 * Names reach the screen only through `fillText`, which paints glyphs and never parses markup.
 */
import type { Placement } from './flameLayout';

/** Colours and font read from the page's CSS (theme variables), once per draw. */
export interface FrameStyle {
  readonly font: string;
  readonly labelColor: string;
  readonly hoverColor: string;
  readonly focusColor: string;
}

/** What one draw needs besides the geometry. */
export interface DrawOptions {
  /** Fill of a laid-out frame, by layout index. */
  fill(index: number): string;
  /** Text to label a frame with, by layout index (already made visible: visibleText). */
  name(index: number): string;
  readonly style: FrameStyle;
  /** Layout index of the frame under the pointer, or -1. */
  readonly hover: number;
  /** Layout index of the keyboard focus frame to outline, or -1. */
  readonly focus: number;
}

/** Opacity of the zoomed frame's ancestors (d3-flame-graph's `.fade`). */
const FADED_ALPHA = 0.6;
/** Space between a frame's edge and its label. */
const LABEL_PADDING = 3;
/** Narrower frames get no label (room for about two characters and the ellipsis). */
const MIN_LABEL_WIDTH = 24;
/** Chromium refuses canvases taller than 32,767 device pixels; deep trees lower the resolution instead. */
const MAX_CANVAS_PIXELS = 32_000;
const ELLIPSIS = '…';

/** Reads the chart's font and colours from the canvas element's computed style (theme-aware). */
export function readFrameStyle(canvas: HTMLCanvasElement): FrameStyle {
  const css = getComputedStyle(canvas);
  const variable = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    font: `${css.fontSize} ${css.fontFamily}`,
    labelColor: css.color,
    hoverColor: variable('--pf-frame-hover', '#1f1f1f'),
    focusColor: variable('--pf-frame-focus', '#005fb8'),
  };
}

/**
 * Sizes the canvas to CSS `width` × `height` at the device pixel ratio (crisp on high-DPI
 * screens) and returns the context, scaled so drawing uses CSS pixels.
 */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | undefined {
  const scale = Math.max(1, Math.min(window.devicePixelRatio || 1, MAX_CANVAS_PIXELS / Math.max(1, height)));
  const deviceWidth = Math.round(width * scale);
  const deviceHeight = Math.round(height * scale);
  // Assigning a canvas's size clears it, even to the same value; only resize when it changed.
  if (canvas.width !== deviceWidth) canvas.width = deviceWidth;
  if (canvas.height !== deviceHeight) canvas.height = deviceHeight;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d', { alpha: true });
  if (ctx === null) return undefined;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  return ctx;
}

/** Fits labels to widths, remembering each frame's last answer (hover redraws reuse them). */
export class LabelFitter {
  private readonly cache = new Map<number, { width: number; text: string }>();
  private font = '';

  /** Forgets every fitted label (a new profile, or a new font). */
  clear(): void {
    this.cache.clear();
  }

  /** The label for a frame: the whole name, or its start with an ellipsis, or '' when not even that fits. */
  fit(ctx: CanvasRenderingContext2D, index: number, name: string, width: number): string {
    if (ctx.font !== this.font) {
      this.font = ctx.font;
      this.cache.clear();
    }
    const room = Math.floor(width - 2 * LABEL_PADDING);
    const cached = this.cache.get(index);
    if (cached !== undefined && cached.width === room) return cached.text;
    const text = fitText(ctx, name, room);
    this.cache.set(index, { width: room, text });
    return text;
  }
}

/** The longest start of `text` (with an ellipsis when shortened) that is at most `room` pixels wide. */
function fitText(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (room <= 0 || text === '') return '';
  const full = ctx.measureText(text).width;
  if (full <= room) return text;
  // Guess from the average glyph width, then correct by measuring (a few steps at most).
  let count = Math.min(text.length - 1, Math.floor((text.length * room) / full));
  const measure = (n: number): number => ctx.measureText(text.slice(0, n) + ELLIPSIS).width;
  while (count > 0 && measure(count) > room) count--;
  while (count + 1 < text.length && measure(count + 1) <= room) count++;
  if (count <= 0) return '';
  // Never split a surrogate pair.
  const code = text.charCodeAt(count - 1);
  if (code >= 0xd800 && code <= 0xdbff) count--;
  return count > 0 ? text.slice(0, count) + ELLIPSIS : '';
}

/**
 * Draws every placed frame: the fill with a 1 px gap to its neighbours (the page's background
 * shows through), its label when there is room, and outlines for the hovered and the
 * keyboard-focused frame. Returns the label drawn for each frame that got one.
 */
export function drawFrames(
  ctx: CanvasRenderingContext2D,
  placement: Placement,
  options: DrawOptions,
  fitter: LabelFitter,
): Map<number, string> {
  const { cellHeight, width: chartWidth } = placement.viewport;
  ctx.clearRect(0, 0, chartWidth, placement.height);
  ctx.font = options.style.font;
  ctx.textBaseline = 'middle';
  ctx.direction = 'ltr';
  const labels = new Map<number, string>();
  const boxHeight = cellHeight - 1;
  for (const frame of placement.frames) {
    ctx.globalAlpha = frame.faded ? FADED_ALPHA : 1;
    ctx.fillStyle = options.fill(frame.index);
    // A 1 px gap to the right neighbour when the frame is wide enough to spare it.
    ctx.fillRect(frame.x, frame.y, frame.width > 2 ? frame.width - 1 : frame.width, boxHeight);
  }
  // Labels in a second pass: one fill style for all of them.
  ctx.globalAlpha = 1;
  ctx.fillStyle = options.style.labelColor;
  for (const frame of placement.frames) {
    if (frame.width < MIN_LABEL_WIDTH) continue;
    const label = fitter.fit(ctx, frame.index, options.name(frame.index), Math.min(frame.width, chartWidth));
    if (label === '') continue;
    labels.set(frame.index, label);
    ctx.fillText(label, frame.x + LABEL_PADDING, frame.y + boxHeight / 2);
  }
  outline(ctx, placement, options.hover, options.style.hoverColor, 1, boxHeight);
  outline(ctx, placement, options.focus, options.style.focusColor, 2, boxHeight);
  return labels;
}

function outline(ctx: CanvasRenderingContext2D, placement: Placement, index: number, color: string, lineWidth: number, boxHeight: number): void {
  const frame = placement.byIndex.get(index);
  if (frame === undefined) return;
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  const inset = lineWidth / 2;
  ctx.strokeRect(frame.x + inset, frame.y + inset, Math.max(0, frame.width - 1 - lineWidth), Math.max(0, boxHeight - lineWidth));
}
