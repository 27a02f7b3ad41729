/**
 * The profile model every parser produces and every view reads. Frames are interned (each
 * distinct frame stored once, referred to by index); stacks are arrays of frame indices,
 * root first, each with a weight. Numbers carry their unit: a sample count is only turned
 * into seconds when the sampling rate is known from the recording.
 */

/** What a frame stands for. Pseudo-frames (`process …`, `thread …`) are never lines or functions. */
export type FrameKind = 'python' | 'native' | 'process' | 'thread';

/** One distinct frame: a function at a file and line, a native symbol, or a pseudo-frame. */
export interface Frame {
  readonly name: string;
  /** The path as recorded (may belong to another machine); undefined when the profiler gave none. */
  readonly file?: string;
  /** 1-based line; undefined when recorded without line numbers (py-spy --nolineno) or unknown (0). */
  readonly line?: number;
  readonly kind: FrameKind;
}

/** Which profiler or file format a profile came from. */
export type ProfileTool = 'py-spy' | 'memray' | 'speedscope' | 'collapsed';

/** What was measured. */
export type ProfileKind = 'cpu' | 'memory';

/** The unit of every weight in a profile. */
export type WeightUnit = 'samples' | 'seconds' | 'bytes';

/** Facts about the recording that travel with the numbers. */
export interface ProfileMeta {
  readonly tool: ProfileTool;
  readonly kind: ProfileKind;
  readonly unit: WeightUnit;
  /** Samples per second, when known (from the recording's settings or a py-spy speedscope file). */
  readonly sampleRate?: number;
  /** Seconds covered by the recording, when known. */
  readonly durationSec?: number;
  /** The profiled program's command line, when recorded. */
  readonly commandLine?: string;
  /** Free-form facts from the source format (exporter, memray allocator, …), for display only. */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** Frame indices, root first: an array, or a view into packed storage (load/packedProfile.ts). */
export type Stack = ArrayLike<number> & Iterable<number>;

/** A parsed profile: interned frames plus weighted root-first stacks. */
export interface Profile {
  readonly meta: ProfileMeta;
  readonly frames: readonly Frame[];
  /** stacks[i] lists frame indices from the root to the innermost frame. */
  readonly stacks: readonly Stack[];
  /** weights[i] is the weight of stacks[i], in meta.unit. */
  readonly weights: readonly number[];
}

/** The sum of all weights: the profile's total. */
export function profileTotal(profile: Profile): number {
  let total = 0;
  for (const w of profile.weights) total += w;
  return total;
}

/** True for frames that are real code (Python or native), false for process/thread pseudo-frames. */
export function isCodeFrame(frame: Frame): boolean {
  return frame.kind === 'python' || frame.kind === 'native';
}
