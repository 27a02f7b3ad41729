/**
 * The child-process life cycle every recording shares (py-spy, `memray run`, `memray attach`):
 * spawn in its own process group, stream the output as lines, stop gracefully (SIGINT, then
 * SIGTERM to the group, then kill), kill the whole tree (descendants tracked while it runs, and
 * double-forked daemons found by their environment mark), and wait for the exit. What a tool
 * does with the files it writes, and which errors its exits mean, stays in its own module.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { killProcessTree, newRecordingMark, processesWithEnvironment, RECORDING_ENV, signalQuietly, snapshotDescendants, type ProcessIdentity } from './processTree';
import { StreamLines } from './streamLines';

/** How the child ended: its status, or why it could not be started. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError?: NodeJS.ErrnoException;
  /** `Date.now()` when the exit was seen. */
  readonly at: number;
}

/** Where a recording's child is in its life cycle: `finished` once the recording has dealt with its files. */
export type RecordingProcessState = 'running' | 'stopping' | 'cancelling' | 'finished';

/** What to run and how closely to watch it. */
export interface RecordingProcessSpec {
  /** Absolute path of the executable. */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** The child's whole environment (the caller adds PYTHONUNBUFFERED and the like). */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Put a fresh RECORDING_ENV mark in the environment, so killAll() also finds descendants that
   * left the tree and the group (a double-forked daemon). Only for a program we launch: an
   * attached target's children do not inherit our environment.
   */
  readonly markEnvironment?: boolean;
  /**
   * Look up descendants every TRACK_INTERVAL_MS (Linux) and kill the group when this process
   * exits (default true). Off for `memray attach`: its gdb must never be killed mid-injection
   * (see memrayAttach.ts), only on its own timeout.
   */
  readonly supervise?: boolean;
  /** Each line the child (or its descendants) prints. */
  readonly onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Synchronous clean-up to run with the last-resort kill when this process exits (e.g. remove a temporary file). */
  readonly onHostExit?: () => void;
}

/** Descendants are looked up this often (Linux) so a re-parented grandchild is still known at cleanup. */
const TRACK_INTERVAL_MS = 500;
/** After cleanup the pipes close at once; a bound in case a process outside our tree holds one. */
const PIPE_DRAIN_TIMEOUT_MS = 2000;
/** After SIGINT to a launched program: time for it to end (and py-spy to write) before py-spy itself is told to stop. */
export const PROGRAM_STOP_MS = 2000;
/** Between SIGTERM to the group and killing the tree: time to exit on its own after SIGTERM. */
const TERM_TO_KILL_MS = 1000;

/**
 * The one child process of `pid` right now (Linux: /proc/PID/task/PID/children, read at the
 * moment of use, so never a PID that has since been reused), or undefined when there is none,
 * more than one, or no way to tell.
 */
function onlyChild(pid: number): number | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    return undefined;
  }
  const pids = text.trim().split(/\s+/).filter((s) => s !== '');
  return pids.length === 1 && /^\d+$/.test(pids[0]) ? Number(pids[0]) : undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** One recording's child process and everything it starts. */
export class RecordingProcess {
  /** Resolves when the child exited (or could not be started); never rejects. */
  readonly exited: Promise<ProcessExit>;
  /** Resolves when the child's pipes are closed (after its exit, and after any descendant holding them). */
  readonly closed: Promise<void>;
  /** The child's output, kept (the last MiB of each stream) for error messages. */
  readonly output: StreamLines;

  private readonly child: ChildProcess;
  private readonly mark: { readonly value: string; readonly entry: string } | undefined;
  private readonly known = new Map<number, ProcessIdentity>();
  private readonly timers: NodeJS.Timeout[] = [];
  private currentState: RecordingProcessState = 'running';
  private firstDescendant: number | undefined;
  private tracking = false;
  private readonly exitHook = (): void => {
    // Last resort when this process exits with the recording still running (no async work possible).
    if (this.child.pid !== undefined && process.platform !== 'win32') signalQuietly(-this.child.pid, 'SIGKILL');
    this.spec.onHostExit?.();
  };

  /** Spawns the child; throws only what spawn() throws synchronously (a failure to start arrives in `exited`). */
  constructor(private readonly spec: RecordingProcessSpec) {
    this.mark = spec.markEnvironment === true ? newRecordingMark() : undefined;
    this.child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...spec.env, ...(this.mark !== undefined && { [RECORDING_ENV]: this.mark.value }) },
      shell: false,
      windowsHide: true,
      // Own process group (POSIX): the terminal's Ctrl-C does not reach the child and the
      // program directly (we send SIGINT ourselves, once), and the group can be killed as one.
      detached: process.platform !== 'win32',
      // No stdin: a background process group reading the terminal would be stopped (SIGTTIN).
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // 'exit', not 'close': a grandchild that inherited our pipes would hold 'close' back until
    // it dies, and it only dies when we clean up after the child's exit.
    this.exited = new Promise<ProcessExit>((resolve) => {
      this.child.once('error', (err: NodeJS.ErrnoException) => resolve({ code: null, signal: null, spawnError: err, at: Date.now() }));
      this.child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
    });
    this.closed = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    this.output = new StreamLines(this.child, spec.onOutput);
    if (this.child.pid !== undefined && spec.supervise !== false) {
      process.once('exit', this.exitHook);
      // Only where a PID comes with a start time (/proc): elsewhere a remembered PID could be
      // reused by an unrelated process before cleanup, so we rely on the group and a live walk.
      if (process.platform === 'linux') {
        this.every(TRACK_INTERVAL_MS, () => void this.trackDescendants());
        void this.trackDescendants();
      }
    }
  }

  /** The child's PID (undefined if it could not be started). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Where the life cycle is (`stopping` / `cancelling` tell the recording what the exit means). */
  get state(): RecordingProcessState {
    return this.currentState;
  }

  /** The child's first descendant seen (breadth first: the program py-spy launched), once known. */
  get firstDescendantPid(): number | undefined {
    return this.firstDescendant;
  }

  /** Runs `action` after `ms` unless the child has exited by then (the timer never keeps Node alive). */
  after(ms: number, action: () => void): void {
    const timer = setTimeout(action, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /**
   * Asks the child to finish, once: SIGINT to its own PID (py-spy then writes its profile;
   * `memray run`'s program unwinds through memray's Tracker), then after `graceMs` SIGTERM to
   * the group and a second later the whole tree is killed. On Windows signals do not reach a
   * console child, so stopping is killing.
   *
   * With `programFirst` (py-spy running a program it launched), SIGINT goes first to that
   * program, py-spy's child, as Ctrl+C would: it unwinds, runs its `finally` blocks and atexit
   * handlers (the await timer writes its last numbers there), py-spy sees it exit and writes
   * the profile. py-spy told to stop itself would SIGKILL the program instead. A program that
   * is still running PROGRAM_STOP_MS later (it caught the KeyboardInterrupt) is stopped as above.
   */
  stop(graceMs: number, options: { readonly programFirst?: boolean } = {}): void {
    if (this.currentState !== 'running') return;
    this.currentState = 'stopping';
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (process.platform === 'win32') {
      void killProcessTree([{ pid }]);
      return;
    }
    const program = options.programFirst === true ? onlyChild(pid) : undefined;
    const interruptChild = (): void => {
      signalQuietly(pid, 'SIGINT');
      this.after(graceMs, () => {
        signalQuietly(-pid, 'SIGTERM');
        this.after(TERM_TO_KILL_MS, () => void this.killAll());
      });
    };
    if (program === undefined) {
      interruptChild();
      return;
    }
    signalQuietly(program, 'SIGINT');
    this.after(PROGRAM_STOP_MS, interruptChild);
  }

  /** Kills the whole recording now (nothing is to be kept); resolves once every process is gone. */
  async cancel(): Promise<void> {
    if (this.currentState === 'finished' || this.currentState === 'cancelling') return;
    this.currentState = 'cancelling';
    await this.killAll();
  }

  /** Called by the recording once its files are dealt with: stop() and cancel() have nothing left to do. */
  markFinished(): void {
    this.currentState = 'finished';
  }

  /** Kills the child, its process group, every descendant seen and every marked process. Resolves once they are gone. */
  async killAll(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    // The child's own PID is safe to use only while Node has not reaped it (no reuse possible).
    const roots: ProcessIdentity[] = this.reaped() ? [] : [{ pid }];
    // A double-forked daemon left the tree and the group; it still carries the recording's mark.
    const marked = this.mark === undefined ? [] : await processesWithEnvironment(this.mark.entry).catch(() => []);
    await killProcessTree([...roots, ...this.known.values(), ...marked], pid);
  }

  /**
   * Waits for the child's exit, then leaves nothing behind: timers off, every remaining process
   * of the recording killed (which also closes the pipes they inherited), and the last output
   * lines read. A child that could not be started is returned at once.
   */
  async settle(): Promise<ProcessExit> {
    const exit = await this.exited;
    this.disarm();
    if (exit.spawnError) return exit;
    await this.killAll();
    await Promise.race([this.closed, delay(PIPE_DRAIN_TIMEOUT_MS)]);
    return exit;
  }

  /** Waits for the child's exit and all its output, without killing anything (a short helper command run to its end). */
  async ended(): Promise<ProcessExit> {
    const exit = await this.exited;
    if (!exit.spawnError) await this.closed;
    this.disarm();
    return exit;
  }

  private reaped(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private every(ms: number, action: () => void): void {
    const timer = setInterval(action, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private disarm(): void {
    for (const t of this.timers) clearTimeout(t);
    process.removeListener('exit', this.exitHook);
  }

  private async trackDescendants(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.tracking || this.reaped()) return;
    this.tracking = true;
    try {
      const found = await snapshotDescendants([pid]);
      if (this.firstDescendant === undefined && found.length > 0) this.firstDescendant = found[0].pid;
      for (const p of found) if (!this.known.has(p.pid)) this.known.set(p.pid, p);
    } catch {
      // A failed look-up only means less to clean up by PID; the group kill still applies.
    } finally {
      this.tracking = false;
    }
  }
}
