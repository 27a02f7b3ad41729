/**
 * Runs the baseline and the candidate alternately — K warm-up pairs, then N measured pairs,
 * A B A B … — so that slow drifts of the machine (other load, thermal throttling, cache state)
 * fall on both sides alike instead of on whichever side ran second.
 */
import { RunFailedError } from '../errors';
import { VerifyCancelledError } from './errors';
import type { RunMeasurement, Side, VerifySamples } from './measurement';
import type { MeasureRun, RunOutcome } from './measureRun';
import { quoteCommandLine } from './shellWords';

/** Default measured runs per side (issue 7). */
export const DEFAULT_RUNS = 10;
/** Default discarded warm-up runs per side: the first run pays for cold caches and .pyc files. */
export const DEFAULT_WARMUP = 1;

/** Where the runner is in the sequence, for a status bar (`run 7/20`). */
export interface VerifyProgress {
  readonly phase: 'warmup' | 'measure';
  readonly side: Side;
  /** 1-based number of the run now starting, counting both sides, within its phase. */
  readonly run: number;
  /** Runs in this phase, both sides: 2·K or 2·N. */
  readonly of: number;
}

/** "warm-up 1/2", "run 7/20". */
export function formatProgress(p: VerifyProgress): string {
  return `${p.phase === 'warmup' ? 'warm-up' : 'run'} ${p.run}/${p.of}`;
}

/** What to run and how. */
export interface RunnerOptions {
  /** Argument vectors, program resolved to an absolute path. */
  readonly baseline: readonly string[];
  readonly candidate: readonly string[];
  readonly runs?: number;
  readonly warmup?: number;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly measure: MeasureRun;
  readonly onProgress?: (progress: VerifyProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * Runs both commands alternately and returns the measured runs. A run that exits non-zero or is
 * killed fails the verification with its stderr (RunFailedError); an abort stops the running
 * command and throws VerifyCancelledError.
 */
export async function runAlternating(options: RunnerOptions): Promise<VerifySamples> {
  const runs = options.runs ?? DEFAULT_RUNS;
  const warmup = options.warmup ?? DEFAULT_WARMUP;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a whole number ≥ 1, not ${runs}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new RangeError(`warmup must be a whole number ≥ 0, not ${warmup}`);
  const measured: Record<Side, RunMeasurement[]> = { baseline: [], candidate: [] };
  let energyUnavailable: string | undefined;
  for (const [phase, pairs] of [['warmup', warmup], ['measure', runs]] as const) {
    for (let pair = 1; pair <= pairs; pair++) {
      for (const side of ['baseline', 'candidate'] as const) {
        if (options.signal?.aborted) throw new VerifyCancelledError();
        options.onProgress?.({ phase, side, run: 2 * (pair - 1) + (side === 'baseline' ? 1 : 2), of: 2 * pairs });
        const argv = options[side];
        const outcome = await options.measure(argv, { cwd: options.cwd, env: options.env, signal: options.signal });
        if (outcome.exitCode !== 0) throw runFailed(side, phase, pair, argv, outcome);
        if (phase === 'measure') measured[side].push(outcome.measurement);
        energyUnavailable ??= outcome.energyUnavailable;
      }
    }
  }
  return {
    runs,
    warmup,
    baseline: { argv: [...options.baseline], runs: measured.baseline },
    candidate: { argv: [...options.candidate], runs: measured.candidate },
    ...(energyUnavailable === undefined ? {} : { energyUnavailable }),
  };
}

function runFailed(side: Side, phase: 'warmup' | 'measure', pair: number, argv: readonly string[], outcome: RunOutcome): RunFailedError {
  const how = outcome.exitCode === null ? `was killed by signal ${outcome.signal ?? '?'}` : `exited with status ${outcome.exitCode}`;
  const which = phase === 'warmup' ? `warm-up run ${pair}` : `run ${pair}`;
  return new RunFailedError(`The ${side} command ${how} on ${which}: ${quoteCommandLine(argv)}`, outcome.stderrTail);
}
