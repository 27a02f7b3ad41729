/**
 * The whole verification from command lines to verdict: split and resolve both commands, run
 * them alternately through the measuring helper, compare. The CLI and the extension call this.
 */
import { ToolMissingError } from '../errors';
import { CommandLineError } from './errors';
import type { VerifySamples } from './measurement';
import { helperMeasureRun, type MeasureRun } from './measureRun';
import { resolveProgram } from './resolveProgram';
import { compareSamples, type VerifyResult, type VerifyStatsOptions } from './result';
import { runAlternating, type VerifyProgress } from './runner';
import { splitCommandLine } from './shellWords';

/** Inputs of a verification. */
export interface VerifyChangeOptions {
  /** Command lines (POSIX quoting, no shell), e.g. `python3 bench.py --n 1000`. */
  readonly baseline: string;
  readonly candidate: string;
  readonly runs?: number;
  readonly warmup?: number;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Interpreter that runs python/measure_run.py (default: python3 on the PATH of env). */
  readonly python?: string;
  readonly onProgress?: (progress: VerifyProgress) => void;
  readonly signal?: AbortSignal;
  readonly stats?: VerifyStatsOptions;
  /** Replaces the helper, for tests. */
  readonly measure?: MeasureRun;
}

/** Runs a verification and returns its result and the raw runs (for the run history). */
export async function verifyChange(options: VerifyChangeOptions): Promise<{ result: VerifyResult; samples: VerifySamples }> {
  const argv = (line: string) => {
    const [program, ...args] = splitCommandLine(line);
    try {
      return [resolveProgram(program, options.cwd, options.env), ...args];
    } catch (err) {
      // A program that is not there is a mistake in the command line, not a failed run.
      if (err instanceof ToolMissingError) throw new CommandLineError(line, 1, err.message.replace(/\.$/, ''));
      throw err;
    }
  };
  const baseline = argv(options.baseline);
  const candidate = argv(options.candidate);
  const measure = options.measure ?? helperMeasureRun(resolveProgram(options.python ?? 'python3', options.cwd, options.env));
  const samples = await runAlternating({
    baseline,
    candidate,
    runs: options.runs,
    warmup: options.warmup,
    cwd: options.cwd,
    env: options.env,
    measure,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return { result: compareSamples(samples, options.stats), samples };
}
