import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineHints, memoryHintText, withMemoryText } from '../../../src/core/editor/combinedHints';
import type { LineHint } from '../../../src/core/editor/lineHints';

function hint(line: number, self: number, total: number, share: number, level: number): LineHint {
  return { line, self, total, selfShare: share, totalShare: share, level, text: 'x', stale: false };
}

test('a memory hint says the bytes held at the peak and the allocation count', () => {
  assert.equal(memoryHintText(48.2 * 1024 * 1024, 1204, 'peak'), '▇ 48.2 MiB at peak · 1,204 allocs');
  assert.equal(memoryHintText(1024, 1, 'leaks'), '▇ 1.0 KiB leaked · 1 alloc');
  assert.equal(memoryHintText(10, undefined, 'peak'), '▇ 10 B at peak');
});

test('memory hints take their allocation counts by line', () => {
  const out = withMemoryText([hint(12, 64 * 1024 * 1024, 64 * 1024 * 1024, 0.98, 5)], 'self', 'peak', new Map([[12, 64]]));
  assert.equal(out[0].text, '▇ 64.0 MiB at peak · 64 allocs');
});

test('a line measured by both profiles shows CPU share and memory bytes, heat from the chosen dimension', () => {
  const cpu = [hint(13, 82, 82, 0.234, 4), hint(20, 10, 10, 0.03, 2)];
  const mem = [hint(13, 48.2 * 1024 * 1024, 48.2 * 1024 * 1024, 0.9, 5), hint(30, 2048, 2048, 0.01, 1)];
  const byMemory = combineHints(cpu, mem, { heat: 'memory', mode: 'self' });
  assert.deepEqual(
    byMemory.map((h) => [h.line, h.level, h.text]),
    [
      [13, 5, '▇ CPU 23.4 % · Mem 48.2 MiB'],
      [20, 0, '▇ CPU 3.0 %'],
      [30, 1, '▇ Mem 2.0 KiB'],
    ],
  );
  const byCpu = combineHints(cpu, mem, { heat: 'cpu', mode: 'self' });
  assert.deepEqual(
    byCpu.map((h) => [h.line, h.level]),
    [
      [13, 4],
      [20, 2],
      [30, 0],
    ],
  );
});

test('with one profile only, its hints are kept as they are', () => {
  const cpu = [hint(1, 5, 5, 0.5, 5)];
  assert.deepEqual(combineHints(cpu, undefined, { heat: 'memory', mode: 'self' }), cpu);
  assert.deepEqual(combineHints(undefined, cpu, { heat: 'cpu', mode: 'self' }), cpu);
});
