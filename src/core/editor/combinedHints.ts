import { formatBytes, formatPercent } from '../model/units';
import { HINT_GLYPH, type LineHint, type LineHintMode } from './lineHints';

/**
 * Hints for a line measured twice: by a CPU profile and by a memory profile of the same program.
 * No other VS Code profiler shows both on one line. The heat follows one chosen dimension
 * (`profileFirst.heatDimension`); the text carries both numbers.
 */

/** Which measurement drives the background heat when both are loaded. */
export type HeatDimension = 'cpu' | 'memory';

/** What the memory bytes are: held at the peak, or never freed. */
export type MemoryHintMode = 'peak' | 'leaks';

/** `▇ 48.2 MiB at peak · 1,204 allocs` (allocation count when known). */
export function memoryHintText(bytes: number, allocations: number | undefined, mode: MemoryHintMode): string {
  const where = mode === 'peak' ? 'at peak' : 'leaked';
  const allocs = allocations !== undefined ? ` · ${Math.round(allocations).toLocaleString('en-US')} ${allocations === 1 ? 'alloc' : 'allocs'}` : '';
  return `${HINT_GLYPH} ${formatBytes(bytes)} ${where}${allocs}`;
}

/** Rewrites a memory profile's hints to say bytes and allocation counts (`allocations`: line → count). */
export function withMemoryText(hints: readonly LineHint[], mode: LineHintMode, memoryMode: MemoryHintMode, allocations: ReadonlyMap<number, number>): LineHint[] {
  return hints.map((h) => (h.stale ? h : { ...h, text: memoryHintText(mode === 'total' ? h.total : h.self, allocations.get(h.line), memoryMode) }));
}

/**
 * One file's hints from both profiles, merged by line: `▇ CPU 23.4 % · Mem 48.2 MiB`. A line
 * only one profile measured keeps that profile's text. The heat level comes from the chosen
 * dimension; a line the chosen profile did not measure gets text without heat (level 0 is
 * drawn as text only).
 */
export function combineHints(
  cpu: readonly LineHint[] | undefined,
  memory: readonly LineHint[] | undefined,
  options: { readonly heat: HeatDimension; readonly mode: LineHintMode },
): LineHint[] {
  if (cpu === undefined || cpu.length === 0) return memory === undefined ? [] : [...memory];
  if (memory === undefined || memory.length === 0) return [...cpu];
  const byLine = new Map<number, { cpu?: LineHint; memory?: LineHint }>();
  for (const h of cpu) byLine.set(h.line, { cpu: h });
  for (const h of memory) byLine.set(h.line, { ...byLine.get(h.line), memory: h });
  const out: LineHint[] = [];
  for (const [line, pair] of [...byLine.entries()].sort((a, b) => a[0] - b[0])) {
    const chosen = options.heat === 'cpu' ? pair.cpu : pair.memory;
    const base = (chosen ?? pair.cpu ?? pair.memory) as LineHint;
    if (base.stale) {
      out.push(base);
      continue;
    }
    const parts: string[] = [];
    if (pair.cpu !== undefined) parts.push(`CPU ${formatPercent(options.mode === 'total' ? pair.cpu.totalShare : pair.cpu.selfShare, 1)}`);
    if (pair.memory !== undefined) parts.push(`Mem ${formatBytes(options.mode === 'total' ? pair.memory.total : pair.memory.self)}`);
    out.push({ ...base, line, level: chosen?.level ?? 0, text: `${HINT_GLYPH} ${parts.join(' · ')}` });
  }
  return out;
}
