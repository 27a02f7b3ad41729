import { isCodeFrame, type Frame, type Profile } from './profile';
import { inSlices, type Slices } from './slices';

/**
 * Per-line and per-function cost, exactly as the `report --json` contract defines it
 * (shared/DESIGN.md): `self` is the weight of stacks whose innermost code frame is there;
 * `total` is the weight of stacks with it anywhere, counted once per stack even under
 * recursion. Pseudo-frames (`process …`, `thread …`) are never lines or functions, and a
 * stack made only of pseudo-frames (or empty: py-spy --idle writes such lines) adds to the
 * profile's total but to no line's or function's self. One pass over all frames, with
 * integer ids per distinct line/function, so 10^6 stacks stay fast.
 */

/** Cost of one source line (file as recorded, 1-based line), in the profile's unit. */
export interface LineStat {
  readonly file: string;
  readonly line: number;
  readonly self: number;
  readonly total: number;
}

/** Cost of one function, identified by (name, file); `line` is the smallest line recorded for it. */
export interface FunctionStat {
  readonly name: string;
  /** null for frames recorded without a file (bare names in collapsed stacks, unresolved native code). */
  readonly file: string | null;
  /** null when no frame of the function had a line (py-spy --nolineno, native code). */
  readonly line: number | null;
  readonly self: number;
  readonly total: number;
}

/** Lines by `self` descending, then `total` descending, then file and line. A frame needs a file and a line to count. */
export function aggregateLines(profile: Profile): LineStat[] {
  const lines = lineIds(profile);
  return lineStats(profile, lines, sumOverStacks(profile, [lines])[0]);
}

/** Functions by `total` descending, then `self` descending, then file, line and name. */
export function aggregateFunctions(profile: Profile): FunctionStat[] {
  const functions = functionIds(profile);
  return functionStats(profile, functions, sumOverStacks(profile, [functions])[0]);
}

/** Every line's and every function's self and total weight. */
export interface LinesAndFunctions {
  readonly lines: LineStat[];
  readonly functions: FunctionStat[];
}

/**
 * aggregateLines and aggregateFunctions in one pass over the stacks (what `report` prints): the
 * pass over every frame of every stack is the cost, so doing it once halves it (bench/, "parse" rows).
 */
export function aggregateLinesAndFunctions(profile: Profile): LinesAndFunctions {
  const lines = lineIds(profile);
  const functions = functionIds(profile);
  const [lineSums, functionSums] = sumOverStacks(profile, [lines, functions]);
  return { lines: lineStats(profile, lines, lineSums), functions: functionStats(profile, functions, functionSums) };
}

/**
 * aggregateLinesAndFunctions in slices of `sliceSize` stacks, awaiting `pause()` between them (the
 * extension host re-aggregates a zoomed 10^6-stack profile: ~1 s in one go). Resolves to
 * undefined when `cancelled()` turns true at a pause.
 */
export async function aggregateLinesAndFunctionsInSlices(
  profile: Profile,
  slices: Slices,
): Promise<LinesAndFunctions | undefined> {
  const lines = lineIds(profile);
  const functions = functionIds(profile);
  const summing = startSums(profile, [lines, functions]);
  if (!(await inSlices(profile.stacks.length, slices, summing.add))) return undefined;
  const [lineSums, functionSums] = summing.sums;
  return { lines: lineStats(profile, lines, lineSums), functions: functionStats(profile, functions, functionSums) };
}

/** Dense ids for one kind of place (line or function): idOfFrame[frame] is the frame's id, or -1. */
interface PlaceIds {
  readonly idOfFrame: Int32Array;
  readonly size: number;
}

function lineIds(profile: Profile): PlaceIds {
  const ids = new KeyIds();
  const idOfFrame = Int32Array.from(profile.frames, (f) =>
    isCodeFrame(f) && f.file !== undefined && f.line !== undefined ? ids.get(`${f.line}\u0000${f.file}`) : -1,
  );
  return { idOfFrame, size: ids.size };
}

function functionIds(profile: Profile): PlaceIds {
  const ids = new KeyIds();
  const idOfFrame = Int32Array.from(profile.frames, (f) => (isCodeFrame(f) ? ids.get(`${f.name}\u0000${f.file === undefined ? '\u0001' : `\u0002${f.file}`}`) : -1));
  return { idOfFrame, size: ids.size };
}

function lineStats(profile: Profile, lines: PlaceIds, sums: Sums): LineStat[] {
  const firstFrame = firstFrameOfId(lines.idOfFrame, lines.size);
  const out: LineStat[] = [];
  for (let id = 0; id < lines.size; id++) {
    if (sums.total[id] <= 0) continue;
    const f = profile.frames[firstFrame[id]];
    out.push({ file: f.file as string, line: f.line as number, self: sums.self[id], total: sums.total[id] });
  }
  return out.sort((a, b) => b.self - a.self || b.total - a.total || compareText(a.file, b.file) || a.line - b.line);
}

function functionStats(profile: Profile, functions: PlaceIds, sums: Sums): FunctionStat[] {
  const { idOfFrame, size } = functions;
  const firstFrame = firstFrameOfId(idOfFrame, size);
  // Smallest line over the frames that occur in some stack with weight.
  const minLine = new Float64Array(size).fill(Infinity);
  profile.frames.forEach((f, i) => {
    const id = idOfFrame[i];
    if (id >= 0 && sums.usedFrame[i] === 1 && f.line !== undefined && f.line < minLine[id]) minLine[id] = f.line;
  });
  const out: FunctionStat[] = [];
  for (let id = 0; id < size; id++) {
    if (sums.total[id] <= 0) continue;
    const f: Frame = profile.frames[firstFrame[id]];
    out.push({
      name: f.name,
      file: f.file ?? null,
      line: Number.isFinite(minLine[id]) ? minLine[id] : null,
      self: sums.self[id],
      total: sums.total[id],
    });
  }
  return out.sort(
    (a, b) =>
      b.total - a.total ||
      b.self - a.self ||
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(a.name, b.name),
  );
}

interface Sums {
  readonly self: Float64Array;
  readonly total: Float64Array;
  /** usedFrame[frame] is 1 when the frame occurs in a stack with weight. */
  readonly usedFrame: Uint8Array;
}

/**
 * For each kind of place, adds each stack's weight to the `total` of every id on it (once per
 * stack: `lastStack` remembers the last stack that counted an id) and to the `self` of its
 * innermost code frame. One pass over the stacks for all kinds.
 */
function sumOverStacks(profile: Profile, kinds: readonly PlaceIds[]): Sums[] {
  const summing = startSums(profile, kinds);
  summing.add(0, profile.stacks.length);
  return summing.sums;
}

/** Sums being built: `add(from, to)` takes stacks from … to, in order, each once. */
function startSums(profile: Profile, kinds: readonly PlaceIds[]): { readonly sums: Sums[]; add(from: number, to: number): void } {
  const { frames, stacks, weights } = profile;
  const usedFrame = new Uint8Array(frames.length);
  const isCode = Uint8Array.from(frames, (f) => (isCodeFrame(f) ? 1 : 0));
  const sums = kinds.map((k) => ({ self: new Float64Array(k.size), total: new Float64Array(k.size), usedFrame }));
  const lastStack = kinds.map((k) => new Int32Array(k.size).fill(-1));
  const add = (from: number, to: number): void => {
    for (let s = from; s < to; s++) {
      const stack = stacks[s];
      const w = weights[s];
      if (!(w > 0)) continue;
      for (let k = 0; k < stack.length; k++) usedFrame[stack[k]] = 1;
      let inner = stack.length - 1;
      while (inner >= 0 && isCode[stack[inner]] === 0) inner--;
      for (let kind = 0; kind < kinds.length; kind++) {
        const idOfFrame = kinds[kind].idOfFrame;
        const last = lastStack[kind];
        const total = sums[kind].total;
        for (let k = 0; k < stack.length; k++) {
          const id = idOfFrame[stack[k]];
          if (id >= 0 && last[id] !== s) {
            last[id] = s;
            total[id] += w;
          }
        }
        if (inner >= 0) {
          const id = idOfFrame[stack[inner]];
          if (id >= 0) sums[kind].self[id] += w;
        }
      }
    }
  };
  return { sums, add };
}

/** For each id, one frame index that maps to it (the first), to read its name, file and line. */
function firstFrameOfId(idOfFrame: Int32Array, idCount: number): Int32Array {
  const first = new Int32Array(idCount).fill(-1);
  idOfFrame.forEach((id, frame) => {
    if (id >= 0 && first[id] < 0) first[id] = frame;
  });
  return first;
}

/** Dense integer ids for string keys. */
class KeyIds {
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  get(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
