import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemoryView } from '../../../src/core/model/flameTree';
import {
  byteTicks,
  formatByteTick,
  formatChartSeconds,
  linePath,
  MEMORY_CHART_MARGIN,
  memoryChartLayout,
  memoryPeak,
  peakLabel,
  secondTicks,
} from '../../../src/core/view/memoryChart';
import { MEMORY_PEAK, memorySnapshots } from './flameData';

const MiB = 1024 * 1024;

function view(overrides: Partial<MemoryView> = {}): MemoryView {
  return { mode: 'peak', availableModes: ['peak'], snapshots: memorySnapshots(), ...overrides };
}

describe('peakLabel and formatChartSeconds', () => {
  it('names the peak in human bytes and seconds with one decimal', () => {
    assert.equal(peakLabel(Math.round(64.2 * MiB), 1300), 'peak 64.2 MiB at 1.3 s');
    assert.equal(peakLabel(1536, 250), 'peak 1.5 KiB at 250 ms');
    assert.equal(peakLabel(3 * 1024 * MiB, 125_400), 'peak 3.0 GiB at 125 s');
  });

  it('shows times under a second in ms, under 100 s with one decimal, then whole seconds', () => {
    assert.deepEqual([0, 0.0404, 0.9994, 1, 9.96, 99.94, 100, 3600].map(formatChartSeconds), ['0 ms', '40 ms', '999 ms', '1.0 s', '10.0 s', '99.9 s', '100 s', '3600 s']);
  });
});

describe('memoryPeak', () => {
  it('uses the host’s peak index and high-water mark when given', () => {
    const peak = memoryPeak(view({ peakIndex: 5, peakBytes: 99 * MiB }));
    assert.deepEqual(peak, { index: 5, timeMs: 500, series: 'heap', value: memorySnapshots()[5].heap, bytes: 99 * MiB });
  });

  it('finds the snapshot with the most heap otherwise, labelled with that heap', () => {
    const peak = memoryPeak(view());
    assert.equal(peak?.index, MEMORY_PEAK.index);
    assert.equal(peak?.bytes, MEMORY_PEAK.bytes);
    assert.equal(peak?.series, 'heap');
  });

  it('ignores an index outside the snapshots', () => {
    for (const peakIndex of [-1, 21, 2.5]) assert.equal(memoryPeak(view({ peakIndex }))?.index, MEMORY_PEAK.index, String(peakIndex));
  });

  it('falls back to RSS when the heap column is all zero, and to nothing without snapshots', () => {
    const snapshots = [
      { timeMs: 0, rss: 10, heap: 0 },
      { timeMs: 10, rss: 30, heap: 0 },
      { timeMs: 20, rss: 20, heap: 0 },
    ];
    assert.deepEqual(memoryPeak(view({ snapshots })), { index: 1, timeMs: 10, series: 'rss', value: 30, bytes: 30 });
    assert.equal(memoryPeak(view({ snapshots: [] })), undefined);
  });
});

describe('byteTicks and formatByteTick', () => {
  it('gives round ticks in binary units from 0 to at least the maximum', () => {
    assert.deepEqual(byteTicks(64.2 * MiB, 3).map(formatByteTick), ['0 B', '20 MiB', '40 MiB', '60 MiB', '80 MiB']);
    assert.deepEqual(byteTicks(3.4 * 1024 * MiB, 3).map(formatByteTick), ['0 B', '1 GiB', '2 GiB', '3 GiB', '4 GiB']);
    assert.deepEqual(byteTicks(700, 3), [0, 200, 400, 600, 800]);
  });

  it('never gives fractions of a byte, even for an all-zero capture', () => {
    assert.deepEqual(byteTicks(0, 3), [0, 1]);
    assert.deepEqual(byteTicks(3, 3), [0, 1, 2, 3]);
  });

  it('keeps one decimal only where it says something', () => {
    assert.equal(formatByteTick(1.5 * MiB), '1.5 MiB');
    assert.equal(formatByteTick(512 * 1024), '512 KiB');
  });
});

describe('secondTicks and linePath', () => {
  it('labels second ticks with the precision of their step', () => {
    assert.deepEqual(secondTicks(2, 4).map((t) => t.label), ['0.0 s', '0.5 s', '1.0 s', '1.5 s', '2.0 s']);
    assert.deepEqual(secondTicks(600, 3).map((t) => t.label), ['0 s', '200 s', '400 s', '600 s']);
    assert.deepEqual(secondTicks(0.05, 2).map((t) => t.label), ['0.00 s', '0.02 s', '0.04 s']);
  });

  it('writes an SVG path rounded to 0.1 px', () => {
    assert.equal(linePath([{ x: 0, y: 10 }, { x: 5.55, y: 3.333 }, { x: 10, y: 0 }]), 'M0,10L5.6,3.3L10,0');
    assert.equal(linePath([]), '');
  });
});

describe('memoryChartLayout', () => {
  it('draws nothing with fewer than two snapshots', () => {
    assert.equal(memoryChartLayout(view({ snapshots: [] }), 600), undefined);
    assert.equal(memoryChartLayout(view({ snapshots: [{ timeMs: 0, rss: 5, heap: 5 }] }), 600), undefined);
  });

  it('lays out one line per series, the peak on the heap line, and ticks inside the plot', () => {
    const layout = memoryChartLayout(view({ peakIndex: MEMORY_PEAK.index, peakBytes: MEMORY_PEAK.bytes }), 800, 120);
    assert.ok(layout !== undefined);
    assert.deepEqual(layout.plot, { left: MEMORY_CHART_MARGIN.left, right: 800 - MEMORY_CHART_MARGIN.right, top: MEMORY_CHART_MARGIN.top, bottom: 120 - MEMORY_CHART_MARGIN.bottom });
    assert.deepEqual(layout.lines.map((l) => l.series), ['rss', 'heap']);
    for (const line of layout.lines) assert.equal(line.d.split('L').length, 21);
    // Time 0 at the plot's left edge, the last snapshot (2 s) at its right edge.
    assert.ok(layout.lines[0].d.startsWith(`M${MEMORY_CHART_MARGIN.left},`));
    assert.match(layout.lines[0].d, new RegExp(`L${800 - MEMORY_CHART_MARGIN.right},[0-9.]+$`));
    assert.equal(layout.peak.label, MEMORY_PEAK.label);
    const plotWidth = layout.plot.right - layout.plot.left;
    assert.ok(Math.abs(layout.peak.x - (layout.plot.left + 0.65 * plotWidth)) < 0.01);
    assert.equal(layout.peak.anchor, 'end', 'a peak right of the middle is labelled to its left');
    // The label sits in the top margin, above every line.
    assert.equal(layout.peak.labelY, MEMORY_CHART_MARGIN.top - 6);
    assert.ok(layout.peak.y >= layout.plot.top);
    for (const t of layout.yTicks) assert.ok(t.y >= layout.plot.top - 0.01 && t.y <= layout.plot.bottom + 0.01);
    for (const t of layout.xTicks) assert.ok(t.x >= layout.plot.left - 0.01 && t.x <= layout.plot.right + 0.01);
    assert.equal(layout.yTicks[0].label, '0 B');
    assert.equal(layout.xTicks[0].label, '0.0 s');
  });

  it('labels an early peak to its right', () => {
    const snapshots = [
      { timeMs: 0, rss: 10 * MiB, heap: 1 * MiB },
      { timeMs: 100, rss: 20 * MiB, heap: 9 * MiB },
      { timeMs: 1000, rss: 15 * MiB, heap: 2 * MiB },
    ];
    const layout = memoryChartLayout(view({ snapshots }), 500);
    assert.equal(layout?.peak.anchor, 'start');
    assert.equal(layout?.peak.label, 'peak 9.0 MiB at 100 ms');
  });

  it('copes with snapshots all at time 0 and all-zero memory', () => {
    const layout = memoryChartLayout(view({ snapshots: [{ timeMs: 0, rss: 0, heap: 0 }, { timeMs: 0, rss: 0, heap: 0 }] }), 300);
    assert.ok(layout !== undefined);
    assert.ok(!layout.lines.some((l) => l.d.includes('NaN')));
    assert.equal(layout.peak.label, 'peak 0 B at 0 ms');
  });
});
