/**
 * The memray export reader on helper outputs made by the real memray 1.20.0 (fixtures and
 * commands in test/fixtures/memray/). Expected numbers were computed from the JSON files by an
 * independent Python script (sum record sizes per innermost (file, line); per line anywhere on
 * the stack once per record), then written here as literals.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryProfileFor } from '../../../src/core/formats/memrayExport';
import { aggregateLineAllocations, peakSnapshotIndex } from '../../../src/core/formats/memrayModel';
import { readProfileFile } from '../../../src/core/formats/readProfileFile';
import { aggregateLines } from '../../../src/core/model/aggregate';
import { profileTotal } from '../../../src/core/model/profile';
import { buildReport } from '../../../src/core/model/report';
import { loadCapture, memrayFixture } from './memrayFixtures';

const line = (stats: ReturnType<typeof aggregateLines>, file: string, n: number) => stats.find((l) => l.file === file && l.line === n);

test('mem_hot at peak: the HOT line holds 64 MiB + 64 bytes in 64 allocations, first of all lines', () => {
  const peak = memoryProfileFor(loadCapture('mem_hot.json'), 'peak');
  assert.deepEqual([peak.meta.tool, peak.meta.kind, peak.meta.unit], ['memray', 'memory', 'bytes']);
  assert.equal(profileTotal(peak), 68197396);
  const lines = aggregateLines(peak);
  assert.deepEqual(lines[0], { file: 'examples/mem_hot.py', line: 12, self: 67108928, total: 67108928 });
  assert.deepEqual(lines[1], { file: 'examples/mem_hot.py', line: 18, self: 1048576, total: 1048576 });
  assert.deepEqual(line(lines, 'examples/mem_hot.py', 25), { file: 'examples/mem_hot.py', line: 25, self: 0, total: 67108928 });
});

test('allocation counts per line follow the same self/total rules as bytes', () => {
  const peak = memoryProfileFor(loadCapture('mem_hot.json'), 'peak');
  const allocs = aggregateLineAllocations(peak);
  assert.deepEqual(line(allocs, 'examples/mem_hot.py', 12), { file: 'examples/mem_hot.py', line: 12, self: 64, total: 64 });
  assert.deepEqual(line(allocs, 'examples/mem_hot.py', 25), { file: 'examples/mem_hot.py', line: 25, self: 0, total: 64 });
  assert.equal(peak.allocations.reduce((a, b) => a + b, 0), 107);
  assert.equal(peak.allocations.length, peak.stacks.length);
});

test('mem_hot leaks: only the pymalloc arena of small_work looks leaked, and the leaks are flagged inexact', () => {
  const capture = loadCapture('mem_hot.json');
  const leaks = memoryProfileFor(capture, 'leaks');
  assert.equal(profileTotal(leaks), 1088468);
  assert.deepEqual(aggregateLines(leaks)[0], { file: 'examples/mem_hot.py', line: 18, self: 1048576, total: 1048576 });
  assert.equal(line(aggregateLines(leaks), 'examples/mem_hot.py', 12), undefined);
  assert.equal(capture.leaksExact, false);
  assert.match(capture.warnings.join('\n'), /pymalloc allocator.*PYTHONMALLOC=malloc/);
});

test('mem_leak under PYTHONMALLOC=malloc: the LEAK line holds 1,000 buffers of 10,033 bytes plus the list that keeps them', () => {
  const capture = loadCapture('mem_leak.json');
  const leaks = memoryProfileFor(capture, 'leaks');
  assert.equal(capture.leaksExact, true);
  assert.deepEqual(capture.warnings, []);
  assert.deepEqual(aggregateLines(leaks)[0], { file: 'examples/mem_leak.py', line: 17, self: 10041800, total: 10041800 });
  assert.deepEqual(line(aggregateLineAllocations(leaks), 'examples/mem_leak.py', 17)?.self, 1001);
  assert.deepEqual(line(aggregateLines(leaks), 'examples/mem_leak.py', 25), { file: 'examples/mem_leak.py', line: 25, self: 0, total: 10041800 });
});

test('stacks beyond --max-records stay in the total as one stack on no line', () => {
  // mem_leak.json was exported with --max-records 40: the 155 smallest leaked stack groups
  // (21,230 bytes, 167 allocations) were summed. One listed record already has an empty stack
  // (allocations of memray's runner itself, whose frames are trimmed: 6,826 bytes in 30
  // allocations); the omitted bytes join it.
  const leaks = memoryProfileFor(loadCapture('mem_leak.json'), 'leaks');
  assert.equal(profileTotal(leaks), 10141263);
  assert.equal(leaks.stacks.length, 34);
  const empty = leaks.stacks.findIndex((s) => s.length === 0);
  assert.deepEqual([leaks.weights[empty], leaks.allocations[empty]], [6826 + 21230, 30 + 167]);
  assert.deepEqual([leaks.meta.details?.omittedStacks, leaks.meta.details?.omittedBytes], [155, 21230]);
  assert.equal(leaks.meta.details?.allocationsInView, 1519);
});

test('metadata travels in meta.details and the capture info; duration from start and end time', () => {
  const capture = loadCapture('mem_hot.json');
  assert.equal(capture.info.memrayVersion, '1.20.0');
  assert.equal(capture.info.peakMemory, 68197396);
  assert.equal(capture.info.totalAllocations, 477);
  assert.equal(capture.info.pythonAllocator, 'pymalloc');
  assert.equal(capture.info.fileFormat, 'all');
  assert.equal(capture.info.nativeTraces, false);
  const peak = memoryProfileFor(capture, 'peak');
  assert.equal(peak.meta.details?.mode, 'peak');
  assert.equal(peak.meta.details?.peakMemory, 68197396);
  assert.match(peak.meta.commandLine ?? '', /memray.* run .*examples\/mem_hot\.py$/);
  assert.ok(peak.meta.durationSec !== undefined && peak.meta.durationSec > 0.1 && peak.meta.durationSec < 5, String(peak.meta.durationSec));
});

test('snapshots are times since the start with RSS and heap; the peak marker is the largest heap', () => {
  const { snapshots } = loadCapture('mem_hot.json');
  assert.equal(snapshots.length, 28);
  assert.deepEqual(snapshots[0], { timeMs: 0, rss: 45297664, heap: 0 });
  assert.deepEqual(snapshots[27], { timeMs: 276, rss: 77778944, heap: 32545778 });
  const peak = snapshots[peakSnapshotIndex(snapshots)];
  assert.ok(peak.heap >= Math.max(...snapshots.map((s) => s.heap)));
  assert.equal(peakSnapshotIndex([]), -1);
});

test('an aggregated capture gives the same peak and leaks, and says what it cannot show', () => {
  const capture = loadCapture('mem_hot-aggregated.json');
  assert.equal(capture.info.fileFormat, 'aggregated');
  assert.deepEqual(aggregateLines(memoryProfileFor(capture, 'peak'))[0], { file: 'examples/mem_hot.py', line: 12, self: 67108928, total: 67108928 });
  assert.equal(profileTotal(memoryProfileFor(capture, 'leaks')), 1088468);
  assert.match(capture.warnings.join('\n'), /aggregated capture .* cannot be shown/);
});

test('a --native capture has native frames under the Python ones; the innermost is the C line that allocated', () => {
  const capture = loadCapture('mem_hot-native.json');
  const peak = memoryProfileFor(capture, 'peak');
  assert.equal(capture.info.nativeTraces, true);
  assert.ok(peak.frames.some((f) => f.kind === 'native') && peak.frames.some((f) => f.kind === 'python'));
  const lines = aggregateLines(peak);
  assert.deepEqual(lines[0], { file: 'Objects/bytearrayobject.c', line: 233, self: 8388616, total: 8388616 });
  assert.deepEqual(line(lines, 'examples/mem_hot.py', 12), { file: 'examples/mem_hot.py', line: 12, self: 0, total: 8388616 });
  assert.equal(capture.leaks, undefined);
  assert.throws(() => memoryProfileFor(capture, 'leaks'), /no "leaks" section/);
});

test('readProfileFile reads a kept export as its capture: peak by default, leaks when asked', async () => {
  const file = memrayFixture('mem_hot.json');
  const report = buildReport(await readProfileFile(file), { top: 1 });
  assert.deepEqual(report, {
    tool: 'memray',
    kind: 'memory',
    unit: 'bytes',
    total: 68197396,
    sampleRate: null,
    durationSec: report.durationSec,
    lines: [{ file: 'examples/mem_hot.py', line: 12, self: 67108928, total: 67108928 }],
    functions: [{ name: '<listcomp>', file: 'examples/mem_hot.py', line: 12, self: 68157504, total: 68157504 }],
  });
  assert.equal(profileTotal(await readProfileFile(file, { memoryMode: 'leaks' })), 1088468);
});
