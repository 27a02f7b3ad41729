/**
 * The numbers behind the panel's "memory over time" chart: which snapshot is the peak, its
 * label, round byte and second ticks, and the layout of the whole chart in pixels (scales from
 * d3-scale). Pure, so it is tested in Node; webview/memoryChartView.ts only draws the result.
 */
import { scaleLinear } from 'd3-scale';
import type { MemorySample, MemoryView } from '../model/flameTree';
import { formatBytes } from '../model/units';

/** Height of the chart's SVG in px (the width follows the panel). */
export const MEMORY_CHART_HEIGHT = 120;

/** Space around the plot for the axes' labels and the peak label, in px. */
export const MEMORY_CHART_MARGIN = { top: 18, right: 14, bottom: 20, left: 62 } as const;

/** The two lines drawn, in drawing order. */
export const MEMORY_SERIES = ['rss', 'heap'] as const;

/** One of the chart's lines: a snapshot field. */
export type MemorySeries = (typeof MEMORY_SERIES)[number];

/** The snapshot marked as the peak. */
export interface MemoryPeak {
  readonly index: number;
  readonly timeMs: number;
  /** The series the dot sits on: heap, or RSS when the capture's heap column is all zero. */
  readonly series: MemorySeries;
  /** The marked snapshot's value of that series (where the dot is drawn). */
  readonly value: number;
  /** The bytes the label names: the profiler's high-water mark when given, else `value`. */
  readonly bytes: number;
}

/** The peak to mark, or undefined when there are no snapshots. */
export function memoryPeak(view: MemoryView): MemoryPeak | undefined {
  const snapshots = view.snapshots;
  if (snapshots.length === 0) return undefined;
  const series: MemorySeries = snapshots.some((s) => s.heap > 0) ? 'heap' : 'rss';
  let index = view.peakIndex;
  if (index === undefined || !Number.isInteger(index) || index < 0 || index >= snapshots.length) {
    index = 0;
    snapshots.forEach((s, i) => {
      if (s[series] > snapshots[index ?? 0][series]) index = i;
    });
  }
  const snapshot = snapshots[index];
  const value = snapshot[series];
  return { index, timeMs: snapshot.timeMs, series, value, bytes: view.peakBytes ?? value };
}

/** A time on the chart: `250 ms`, `1.3 s`, `125 s`. */
export function formatChartSeconds(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 100) return `${seconds.toFixed(1)} s`;
  return `${Math.round(seconds)} s`;
}

/** The peak's label: `peak 64.2 MiB at 1.3 s`. */
export function peakLabel(bytes: number, timeMs: number): string {
  return `peak ${formatBytes(bytes)} at ${formatChartSeconds(timeMs / 1000)}`;
}

/** A byte tick's label: formatBytes without a trailing `.0` (`64 MiB`, `1.5 GiB`, `0 B`). */
export function formatByteTick(bytes: number): string {
  return formatBytes(bytes).replace(/\.0 /, ' ');
}

/**
 * About `count` round tick values from 0 to at least `max` bytes, round in binary units
 * (0, 16, 32, 48, 64 MiB rather than 0, 20,000,000, …); the last tick is the axis top.
 */
export function byteTicks(max: number, count = 3): number[] {
  const top = Math.max(max, 1);
  let unit = 1;
  while (top / unit >= 1024 && unit < 1024 ** 4) unit *= 1024;
  const ticks = scaleLinear()
    .domain([0, top / unit])
    .nice(count)
    .ticks(count)
    .map((t) => t * unit);
  // Fractions of a byte are not round; bytes below 1 KiB keep whole numbers only.
  return unit === 1 ? ticks.filter((t) => Number.isInteger(t)) : ticks;
}

/** About `count` round times in seconds from 0 to `maxSeconds`, labelled with the precision their step needs. */
export function secondTicks(maxSeconds: number, count: number): { seconds: number; label: string }[] {
  const ticks = scaleLinear().domain([0, maxSeconds]).ticks(count);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  const decimals = Math.max(0, Math.min(3, -Math.floor(Math.log10(step))));
  return ticks.map((seconds) => ({ seconds, label: `${seconds.toFixed(decimals)} s` }));
}

/** An SVG path through points, rounded to 0.1 px: `M0,10L5.5,3`. */
export function linePath(points: readonly { x: number; y: number }[]): string {
  const r = (v: number): number => Math.round(v * 10) / 10;
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(p.x)},${r(p.y)}`).join('');
}

/** The largest value of `f` over the snapshots (a loop: spreading thousands of arguments can overflow). */
function maxOf(snapshots: readonly MemorySample[], f: (s: MemorySample) => number): number {
  let max = -Infinity;
  for (const s of snapshots) max = Math.max(max, f(s));
  return max;
}

/** Everything the chart draws, in px of an SVG `width` × `height`. */
export interface MemoryChartLayout {
  readonly width: number;
  readonly height: number;
  /** The plot area (inside the margins). */
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  /** One path per series, in MEMORY_SERIES order. */
  readonly lines: readonly { readonly series: MemorySeries; readonly d: string; readonly max: number }[];
  readonly xTicks: readonly { readonly x: number; readonly label: string }[];
  readonly yTicks: readonly { readonly y: number; readonly label: string }[];
  readonly peak: {
    readonly x: number;
    readonly y: number;
    readonly label: string;
    readonly labelX: number;
    readonly labelY: number;
    /** SVG text-anchor: the label stays inside the chart on either side of the peak. */
    readonly anchor: 'start' | 'end';
  };
}

/** The chart's layout, or undefined with fewer than two snapshots (nothing to draw a line through). */
export function memoryChartLayout(view: MemoryView, width: number, height = MEMORY_CHART_HEIGHT): MemoryChartLayout | undefined {
  const snapshots: readonly MemorySample[] = view.snapshots;
  const peak = memoryPeak(view);
  if (snapshots.length < 2 || peak === undefined) return undefined;
  const m = MEMORY_CHART_MARGIN;
  const plot = { left: m.left, right: Math.max(m.left + 1, width - m.right), top: m.top, bottom: Math.max(m.top + 1, height - m.bottom) };
  const lastSeconds = maxOf(snapshots, (s) => s.timeMs) / 1000;
  const maxSeconds = lastSeconds > 0 ? lastSeconds : 1;
  const x = scaleLinear().domain([0, maxSeconds]).range([plot.left, plot.right]);
  const maxBytes = maxOf(snapshots, (s) => Math.max(s.rss, s.heap));
  const yValues = byteTicks(maxBytes, 3);
  const y = scaleLinear()
    .domain([0, yValues[yValues.length - 1] ?? 1])
    .range([plot.bottom, plot.top]);
  const lines = MEMORY_SERIES.map((series) => ({
    series,
    d: linePath(snapshots.map((s) => ({ x: x(s.timeMs / 1000), y: y(s[series]) }))),
    max: maxOf(snapshots, (s) => s[series]),
  }));
  const xTicks = secondTicks(maxSeconds, Math.max(2, Math.floor((plot.right - plot.left) / 90))).map((t) => ({ x: x(t.seconds), label: t.label }));
  const yTicks = yValues.map((v) => ({ y: y(v), label: formatByteTick(v) }));
  const px = x(peak.timeMs / 1000);
  const py = y(peak.value);
  const anchor = px > (plot.left + plot.right) / 2 ? 'end' : 'start';
  return {
    width,
    height,
    plot,
    lines,
    xTicks,
    yTicks,
    // The label sits in the top margin, above every line, at the head of the peak's dashed rule.
    peak: { x: px, y: py, label: peakLabel(peak.bytes, peak.timeMs), labelX: anchor === 'end' ? px - 4 : px + 4, labelY: plot.top - 6, anchor },
  };
}
