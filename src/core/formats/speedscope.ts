import type { Frame, Profile, ProfileKind, ProfileMeta, ProfileTool, WeightUnit } from '../model/profile';
import { ProfileBuilder } from '../model/profileBuilder';
import { addEventedProfile } from './speedscopeEvented';
import { codeFrameKind, pseudoFrameKind } from './frameText';
import {
  isFrameIndex,
  isWeight,
  readSpeedscopeDocument,
  ShapeChecker,
  type SpeedscopeDocument,
  type SpeedscopeFrame,
  type SpeedscopeProfileHeader,
  type SpeedscopeUnit,
} from './speedscopeShape';

/**
 * Speedscope JSON (https://www.speedscope.app/file-format-schema.json): py-spy's
 * `--format speedscope` and any other exporter. All profiles whose unit measures the same
 * thing are merged into one Profile; profiles in another unit (memray's "Allocations"
 * count beside its "Memory" bytes) are left out and named in `meta.details`.
 */

/** Seconds per unit for the time units. */
const SECONDS_PER: Partial<Record<SpeedscopeUnit, number>> = {
  nanoseconds: 1e-9,
  microseconds: 1e-6,
  milliseconds: 1e-3,
  seconds: 1,
};

/** Options for parseSpeedscope. */
export interface SpeedscopeParseOptions {
  /**
   * The caller hands the document over and never changes it (readProfileFile's own parse):
   * sample arrays may then become the profile's stacks as they are, instead of being copied.
   */
  readonly adoptSampleArrays?: boolean;
}

/** Converts a parsed speedscope document (the result of JSON.parse) into a Profile. */
export function parseSpeedscope(doc: unknown, source: string, options: SpeedscopeParseOptions = {}): Profile {
  const check: ShapeChecker = new ShapeChecker(source);
  const file = readSpeedscopeDocument(doc, source);
  const chosen = file.profiles[file.activeProfileIndex ?? 0];
  const dimension = unitDimension(chosen.unit);
  const included = file.profiles.filter((p) => unitDimension(p.unit) === dimension);
  const skipped = file.profiles.filter((p) => unitDimension(p.unit) !== dimension);
  const tool = toolOf(file.exporter);
  // py-spy writes every sample with weight 1/rate seconds (src/speedscope.rs), so the
  // samples are counted and the rate recovered; any other weighting stays in seconds.
  const pySpyRate = tool === 'py-spy' && dimension === 'time' ? uniformRate(check, included) : undefined;

  const builder = new ProfileBuilder();
  const frameIds = internFrames(builder, file.frames);
  // A sample's frame indices are the builder's own when no two frames of the file were merged.
  const adopt = options.adoptSampleArrays === true && frameIds.every((id, i) => id === i);
  for (const p of included) {
    const scale = (SECONDS_PER[p.unit] ?? 1) * (pySpyRate ?? 1);
    if (p.type === 'sampled') addSampledProfile(check, builder, frameIds, p, scale, pySpyRate !== undefined, adopt);
    else addEventedProfile(check, builder, frameIds, p, scale);
  }

  const unit: WeightUnit = pySpyRate !== undefined ? 'samples' : dimension === 'time' ? 'seconds' : dimension === 'bytes' ? 'bytes' : 'samples';
  const kind: ProfileKind = dimension === 'bytes' || tool === 'memray' ? 'memory' : 'cpu';
  // A loop, not Math.max(...durations): spreading ~125k profiles overflows the call stack (fuzz).
  let longest = -Infinity;
  for (const p of included) longest = Math.max(longest, (p.endValue - p.startValue) * (SECONDS_PER[p.unit] ?? NaN));
  // endValue - startValue of two huge finite values can overflow: no duration rather than Infinity.
  const durationSec = dimension === 'time' && Number.isFinite(longest) ? longest : undefined;
  const meta: ProfileMeta = {
    tool,
    kind,
    unit,
    ...(pySpyRate !== undefined && { sampleRate: pySpyRate }),
    ...(durationSec !== undefined && { durationSec }),
    // memray puts the profiled command line in the document's name (memray transform speedscope).
    ...(tool === 'memray' && file.name !== undefined && { commandLine: file.name }),
    details: details(file, included, skipped),
  };
  return builder.build(meta);
}

type Dimension = 'time' | 'bytes' | 'count';

function unitDimension(unit: SpeedscopeUnit): Dimension {
  if (unit === 'bytes') return 'bytes';
  if (unit === 'none') return 'count';
  return 'time';
}

function toolOf(exporter: string | undefined): ProfileTool {
  if (exporter?.startsWith('py-spy@')) return 'py-spy';
  if (exporter?.startsWith('memray@')) return 'memray';
  return 'speedscope';
}

/**
 * The sampling rate when every sample of every sampled profile has the same weight in
 * seconds (py-spy's 1/rate), else undefined. Rounded: 1/0.01 is 99.99999999999999.
 */
function uniformRate(check: ShapeChecker, profiles: readonly SpeedscopeProfileHeader[]): number | undefined {
  let weight: number | undefined;
  for (const p of profiles) {
    if (p.type !== 'sampled') return undefined;
    const seconds = SECONDS_PER[p.unit] ?? 1;
    const weights = check.array(p.body.weights, `profiles[${p.index}].weights`);
    for (let i = 0; i < weights.length; i++) {
      const raw: unknown = weights[i];
      if (!isWeight(raw)) check.weight(raw, `profiles[${p.index}].weights[${i}]`);
      const w = (raw as number) * seconds;
      if (weight === undefined) weight = w;
      else if (Math.abs(w - weight) > weight * 1e-9) return undefined;
    }
  }
  if (weight === undefined || weight <= 0) return undefined;
  const rate = Math.round(1 / weight);
  return rate > 0 ? rate : undefined;
}

/** Builder ids for the shared frames, in file order. */
function internFrames(builder: ProfileBuilder, frames: readonly SpeedscopeFrame[]): number[] {
  return frames.map((f) => builder.internFrame(toFrame(f)));
}

function toFrame(f: SpeedscopeFrame): Frame {
  const pseudo = f.file === undefined ? pseudoFrameKind(f.name) : undefined;
  if (pseudo !== undefined) return { name: f.name, kind: pseudo };
  return { ...f, kind: codeFrameKind(f.file) };
}

function addSampledProfile(
  check: ShapeChecker,
  builder: ProfileBuilder,
  frameIds: readonly number[],
  p: SpeedscopeProfileHeader,
  scale: number,
  roundToSamples: boolean,
  adopt: boolean,
): void {
  const path = `profiles[${p.index}]`;
  const samples = check.array(p.body.samples, `${path}.samples`);
  const weights = check.array(p.body.weights, `${path}.weights`);
  if (samples.length !== weights.length) {
    check.fail(`${path} has ${samples.length} samples but ${weights.length} weights`);
  }
  // Error paths are built only on failure: formatting one per frame index would dominate.
  const count = frameIds.length;
  const stack: number[] = [];
  // readProfileFile's JSON reader makes equal samples one shared array (jsonStream.ts): such a
  // sample is the same stack, already checked and looked up, so only its weight is added.
  const known = new Map<readonly unknown[], number>();
  for (let i = 0; i < samples.length; i++) {
    const raw: unknown = samples[i];
    const sample = Array.isArray(raw) ? (raw as readonly unknown[]) : check.array(raw, `${path}.samples[${i}]`);
    const stackId = known.get(sample);
    if (stackId === undefined) {
      stack.length = 0;
      for (let j = 0; j < sample.length; j++) {
        const index: unknown = sample[j];
        if (!isFrameIndex(index, count)) check.frameIndex(index, count, `${path}.samples[${i}][${j}]`);
        stack.push(frameIds[index as number]);
      }
    }
    const weight: unknown = weights[i];
    if (!isWeight(weight)) check.weight(weight, `${path}.weights[${i}]`);
    const scaled = (weight as number) * scale;
    const w = roundToSamples ? Math.round(scaled) : scaled;
    if (stackId !== undefined) {
      builder.addWeight(stackId, w);
    } else {
      // Adopted arrays were all checked as frame indices just above (and hold no -0, which JSON allows).
      const id = adopt && !sample.some((x) => Object.is(x, -0)) ? builder.addStackArray(sample as number[], w) : builder.addStack(stack, w);
      if (id >= 0) known.set(sample, id);
    }
  }
}

function details(
  file: SpeedscopeDocument,
  included: readonly SpeedscopeProfileHeader[],
  skipped: readonly SpeedscopeProfileHeader[],
): Record<string, string | number> {
  const out: Record<string, string | number> = { profiles: included.length };
  if (file.exporter !== undefined) out.exporter = file.exporter;
  if (file.name !== undefined) out.name = file.name;
  if (skipped.length > 0) out.skippedProfiles = skipped.map((p) => `${p.name} (${p.unit})`).join(', ');
  return out;
}
