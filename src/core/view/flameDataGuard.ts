/**
 * Shape check for flame graph data that arrives as untrusted JSON (the standalone page reads
 * it from the document). Checks types only, so a malformed file fails with a message instead
 * of breaking the chart half-way; the strings inside stay data either way.
 */
import type { FlameGraphData } from '../model/flameTree';

const UNITS = new Set(['samples', 'seconds', 'bytes']);
const KINDS = new Set(['python', 'native', 'process', 'thread', 'root', 'other']);

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
  const stack: unknown[] = [value.root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!isRecord(node)) return 'a frame is not an object';
    if (typeof node.id !== 'number' || typeof node.name !== 'string') return 'a frame has no id or name';
    if (typeof node.kind !== 'string' || !KINDS.has(node.kind)) return `frame ${node.id} has an unknown kind`;
    if (!isWeight(node.total) || !isWeight(node.self)) return `frame ${node.id} has no total or self`;
    if (node.file !== undefined && typeof node.file !== 'string') return `frame ${node.id} has a bad file`;
    if (node.line !== undefined && typeof node.line !== 'number') return `frame ${node.id} has a bad line`;
    if (!Array.isArray(node.children)) return `frame ${node.id} has no children list`;
    for (const child of node.children) stack.push(child);
  }
  return undefined;
}

/** True when `value` is well-formed FlameGraphData. */
export function isFlameGraphData(value: unknown): value is FlameGraphData {
  return flameGraphDataProblem(value) === undefined;
}
