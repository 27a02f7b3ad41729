/**
 * Shape check for flame graph data that arrives as untrusted JSON (the standalone page reads
 * it from the document). Checks types only, so a malformed file fails with a message instead
 * of breaking the chart half-way; the strings inside stay data either way.
 */
import type { FlameGraphData } from '../model/flameTree';

const UNITS = new Set(['samples', 'seconds', 'bytes']);
const KINDS = new Set(['python', 'native', 'process', 'thread', 'root', 'other']);
const MEMORY_MODES = new Set(['peak', 'leaks']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWeight(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Returns undefined when `value` is well-formed FlameGraphData, else what is wrong with it. */
export function flameGraphDataProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'not an object';
  if (typeof value.title !== 'string') return 'title is not a string';
  if (!isRecord(value.meta) || typeof value.meta.unit !== 'string' || !UNITS.has(value.meta.unit)) return 'meta.unit is missing or unknown';
  if (value.meta.sampleRate !== undefined && !isWeight(value.meta.sampleRate)) return 'meta.sampleRate is not a number';
  if (!isWeight(value.total)) return 'total is not a number';
  if (!isWeight(value.nodeCount) || !isWeight(value.shownNodeCount)) return 'node counts are not numbers';
  if (!Array.isArray(value.files)) return 'files is not a list';
  if (value.memory !== undefined) {
    const problem = memoryViewProblem(value.memory);
    if (problem !== undefined) return problem;
  }
  const stack: unknown[] = [value.root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!isRecord(node)) return 'a frame is not an object';
    if (typeof node.id !== 'number' || typeof node.name !== 'string') return 'a frame has no id or name';
    if (typeof node.kind !== 'string' || !KINDS.has(node.kind)) return `frame ${node.id} has an unknown kind`;
    if (!isWeight(node.total) || !isWeight(node.self)) return `frame ${node.id} has no total or self`;
    if (node.file !== undefined && typeof node.file !== 'string') return `frame ${node.id} has a bad file`;
    if (node.line !== undefined && typeof node.line !== 'number') return `frame ${node.id} has a bad line`;
    if (node.allocations !== undefined && !isWeight(node.allocations)) return `frame ${node.id} has a bad allocation count`;
    if (!Array.isArray(node.children)) return `frame ${node.id} has no children list`;
    for (const child of node.children) stack.push(child);
  }
  return undefined;
}

/** What is wrong with FlameGraphData.memory, or undefined when it is well-formed. */
function memoryViewProblem(memory: unknown): string | undefined {
  if (!isRecord(memory)) return 'memory is not an object';
  if (typeof memory.mode !== 'string' || !MEMORY_MODES.has(memory.mode)) return 'memory.mode is not peak or leaks';
  if (!Array.isArray(memory.availableModes) || !memory.availableModes.every((m) => typeof m === 'string' && MEMORY_MODES.has(m))) {
    return 'memory.availableModes is not a list of peak and leaks';
  }
  if (!Array.isArray(memory.snapshots)) return 'memory.snapshots is not a list';
  for (const s of memory.snapshots as unknown[]) {
    if (!isRecord(s) || typeof s.timeMs !== 'number' || !Number.isFinite(s.timeMs) || !isWeight(s.rss) || !isWeight(s.heap)) return 'a memory snapshot is malformed';
  }
  if (memory.peakIndex !== undefined && (!Number.isInteger(memory.peakIndex) || !isWeight(memory.peakIndex))) return 'memory.peakIndex is not an index';
  if (memory.peakBytes !== undefined && !isWeight(memory.peakBytes)) return 'memory.peakBytes is not a number';
  if (memory.leaksExact !== undefined && typeof memory.leaksExact !== 'boolean') return 'memory.leaksExact is not a boolean';
  return undefined;
}

/** True when `value` is well-formed FlameGraphData. */
export function isFlameGraphData(value: unknown): value is FlameGraphData {
  return flameGraphDataProblem(value) === undefined;
}
