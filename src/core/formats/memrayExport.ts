/**
 * Reads the JSON that python/memray_export.py writes (format `profile-first-memray`,
 * version 1) into the model. The JSON comes from another process and possibly another
 * machine, so it is untrusted: every field is checked, and the first problem becomes a
 * one-line ProfileParseError naming the file and the place (`peak.records[3].stack[1]`).
 */
import { ProfileParseError } from '../errors';
import type { Frame, ProfileMeta } from '../model/profile';
import type { MemoryMode, MemoryProfile, MemrayCapture, MemrayCaptureInfo, MemorySnapshot } from './memrayModel';
import { snippet } from './snippet';

/** The `format` value the helper writes. */
export const MEMRAY_EXPORT_FORMAT = 'profile-first-memray';
/** The only export version this reader understands. */
export const MEMRAY_EXPORT_VERSION = 1;

/** True when a parsed JSON document claims to be a memray export (then parseMemrayExport decides). */
export function isMemrayExport(doc: unknown): boolean {
  return isObject(doc) && doc.format === MEMRAY_EXPORT_FORMAT;
}

/** Facts from outside the export that improve it (the recording's sidecar). */
export interface MemrayExportExtras {
  /** A readable command line (the sidecar's) instead of memray's `…/memray/__main__.py run …`. */
  readonly commandLine?: string;
}

/** Validates a memray export and builds the capture: profiles for the sections present, snapshots, metadata. */
export function parseMemrayExport(doc: unknown, file: string, extras: MemrayExportExtras = {}): MemrayCapture {
  const bad = (where: string, problem: string): never => {
    throw new ProfileParseError(file, `not a valid memray export: ${where}: ${problem}`);
  };
  if (!isObject(doc)) return bad('document', 'expected a JSON object');
  if (doc.format !== MEMRAY_EXPORT_FORMAT) return bad('format', `expected "${MEMRAY_EXPORT_FORMAT}", got ${describe(doc.format)}`);
  if (doc.version !== MEMRAY_EXPORT_VERSION) {
    return bad('version', `this reader understands version ${MEMRAY_EXPORT_VERSION}, got ${describe(doc.version)} (update Profile First, or export again with its helper)`);
  }
  const check = new Checker(bad);
  const info = readInfo(check, doc);
  const startMs = info.startTime === undefined ? undefined : Date.parse(info.startTime);
  const snapshots = readSnapshots(check, doc.snapshots, startMs);
  const warnings = check.array(doc.warnings, 'warnings').map((w, i) => check.string(w, `warnings[${i}]`));
  const durationSec = info.startTime && info.endTime ? Math.max(0, (Date.parse(info.endTime) - Date.parse(info.startTime)) / 1000) : undefined;
  const base = { info, durationSec, commandLine: extras.commandLine ?? info.commandLine };
  const peak = doc.peak === undefined ? undefined : readSection(check, doc.peak, 'peak', base);
  const leaks = doc.leaks === undefined ? undefined : readSection(check, doc.leaks, 'leaks', base);
  if (!peak && !leaks) bad('document', 'has neither a "peak" nor a "leaks" section');
  const leaksExact = leaks ? check.boolean((doc.leaks as Record<string, unknown>).exact, 'leaks.exact') : undefined;
  return {
    file,
    info,
    ...(peak && { peak: peak.profile }),
    ...(leaks && { leaks: leaks.profile, leaksExact }),
    snapshots,
    warnings,
  };
}

/** The capture's profile for one mode, or a ProfileParseError saying the export lacks it. */
export function memoryProfileFor(capture: MemrayCapture, mode: MemoryMode): MemoryProfile {
  const profile = mode === 'peak' ? capture.peak : capture.leaks;
  if (!profile) throw new ProfileParseError(capture.file, `the memray export has no "${mode}" section (export it with --mode ${mode} or --mode both)`);
  return profile;
}

function readInfo(check: Checker, doc: Record<string, unknown>): MemrayCaptureInfo {
  const md = check.object(doc.metadata, 'metadata');
  const time = (key: string): string | undefined => {
    const v = md[key];
    if (v === null || v === undefined) return undefined;
    const text = check.string(v, `metadata.${key}`);
    if (Number.isNaN(Date.parse(text))) check.fail(`metadata.${key}`, `not a date: ${snippet(text)}`);
    return text;
  };
  const fileFormat = check.string(md.file_format, 'metadata.file_format');
  if (fileFormat !== 'all' && fileFormat !== 'aggregated') check.fail('metadata.file_format', `expected "all" or "aggregated", got ${snippet(fileFormat)}`);
  return {
    memrayVersion: check.string(doc.memrayVersion, 'memrayVersion'),
    commandLine: check.string(md.command_line, 'metadata.command_line'),
    pid: check.count(md.pid, 'metadata.pid'),
    peakMemory: check.count(md.peak_memory, 'metadata.peak_memory'),
    totalAllocations: check.count(md.total_allocations, 'metadata.total_allocations'),
    startTime: time('start_time'),
    endTime: time('end_time'),
    pythonAllocator: check.string(md.python_allocator, 'metadata.python_allocator'),
    nativeTraces: check.boolean(md.has_native_traces, 'metadata.has_native_traces'),
    tracePythonAllocators: check.boolean(md.trace_python_allocators, 'metadata.trace_python_allocators'),
    fileFormat: fileFormat as 'all' | 'aggregated',
  };
}

function readSnapshots(check: Checker, value: unknown, startMs: number | undefined): MemorySnapshot[] {
  const raw = check.array(value, 'snapshots');
  const out: MemorySnapshot[] = [];
  let origin = startMs;
  raw.forEach((s, i) => {
    const o = check.object(s, `snapshots[${i}]`);
    const time = check.count(o.time_ms, `snapshots[${i}].time_ms`);
    origin ??= time;
    out.push({ timeMs: Math.max(0, time - origin), rss: check.count(o.rss, `snapshots[${i}].rss`), heap: check.count(o.heap, `snapshots[${i}].heap`) });
  });
  // Time order is what a chart needs; memray writes it so, a hand-made file might not.
  return out.sort((a, b) => a.timeMs - b.timeMs);
}

interface SectionBase {
  readonly info: MemrayCaptureInfo;
  readonly durationSec?: number;
  readonly commandLine: string;
}

function readSection(check: Checker, value: unknown, mode: MemoryMode, base: SectionBase): { profile: MemoryProfile } {
  const section = check.object(value, mode);
  const records = check.array(section.records, `${mode}.records`);
  const frames: Frame[] = [];
  const frameIds = new Map<string, number>();
  const stacks: number[][] = [];
  const weights: number[] = [];
  const allocations: number[] = [];
  const stackIds = new Map<string, number>();
  const add = (stack: number[], size: number, count: number): void => {
    const key = stack.join(',');
    const known = stackIds.get(key);
    if (known !== undefined) {
      weights[known] += size;
      allocations[known] += count;
      return;
    }
    stackIds.set(key, stacks.length);
    stacks.push(stack);
    weights.push(size);
    allocations.push(count);
  };
  let sumSize = 0;
  let sumCount = 0;
  records.forEach((r, i) => {
    const where = `${mode}.records[${i}]`;
    const rec = check.object(r, where);
    const size = check.count(rec.size, `${where}.size`);
    const count = check.count(rec.n_allocations, `${where}.n_allocations`);
    const stack = check.array(rec.stack, `${where}.stack`).map((f, k) => {
      const frame = readFrame(check, f, `${where}.stack[${k}]`);
      const key = `${frame.kind}\u0000${frame.name}\u0000${frame.file ?? ''}\u0000${frame.line ?? ''}`;
      let id = frameIds.get(key);
      if (id === undefined) {
        id = frames.length;
        frames.push(frame);
        frameIds.set(key, id);
      }
      return id;
    });
    sumSize += size;
    sumCount += count;
    if (size > 0) add(stack, size, count);
  });
  const omitted = check.object(section.omitted, `${mode}.omitted`);
  const omittedSize = check.count(omitted.size, `${mode}.omitted.size`);
  const omittedCount = check.count(omitted.n_allocations, `${mode}.omitted.n_allocations`);
  const omittedRecords = check.count(omitted.records, `${mode}.omitted.records`);
  const totalSize = check.count(section.total_size, `${mode}.total_size`);
  if (sumSize + omittedSize !== totalSize) check.fail(`${mode}.total_size`, `is ${totalSize} but the records and omitted add up to ${sumSize + omittedSize}`);
  // Stacks the helper left out (beyond --max-records) stay in the total as one empty stack, so
  // the profile's total is the real peak; an empty stack belongs to no line or function.
  if (omittedSize > 0) add([], omittedSize, omittedCount);
  const { info } = base;
  const meta: ProfileMeta = {
    tool: 'memray',
    kind: 'memory',
    unit: 'bytes',
    ...(base.durationSec !== undefined && { durationSec: base.durationSec }),
    commandLine: base.commandLine,
    details: {
      mode,
      memrayVersion: info.memrayVersion,
      pid: info.pid,
      peakMemory: info.peakMemory,
      totalAllocations: info.totalAllocations,
      allocationsInView: sumCount + omittedCount,
      ...(info.startTime !== undefined && { startTime: info.startTime }),
      ...(info.endTime !== undefined && { endTime: info.endTime }),
      pythonAllocator: info.pythonAllocator,
      nativeTraces: info.nativeTraces,
      tracePythonAllocators: info.tracePythonAllocators,
      fileFormat: info.fileFormat,
      ...(omittedRecords > 0 && { omittedStacks: omittedRecords, omittedBytes: omittedSize }),
    },
  };
  return { profile: { meta, frames, stacks, weights, allocations } };
}

function readFrame(check: Checker, value: unknown, where: string): Frame {
  const f = check.array(value, where);
  if (f.length !== 3 && !(f.length === 4 && f[3] === 'native')) check.fail(where, 'expected [function, file, line] or [function, file, line, "native"]');
  const name = check.string(f[0], `${where}[0]`);
  const file = check.string(f[1], `${where}[1]`);
  const line = check.count(f[2], `${where}[2]`);
  return {
    name,
    // memray gives native frames without debug information an empty file and line 0.
    ...(file !== '' && { file }),
    ...(line > 0 && { line }),
    kind: f.length === 4 ? 'native' : 'python',
  };
}

/** Type checks that report the path of the offending value. */
class Checker {
  constructor(readonly fail: (where: string, problem: string) => never) {}

  object(v: unknown, where: string): Record<string, unknown> {
    return isObject(v) ? v : this.fail(where, `expected an object, got ${describe(v)}`);
  }

  array(v: unknown, where: string): unknown[] {
    return Array.isArray(v) ? v : this.fail(where, `expected an array, got ${describe(v)}`);
  }

  string(v: unknown, where: string): string {
    return typeof v === 'string' ? v : this.fail(where, `expected a string, got ${describe(v)}`);
  }

  boolean(v: unknown, where: string): boolean {
    return typeof v === 'boolean' ? v : this.fail(where, `expected true or false, got ${describe(v)}`);
  }

  /** A whole number ≥ 0 that a double holds exactly (bytes, counts, times in ms). */
  count(v: unknown, where: string): number {
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : this.fail(where, `expected a whole number ≥ 0, got ${describe(v)}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return snippet(v, 40);
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v;
}
