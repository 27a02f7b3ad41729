import { hash32, paretoCount, randomInt, seededRandom, zipfWeights, type Random } from './seededRandom';

/**
 * A synthetic Python program and the stacks a sampling profiler would record from it, shaped
 * like the reference measurements (shared/reference/flamegraph-and-security.md §1.2): ~1,000
 * functions, stacks 22–38 deep (mean ~30), 30 % of the levels branch with a Zipf fan-out of up to
 * 12, the other levels are fixed call chains (a caller always calls the same callee), and
 * per-stack sample counts are Pareto (a few hot stacks, most seen once or twice). Every stack is
 * distinct, so `uniqueStacks` is exact. Streams through a callback: 10^6 stacks never sit in
 * memory at once.
 */

/** How many stacks, from which seed; `threads` > 0 puts a py-spy `--threads` pseudo-frame at each root. */
export interface StackShape {
  readonly uniqueStacks: number;
  readonly seed?: number;
  readonly threads?: number;
}

/** One frame of the synthetic program, as py-spy would record it. */
export interface SyntheticFrame {
  readonly name: string;
  /** Absent for thread pseudo-frames. */
  readonly file?: string;
  readonly line?: number;
}

export const FUNCTION_COUNT = 1000;
/** Call sites per function: a frame is (function, line of the call it is executing). */
const SITES = 8;
const CODE_FRAMES = FUNCTION_COUNT * SITES;
const MIN_DEPTH = 22;
const MAX_DEPTH = 38;
/** Every subtree is down to one stack by this depth (forced branching below it), so no stack passes MAX_DEPTH. */
const LAST_BRANCH_DEPTH = 34;
const BRANCH_PROBABILITY = 0.3;
const MAX_FAN_OUT = 12;

const VERBS = ['get', 'load', 'parse', 'render', 'handle', 'compute', 'fetch', 'update', 'build', 'check', 'encode', 'decode', 'merge', 'split', 'send', 'read'];
const NOUNS = ['row', 'user', 'page', 'item', 'query', 'token', 'batch', 'frame', 'node', 'event', 'field', 'cache', 'block', 'entry', 'chunk', 'path'];
const PACKAGES = ['api', 'db', 'core', 'jobs', 'util', 'auth', 'views', 'models', 'io', 'net'];

/** The frame with this id (code frames first, then thread pseudo-frames). */
export function syntheticFrame(id: number): SyntheticFrame {
  if (id >= CODE_FRAMES) {
    const t = id - CODE_FRAMES;
    return { name: `thread (${9000 + t}): ${t === 0 ? 'MainThread' : `worker-${t}`}` };
  }
  const fn = Math.floor(id / SITES);
  const site = id % SITES;
  const name = `${VERBS[fn % 16]}_${NOUNS[Math.floor(fn / 16) % 16]}_${Math.floor(fn / 256)}`;
  const file = `/srv/app/${PACKAGES[fn % PACKAGES.length]}/m${Math.floor(fn / PACKAGES.length) % 40}.py`;
  const line = 10 + ((fn * 37) % 900) + 1 + site * 3;
  return { name, file, line };
}

/** The frame's text in py-spy raw output: `name (file:line)`, or the pseudo-frame's name. */
export function syntheticFrameText(id: number): string {
  const f = syntheticFrame(id);
  return f.file === undefined ? f.name : `${f.name} (${f.file}:${f.line})`;
}

/** Called once per distinct stack: `frames[0..depth)` root first (the array is reused), and its sample count. */
export type StackVisitor = (frames: Int32Array, depth: number, count: number) => void;

/** Generates the stacks of `shape` in depth-first order. */
export function forEachSyntheticStack(shape: StackShape, visit: StackVisitor): void {
  const random = seededRandom(shape.seed ?? 1);
  const path = new Int32Array(MAX_DEPTH + 1);
  const threads = shape.threads ?? 0;
  const grow = (depth: number, budget: number): void => {
    if (budget === 1) {
      const length = depth < MIN_DEPTH ? randomInt(random, MIN_DEPTH, MAX_DEPTH) : randomInt(random, depth, Math.min(MAX_DEPTH, depth + 3));
      for (let d = depth; d < length; d++) path[d] = d === 0 ? 0 : callee(path[d - 1]);
      visit(path, length, paretoCount(random));
      return;
    }
    const levelsLeft = LAST_BRANCH_DEPTH - depth;
    const childCap = MAX_FAN_OUT ** (levelsLeft - 1);
    if (budget <= childCap && random() >= BRANCH_PROBABILITY) {
      path[depth] = depth === 0 ? 0 : callee(path[depth - 1]);
      grow(depth + 1, budget);
      return;
    }
    const kMin = Math.ceil(budget / childCap);
    const kMax = Math.min(budget, MAX_FAN_OUT);
    const k = Math.max(kMin, Math.min(kMax, 2 + Math.floor(random() ** 2 * (MAX_FAN_OUT - 1))));
    const children = distinctFrames(random, k);
    const parts = splitBudget(budget, k, childCap);
    for (let i = 0; i < k; i++) {
      path[depth] = children[i];
      grow(depth + 1, parts[i]);
    }
  };
  if (threads > 0) {
    const parts = splitBudget(shape.uniqueStacks, Math.min(threads, shape.uniqueStacks), MAX_FAN_OUT ** LAST_BRANCH_DEPTH);
    parts.forEach((part, t) => {
      path[0] = CODE_FRAMES + t;
      grow(1, part);
    });
  } else if (shape.uniqueStacks > 0) {
    grow(0, shape.uniqueStacks);
  }
}

/** The fixed callee of a frame: the same caller frame always calls the same function at the same site. */
function callee(caller: number): number {
  const h = hash32(caller, 17);
  return (h % FUNCTION_COUNT) * SITES + ((h >>> 20) % SITES);
}

/** `k` distinct frames, hot functions (low ids) more likely. */
function distinctFrames(random: Random, k: number): number[] {
  const out: number[] = [];
  while (out.length < k) {
    const fn = Math.floor(random() ** 2 * FUNCTION_COUNT);
    const frame = fn * SITES + Math.floor(random() * SITES);
    if (!out.includes(frame)) out.push(frame);
  }
  return out;
}

/** Splits `budget` stacks over `k` children, Zipf-weighted, each ≥ 1 and ≤ `cap` (feasible: k ≤ budget ≤ k·cap). */
function splitBudget(budget: number, k: number, cap: number): number[] {
  const parts = zipfWeights(k).map((w) => Math.min(cap, Math.max(1, Math.floor(budget * w))));
  let diff = budget - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff > 0; i = (i + 1) % k) {
    const add = Math.min(diff, cap - parts[i]);
    parts[i] += add;
    diff -= add;
  }
  for (let i = 0; diff < 0; i = (i + 1) % k) {
    const take = Math.min(-diff, parts[i] - 1);
    parts[i] -= take;
    diff += take;
  }
  return parts;
}

/**
 * The same stacks in a seeded random order, as py-spy writes raw files (it iterates a Rust
 * HashMap, src/flamegraph.rs), so parsers and tree builders are not measured on the depth-first
 * order that puts every stack next to its siblings. Holds all stacks (4 bytes a frame).
 */
export function forEachSyntheticStackShuffled(shape: StackShape, visit: StackVisitor): void {
  let frames = new Int32Array(1 << 16);
  const offsets: number[] = [0];
  const counts: number[] = [];
  forEachSyntheticStack(shape, (path, depth, count) => {
    const end = offsets[offsets.length - 1] + depth;
    if (end > frames.length) {
      const bigger = new Int32Array(Math.max(end, frames.length * 2));
      bigger.set(frames);
      frames = bigger;
    }
    frames.set(path.subarray(0, depth), end - depth);
    offsets.push(end);
    counts.push(count);
  });
  const order = Array.from({ length: counts.length }, (_, i) => i);
  const random = seededRandom((shape.seed ?? 1) ^ 0x5f3759df);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const s of order) visit(frames.subarray(offsets[s], offsets[s + 1]), offsets[s + 1] - offsets[s], counts[s]);
}
