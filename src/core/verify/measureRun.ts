/**
 * Measures one run of a command through python/measure_run.py, which spawns it, waits for it
 * with os.wait4 (CPU time of the whole waited-for process tree, peak RSS) and reads RAPL.
 * Cancelling kills the helper's whole process group, so the measured program and its children
 * stop too.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RunFailedError, ToolMissingError } from '../errors';
import { VerifyCancelledError } from './errors';
import type { RunMeasurement } from './measurement';

/** What one run did: its exit, the end of its stderr, and what it cost. */
export interface RunOutcome {
  /** Exit status, or null when a signal ended it. */
  readonly exitCode: number | null;
  /** Number of the signal that ended it, or null. */
  readonly signal: number | null;
  /** The last bytes of its stderr (only kept when it failed). */
  readonly stderrTail: string;
  readonly measurement: RunMeasurement;
  /** Why energy was not measured, when it was not. */
  readonly energyUnavailable?: string;
}

/** Where and how to run a command. */
export interface MeasureContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
}

/** Runs one command (an argument vector, program already resolved) and measures it. */
export type MeasureRun = (argv: readonly string[], context: MeasureContext) => Promise<RunOutcome>;

/** Grace period between SIGTERM and SIGKILL when a run is cancelled. */
const KILL_GRACE_MS = 2000;

/** Finds python/measure_run.py next to the sources (tsx) or the bundle (dist/). */
export function findMeasureHelper(from = __dirname): string {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'python', 'measure_run.py');
    if (existsSync(candidate)) return candidate;
  }
  throw new ToolMissingError('measure_run.py', `python/measure_run.py was not found above ${from}; the installation is incomplete: reinstall Profile First.`);
}

/** A MeasureRun that uses the helper script with the given Python interpreter (absolute path). */
export function helperMeasureRun(python: string, helper = findMeasureHelper()): MeasureRun {
  return (argv, context) => runHelper(python, helper, argv, context);
}

/** The helper's JSON line (python/measure_run.py). */
interface HelperOutput {
  readonly error?: string;
  readonly exitCode: number | null;
  readonly signal: number | null;
  readonly wallSec: number;
  readonly userSec: number;
  readonly sysSec: number;
  readonly peakRssBytes: number;
  readonly energyJ: number | null;
  readonly energyUnavailable: string | null;
  readonly stderrTail?: string;
}

function runHelper(python: string, helper: string, argv: readonly string[], context: MeasureContext): Promise<RunOutcome> {
  return new Promise<RunOutcome>((resolvePromise, reject) => {
    if (context.signal?.aborted) {
      reject(new VerifyCancelledError());
      return;
    }
    // Its own process group (POSIX), so a cancel reaches the measured program's children too.
    const child = spawn(python, [helper, '--', ...argv], {
      cwd: context.cwd,
      env: context.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8192)));
    let stopped: Promise<void> | undefined;
    const onAbort = () => {
      stopped = stopGroup(child.pid);
    };
    context.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => context.signal?.removeEventListener('abort', onAbort);
    child.on('error', (err) => {
      done();
      reject(new ToolMissingError('python', `cannot start ${python} to measure the runs: ${err.message}`));
    });
    child.on('close', (code) => {
      done();
      if (context.signal?.aborted) {
        // The helper is gone; wait until the rest of its group is too (or was SIGKILLed).
        void (stopped ?? stopGroup(child.pid)).then(() => reject(new VerifyCancelledError()));
        return;
      }
      let out: HelperOutput;
      try {
        out = JSON.parse(stdout.trim().split('\n').pop() ?? '') as HelperOutput;
      } catch {
        reject(new RunFailedError(`the measuring helper (${helper}) failed with status ${code}.`, stderr));
        return;
      }
      if (out.error !== undefined) {
        reject(new RunFailedError(`${out.error}.`, stderr));
        return;
      }
      if (![out.wallSec, out.userSec, out.sysSec, out.peakRssBytes].every((v) => typeof v === 'number' && Number.isFinite(v))) {
        reject(new RunFailedError(`the measuring helper (${helper}) printed an incomplete measurement: ${stdout.trim().slice(0, 200)}`, stderr));
        return;
      }
      resolvePromise(toOutcome(out));
    });
  });
}

function toOutcome(out: HelperOutput): RunOutcome {
  const measurement: RunMeasurement = {
    wallSec: out.wallSec,
    cpuSec: out.userSec + out.sysSec,
    peakRssBytes: out.peakRssBytes,
    ...(out.energyJ === null ? {} : { energyJ: out.energyJ }),
  };
  return {
    exitCode: out.exitCode,
    signal: out.signal,
    stderrTail: out.stderrTail ?? '',
    measurement,
    ...(out.energyUnavailable === null ? {} : { energyUnavailable: out.energyUnavailable }),
  };
}

/** SIGTERM to the group, then SIGKILL to whatever is left after KILL_GRACE_MS. */
async function stopGroup(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  for (let waited = 0; waited < KILL_GRACE_MS; waited += 50) {
    if (!signalGroup(pid, 0)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  signalGroup(pid, 'SIGKILL');
}

/** Sends a signal to the process group (POSIX) or the process (Windows); false when none is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
    return true;
  } catch {
    return false;
  }
}
