/** The small memory-model functions: allocation counts per line and the chart's peak marker. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregateLineAllocations, peakSnapshotIndex, type MemoryProfile } from '../../../src/core/formats/memrayModel';
import { sniffFormat } from '../../../src/core/formats/sniff';

test('allocation counts: self on the innermost line, total once per stack even under recursion', () => {
  const profile: MemoryProfile = {
    meta: { tool: 'memray', kind: 'memory', unit: 'bytes' },
    frames: [
      { name: 'main', file: 'a.py', line: 1, kind: 'python' },
      { name: 'f', file: 'a.py', line: 5, kind: 'python' },
      { name: 'malloc', kind: 'native' },
    ],
    stacks: [[0, 1, 1], [0, 1, 2], [0]],
    weights: [100, 50, 7],
    allocations: [3, 2, 1],
  };
  assert.deepEqual(aggregateLineAllocations(profile), [
    { file: 'a.py', line: 5, self: 3, total: 5 },
    { file: 'a.py', line: 1, self: 1, total: 6 },
  ]);
});

test('the peak marker is the snapshot with the most heap, or the most RSS when no heap was seen', () => {
  assert.equal(peakSnapshotIndex([{ timeMs: 0, rss: 9, heap: 1 }, { timeMs: 10, rss: 5, heap: 4 }, { timeMs: 20, rss: 5, heap: 2 }]), 1);
  assert.equal(peakSnapshotIndex([{ timeMs: 0, rss: 9, heap: 0 }, { timeMs: 10, rss: 12, heap: 0 }]), 1);
});

test('the sniffer recognises memray captures, compressed or not', () => {
  const plain = Buffer.concat([Buffer.from('memray\0', 'latin1'), Buffer.alloc(64)]);
  const lz4 = Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x40, 0x40, 0xc0, 0x61, 0x08, 0, 0, 0xf1, 0x01]), Buffer.from('memray\0', 'latin1'), Buffer.alloc(32)]);
  assert.deepEqual(sniffFormat(plain), { format: 'memray' });
  assert.deepEqual(sniffFormat(lz4), { format: 'memray' });
});
