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
  if (value.comparison !== undefined) {
    const problem = comparisonProblem(value.comparison);
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
    if (node.delta !== undefined && !isFiniteNumber(node.delta)) return `frame ${node.id} has a bad change`;
    if (!Array.isArray(node.children)) return `frame ${node.id} has no children list`;
    for (const child of node.children) stack.push(child);
  }
  return undefined;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const ROW_KINDS = new Set(['function', 'line']);
const PRESENCES = new Set(['both', 'baseline-only', 'candidate-only']);

/** What is wrong with FlameGraphData.comparison (a page made by `html --baseline`), or undefined when it is well-formed. */
function comparisonProblem(comparison: unknown): string | undefined {
  if (!isRecord(comparison)) return 'comparison is not an object';
  for (const side of ['baseline', 'candidate'] as const) {
    const s = comparison[side];
    if (!isRecord(s) || typeof s.title !== 'string' || !isWeight(s.total) || !isRecord(s.meta) || typeof s.meta.unit !== 'string' || !UNITS.has(s.meta.unit)) {
      return `comparison.${side} is malformed`;
    }
  }
  if (typeof comparison.unit !== 'string' || !UNITS.has(comparison.unit)) return 'comparison.unit is missing or unknown';
  if (!isWeight(comparison.omittedRows) || !isFiniteNumber(comparison.removedPercent)) return 'comparison counts are not numbers';
  if (typeof comparison.testApplies !== 'boolean' || typeof comparison.testNote !== 'string' || typeof comparison.correlationNote !== 'string') {
    return 'comparison notes are malformed';
  }
  if (!Array.isArray(comparison.rows)) return 'comparison.rows is not a list';
  for (const [i, row] of (comparison.rows as unknown[]).entries()) {
    if (!isRecord(row) || typeof row.kind !== 'string' || !ROW_KINDS.has(row.kind) || typeof row.label !== 'string') return `comparison row ${i} has no kind or label`;
    if (row.file !== undefined && typeof row.file !== 'string') return `comparison row ${i} has a bad file`;
    if (row.line !== undefined && typeof row.line !== 'number') return `comparison row ${i} has a bad line`;
    if (![row.baselineWeight, row.candidateWeight, row.before, row.after].every(isWeight) || !isFiniteNumber(row.changePoints)) return `comparison row ${i} has bad numbers`;
    if ([row.changeSeconds, row.pValue, row.pAdjusted].some((n) => n !== undefined && !isFiniteNumber(n))) return `comparison row ${i} has bad numbers`;
    if (typeof row.significant !== 'boolean' || typeof row.presence !== 'string' || !PRESENCES.has(row.presence)) return `comparison row ${i} has no significance or presence`;
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
