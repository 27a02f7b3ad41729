import { ProfileParseError } from '../errors';
import { snippet } from './snippet';

/**
 * Checks the shape of an untrusted speedscope document (jlfwong/speedscope
 * src/lib/file-format-spec.ts) and hands back typed pieces. Every problem becomes a
 * ProfileParseError naming the JSON path, never a TypeError. Per-sample and per-event
 * arrays are checked later, while they are converted, so big files are walked once.
 */

/** The units speedscope allows for a profile's values. */
export type SpeedscopeUnit = 'none' | 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds' | 'bytes';

/** One entry of `shared.frames`. */
export interface SpeedscopeFrame {
  readonly name: string;
  /** Absent or "" in the file both mean "no file" (py-spy writes "" for pseudo-frames). */
  readonly file?: string;
  /** Absent, null or 0 in the file all mean "unknown". */
  readonly line?: number;
}

/** The fields common to both profile types, checked. */
export interface SpeedscopeProfileHeader {
  readonly index: number;
  readonly type: 'sampled' | 'evented';
  readonly name: string;
  readonly unit: SpeedscopeUnit;
  readonly startValue: number;
  readonly endValue: number;
  /** The profile object itself, for the type-specific arrays. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** A checked speedscope document. */
export interface SpeedscopeDocument {
  readonly frames: readonly SpeedscopeFrame[];
  readonly profiles: readonly SpeedscopeProfileHeader[];
  readonly exporter?: string;
  readonly name?: string;
  readonly activeProfileIndex?: number;
}

const UNITS: ReadonlySet<string> = new Set(['none', 'nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes']);

/** Validates the document's top level, its frames and each profile's header fields. */
export function readSpeedscopeDocument(doc: unknown, source: string): SpeedscopeDocument {
  const check: ShapeChecker = new ShapeChecker(source);
  const root = check.object(doc, 'the JSON document');
  const rawProfiles = root.profiles;
  if (!Array.isArray(rawProfiles)) {
    check.fail('is JSON but not a speedscope profile (no "profiles" array); expected py-spy --format speedscope output');
  }
  const shared = check.object(root.shared, 'shared');
  const frames = check.array(shared.frames, 'shared.frames').map((f, i) => readFrame(check, f, `shared.frames[${i}]`));
  const profiles = rawProfiles.map((p: unknown, i: number) => readProfileHeader(check, p, i));
  if (profiles.length === 0) check.fail('the speedscope file has no profiles');
  const exporter = typeof root.exporter === 'string' ? root.exporter : undefined;
  const name = typeof root.name === 'string' ? root.name : undefined;
  const active = root.activeProfileIndex;
  const activeProfileIndex = Number.isInteger(active) && (active as number) >= 0 && (active as number) < profiles.length ? (active as number) : undefined;
  return { frames, profiles, exporter, name, activeProfileIndex };
}

function readFrame(check: ShapeChecker, value: unknown, path: string): SpeedscopeFrame {
  const f = check.object(value, path);
  if (typeof f.name !== 'string') check.fail(`${path}.name is ${describe(f.name)}, expected a string`);
  let file: string | undefined;
  if (f.file !== undefined && f.file !== null) {
    if (typeof f.file !== 'string') check.fail(`${path}.file is ${describe(f.file)}, expected a string`);
    file = f.file === '' ? undefined : f.file;
  }
  let line: number | undefined;
  if (f.line !== undefined && f.line !== null) {
    if (typeof f.line !== 'number' || !Number.isInteger(f.line) || f.line < 0) {
      check.fail(`${path}.line is ${describe(f.line)}, expected a line number`);
    }
    line = f.line === 0 ? undefined : f.line;
  }
  return { name: f.name, ...(file !== undefined && { file }), ...(line !== undefined && { line }) };
}

function readProfileHeader(check: ShapeChecker, value: unknown, index: number): SpeedscopeProfileHeader {
  const path = `profiles[${index}]`;
  const p = check.object(value, path);
  if (p.type !== 'sampled' && p.type !== 'evented') {
    check.fail(`${path}.type is ${describe(p.type)}, expected "sampled" or "evented"`);
  }
  if (typeof p.unit !== 'string' || !UNITS.has(p.unit)) {
    check.fail(`${path}.unit is ${describe(p.unit)}, expected one of ${[...UNITS].join(', ')}`);
  }
  const startValue = check.finite(p.startValue, `${path}.startValue`);
  const endValue = check.finite(p.endValue, `${path}.endValue`);
  if (endValue < startValue) check.fail(`${path}.endValue (${endValue}) is less than its startValue (${startValue})`);
  const name = typeof p.name === 'string' ? p.name : `profile ${index}`;
  return { index, type: p.type, name, unit: p.unit as SpeedscopeUnit, startValue, endValue, body: p };
}

/** Type checks that fail with a ProfileParseError naming the file and the JSON path. */
export class ShapeChecker {
  constructor(readonly source: string) {}

  /** Throws the file's ProfileParseError with a one-line problem. */
  fail(problem: string): never {
    throw new ProfileParseError(this.source, problem);
  }

  /** `value` as a plain object, or a failure. */
  object(value: unknown, path: string): Readonly<Record<string, unknown>> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(`${path} is ${describe(value)}, expected an object`);
    }
    return value as Readonly<Record<string, unknown>>;
  }

  /** `value` as an array, or a failure. */
  array(value: unknown, path: string): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(`${path} is ${describe(value)}, expected an array`);
    return value;
  }

  /** `value` as a finite number, or a failure. */
  finite(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(`${path} is ${describe(value)}, expected a number`);
    return value;
  }

  /** `value` as a finite number ≥ 0 (a weight), or a failure. */
  weight(value: unknown, path: string): number {
    if (!isWeight(value)) this.fail(`${path} is ${describe(value)}, expected a number ≥ 0`);
    return value;
  }

  /** `value` as an index into an array of `count` frames, or a failure. */
  frameIndex(value: unknown, count: number, path: string): number {
    if (!isFrameIndex(value, count)) this.fail(`${path} is ${describe(value)}, expected a frame index from 0 to ${count - 1}`);
    return value;
  }
}

/** True for an integer index into an array of `count` frames (the hot-loop test; fail through ShapeChecker). */
export function isFrameIndex(value: unknown, count: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < count;
}

/** True for a finite number ≥ 0. */
export function isWeight(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A short, one-line description of an untrusted JSON value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string ${snippet(value, 30)}`;
    case 'number':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
