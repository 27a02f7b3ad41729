import { randomBytes } from 'node:crypto';
/**
 * Process trees: finding every descendant of a process and killing them all. py-spy starts the
 * profiled program as its child, and with --subprocesses the program's own children are
 * grandchildren; some may leave our process group (setsid), so on Linux we also walk /proc.
 * A PID is identified together with its start time, so a reused PID is never signalled.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';

/** The fields of /proc/PID/stat we use (see proc(5)). */
export interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  readonly state: string;
  readonly ppid: number;
  readonly pgrp: number;
  /** CPU time in clock ticks (user, system). */
  readonly utime: number;
  readonly stime: number;
  /** Start time in clock ticks after boot: with pid, identifies a process uniquely. */
  readonly starttime: number;
}

/** Parses /proc/PID/stat. `comm` may hold spaces and parentheses, so split after the last ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 1).trim().split(/\s+/);
  // rest[0] is field 3 (state), so field N is rest[N - 3].
  const field = (n: number): number => Number(rest[n - 3]);
  const stat = {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '',
    ppid: field(4),
    pgrp: field(5),
    utime: field(14),
    stime: field(15),
    starttime: field(22),
  };
  return Number.isInteger(pid) && Number.isFinite(stat.starttime) && Number.isFinite(stat.ppid) ? stat : undefined;
}

/** Reads one process's stat; undefined when it is gone. */
export async function readProcStat(pid: number, procRoot = '/proc'): Promise<ProcStat | undefined> {
  try {
    return parseProcStat(await fs.readFile(`${procRoot}/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every process visible in /proc (Linux). */
export async function listProcStats(procRoot = '/proc'): Promise<ProcStat[]> {
  const names = await fs.readdir(procRoot);
  const stats = await Promise.all(names.filter((n) => /^\d+$/.test(n)).map((n) => readProcStat(Number(n), procRoot)));
  return stats.filter((s): s is ProcStat => s !== undefined);
}

/** A process as (pid, start time), so the same number given to a new process is not confused with it. */
export interface ProcessIdentity {
  readonly pid: number;
  /** /proc start time; undefined where it is not known (non-Linux), then only the pid is used. */
  readonly starttime?: number;
}

/** The descendants of `rootPid` in a process table, breadth first (the root is not included). */
export function descendantsOf(rootPid: number, table: readonly { pid: number; ppid: number }[]): number[] {
  const children = new Map<number, number[]>();
  for (const p of table) {
    const list = children.get(p.ppid);
    if (list) list.push(p.pid);
    else children.set(p.ppid, [p.pid]);
  }
  const found: number[] = [];
  const queue = [rootPid];
  const seen = new Set<number>(queue);
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const child of children.get(pid) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** pid → ppid for every process, from /proc on Linux, else from `ps`. */
async function processTable(): Promise<{ pid: number; ppid: number; starttime?: number }[]> {
  if (process.platform === 'linux') return listProcStats();
  const out = await new Promise<string>((resolve) => {
    execFile('ps', ['-axo', 'pid=,ppid='], { timeout: 5000, windowsHide: true }, (_err, stdout) => resolve(stdout ?? ''));
  });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([pid, ppid]) => Number.isInteger(pid) && Number.isInteger(ppid))
    .map(([pid, ppid]) => ({ pid, ppid }));
}

/** The live descendants of each of `rootPids` (one process-table read), with start times where known. */
export async function snapshotDescendants(rootPids: readonly number[]): Promise<ProcessIdentity[]> {
  const table = await processTable();
  const byPid = new Map(table.map((p) => [p.pid, p]));
  const found = new Set<number>();
  for (const root of rootPids) for (const pid of descendantsOf(root, table)) found.add(pid);
  return [...found].map((pid) => ({ pid, starttime: byPid.get(pid)?.starttime }));
}

/**
 * Live processes (Linux) whose environment holds `entry` (`NAME=value`), read from
 * /proc/PID/environ; elsewhere none. A recording puts a random value in the environment of the
 * program it launches, which every descendant inherits: that finds a double-forked daemon too,
 * re-parented to init and in its own session, which neither a descendant walk nor the process
 * group reaches (Jenkins' ProcessTreeKiller finds build processes by the same trick). Processes
 * of other users are unreadable and skipped; they cannot be ours.
 */
/**
 * Set to a random value in a launched program's environment: every descendant inherits it, so
 * cleanup finds even a double-forked daemon that left the process tree and group.
 */
export const RECORDING_ENV = 'PROFILE_FIRST_RECORDING';

/** A fresh `RECORDING_ENV` value for one recording: the variable to set and the `NAME=value` entry to look for. */
export function newRecordingMark(): { readonly value: string; readonly entry: string } {
  const value = randomBytes(16).toString('hex');
  return { value, entry: `${RECORDING_ENV}=${value}` };
}

export async function processesWithEnvironment(entry: string, procRoot = '/proc'): Promise<ProcessIdentity[]> {
  if (process.platform !== 'linux') return [];
  // environ is NUL-separated; the trailing NUL stops `X=1` from matching `X=12`.
  const needle = Buffer.from(`${entry}\0`);
  const names = (await fs.readdir(procRoot)).filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid);
  const found: ProcessIdentity[] = [];
  await Promise.all(
    names.map(async (name) => {
      try {
        if (!(await fs.readFile(`${procRoot}/${name}/environ`)).includes(needle)) return;
      } catch {
        return; // gone, or not ours to read
      }
      const stat = await readProcStat(Number(name), procRoot);
      if (stat !== undefined && stat.state !== 'Z' && stat.state !== 'X') found.push({ pid: stat.pid, starttime: stat.starttime });
    }),
  );
  return found;
}

/** True when the process still exists and is the same one (same start time), zombies excluded. */
export async function isSameProcessAlive(proc: ProcessIdentity): Promise<boolean> {
  if (process.platform === 'linux') {
    const stat = await readProcStat(proc.pid);
    if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
    return proc.starttime === undefined || stat.starttime === proc.starttime;
  }
  try {
    process.kill(proc.pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but is not ours.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sends a signal, ignoring "no such process" (it may have exited in between). */
export function signalQuietly(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Kills a Windows tree with taskkill /T /F: signals do not reach console children there. */
function taskkillTree(pid: number): Promise<void> {
  return new Promise((resolve) => {
    execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { timeout: 10_000, windowsHide: true }, () => resolve());
  });
}

/** True when some process still belongs to process group `groupId` (Linux; elsewhere assumed). */
async function groupHasMembers(groupId: number): Promise<boolean> {
  if (process.platform !== 'linux') return true;
  return (await listProcStats()).some((p) => p.pgrp === groupId && p.state !== 'Z');
}

/**
 * Kills whole trees without a survivor: each root that is still the same process, every
 * descendant, and the process group `groupId`. A root whose start time is unknown must be one
 * the caller knows is not reaped yet (so its PID cannot have been reused). The group is only
 * signalled while it has members: a group id cannot be reused while its group exists.
 * On Linux the trees are frozen with SIGSTOP and walked again until no new process appears, so
 * nothing forking meanwhile slips through; then everything gets SIGKILL.
 */
export async function killProcessTree(roots: readonly ProcessIdentity[], groupId?: number): Promise<void> {
  if (process.platform === 'win32') {
    for (const root of roots) await taskkillTree(root.pid);
    return;
  }
  const targets = new Map<number, ProcessIdentity>();
  const addIfAlive = async (p: ProcessIdentity): Promise<void> => {
    if (!targets.has(p.pid) && (await isSameProcessAlive(p))) targets.set(p.pid, p);
  };
  for (const root of roots) await addIfAlive(root);
  const group = groupId !== undefined && (await groupHasMembers(groupId)) ? groupId : undefined;
  for (let round = 0; round < 10; round++) {
    if (group !== undefined) signalQuietly(-group, 'SIGSTOP');
    for (const pid of targets.keys()) signalQuietly(pid, 'SIGSTOP');
    const before = targets.size;
    for (const d of await snapshotDescendants([...targets.keys()])) await addIfAlive(d);
    if (targets.size === before) break;
  }
  if (group !== undefined) signalQuietly(-group, 'SIGKILL');
  for (const p of targets.values()) {
    if (await isSameProcessAlive(p)) signalQuietly(p.pid, 'SIGKILL');
  }
}
