import { aggregateLinesAndFunctions, type FunctionStat, type LineStat } from './aggregate';
import { profileTotal, type Profile, type ProfileKind, type ProfileTool, type WeightUnit } from './profile';

/** The object `profile-first report --json` prints (shared/DESIGN.md, "CLI contract"). */
export interface ProfileReport {
  readonly tool: ProfileTool;
  readonly kind: ProfileKind;
  readonly unit: WeightUnit;
  readonly total: number;
  /** Samples per second, null when the recording did not say. */
  readonly sampleRate: number | null;
  /** Seconds recorded, null when unknown. */
  readonly durationSec: number | null;
  readonly lines: LineStat[];
  readonly functions: FunctionStat[];
}

/** Options for `buildReport`. */
export interface ReportOptions {
  /** At most this many lines and this many functions (the hottest); all when absent. */
  readonly top?: number;
}

/** Builds the `report --json` object for a profile, keys in the contract's order. */
export function buildReport(profile: Profile, opts: ReportOptions = {}): ProfileReport {
  const top = opts.top === undefined ? Infinity : Math.max(0, Math.floor(opts.top));
  const { meta } = profile;
  // Sums of float seconds pick up binary noise (0.01 * 82 = 0.8200000000000005); twelve
  // significant digits is far below any timer's resolution and prints cleanly.
  const tidy = meta.unit === 'seconds' ? tidySeconds : (x: number) => x;
  const { lines, functions } = aggregateLinesAndFunctions(profile);
  return {
    tool: meta.tool,
    kind: meta.kind,
    unit: meta.unit,
    total: tidy(profileTotal(profile)),
    sampleRate: meta.sampleRate ?? null,
    durationSec: meta.durationSec === undefined ? null : tidySeconds(meta.durationSec),
    lines: lines
      .slice(0, top)
      .map((l) => ({ file: l.file, line: l.line, self: tidy(l.self), total: tidy(l.total) })),
    functions: functions
      .slice(0, top)
      .map((f) => ({ name: f.name, file: f.file, line: f.line, self: tidy(f.self), total: tidy(f.total) })),
  };
}

function tidySeconds(x: number): number {
  return Number(x.toPrecision(12));
}
