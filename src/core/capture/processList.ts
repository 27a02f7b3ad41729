/**
 * Running Python processes for the "Attach to Process…" pick list: PID, command line, CPU %,
 * age and user, busiest first. Linux reads /proc; macOS and other POSIX systems parse `ps`.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseProcStatus } from './attachDiagnosis';
import { parseProcStat, type ProcStat } from './processTree';

/** One running Python process. */
export interface PythonProcess {
  readonly pid: number;
  /** Arguments joined by spaces, for display. */
  readonly commandLine: string;
  /** CPU use over the sampling window, % of one core (can pass 100 with threads), one decimal. */
  readonly cpuPercent: number;
  readonly ageSec: number;
  /** Owner's user name (uid as text when unknown); undefined where `ps` does not say. */
  readonly user?: string;
}

/** Linux USER_HZ. It is 100 on every mainstream architecture (`getconf CLK_TCK`); /proc times are in these ticks. */
export const CLOCK_TICKS_PER_SEC = 100;

/** True for `python`, `python3`, `python3.11`, `pythonw`, `Python` (macOS framework) and `*.exe` forms. */
export function isPythonExecutable(nameOrPath: string): boolean {
  const base = path.basename(nameOrPath.replace(/ \(deleted\)$/, '').replace(/\\/g, '/'));
  return /^python[0-9.]*w?(\.exe)?$/i.test(base);
}

/** True for a py-spy process (py-spy itself, or `python -m py_spy`), which we never offer. */
function isPySpy(argv: readonly string[]): boolean {
  return argv.slice(0, 3).some((a) => /^py[-_]spy(\.exe)?$/i.test(path.basename(a)));
}

/** Splits /proc/PID/cmdline (NUL-separated, NUL-terminated) into argv. */
export function parseProcCmdline(raw: string): string[] {
  const parts = raw.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** uid → user name from /etc/passwd text. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid !== undefined && /^\d+$/.test(uid)) users.set(Number(uid), name);
  }
  return users;
}

/** CPU % of one core between two stats of the same process `elapsedSec` apart. */
export function cpuPercentBetween(before: ProcStat, after: ProcStat, elapsedSec: number, ticksPerSec = CLOCK_TICKS_PER_SEC): number {
  if (elapsedSec <= 0) return 0;
  const ticks = after.utime + after.stime - (before.utime + before.stime);
  return Math.max(0, Math.round((ticks / ticksPerSec / elapsedSec) * 1000) / 10);
}

/** Seconds since the process started, from its stat and /proc/uptime's first number. */
export function processAgeSec(stat: ProcStat, uptimeSec: number, ticksPerSec = CLOCK_TICKS_PER_SEC): number {
  return Math.max(0, Math.round(uptimeSec - stat.starttime / ticksPerSec));
}

/** Parses `ps` elapsed time `[[dd-]hh:]mm:ss` into seconds. */
export function parseEtime(etime: string): number | undefined {
  const m = /^(?:(?:(\d+)-)?(\d+):)?(\d+):(\d+)$/.exec(etime.trim());
  if (!m) return undefined;
  const [, d = '0', h = '0', min, s] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60 + Number(s);
}

/** Parses `ps -axo pid=,pcpu=,etime=,command=` output into Python processes (command is the rest of the line). */
export function parsePsOutput(text: string, excludePids: ReadonlySet<number> = new Set()): PythonProcess[] {
  const found: PythonProcess[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+([\d.,]+)\s+(\S+)\s+(.*\S)\s*$/.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    const command = m[4];
    const argv = command.split(/\s+/);
    if (excludePids.has(pid) || !isPythonExecutable(argv[0]) || isPySpy(argv)) continue;
    found.push({ pid, commandLine: command, cpuPercent: Number(m[2].replace(',', '.')), ageSec: parseEtime(m[3]) ?? 0 });
  }
  return sortBusiestFirst(found);
}

function sortBusiestFirst(list: PythonProcess[]): PythonProcess[] {
  return list.sort((a, b) => b.cpuPercent - a.cpuPercent || a.ageSec - b.ageSec || a.pid - b.pid);
}

/** Reads a file, undefined on any error (processes vanish; other users' files are closed to us). */
async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface Candidate {
  readonly pid: number;
  readonly argv: string[];
  readonly stat: ProcStat;
  readonly uid?: number;
}

async function pythonCandidate(pid: number): Promise<Candidate | undefined> {
  const cmdline = await readOrUndefined(`/proc/${pid}/cmdline`);
  if (!cmdline) return undefined; // kernel threads have an empty cmdline
  const argv = parseProcCmdline(cmdline);
  // /proc/PID/exe is unreadable for other users' processes unless we are root: argv[0] decides then.
  const exe = await fs.readlink(`/proc/${pid}/exe`).catch(() => undefined);
  if (!(exe !== undefined && isPythonExecutable(exe)) && !isPythonExecutable(argv[0] ?? '')) return undefined;
  if (isPySpy(argv)) return undefined;
  const stat = parseProcStat((await readOrUndefined(`/proc/${pid}/stat`)) ?? '');
  if (!stat || stat.state === 'Z') return undefined;
  const uid = parseProcStatus((await readOrUndefined(`/proc/${pid}/status`)) ?? '').uids?.[0];
  return { pid, argv, stat, uid };
}

/**
 * Linux: CPU % is measured, not averaged over the process's life (a server idle for a day and
 * busy now should come first): utime+stime are read twice, `sampleMs` apart.
 */
async function listFromProc(excludePids: ReadonlySet<number>, sampleMs: number): Promise<PythonProcess[]> {
  const pids = (await fs.readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number).filter((p) => !excludePids.has(p));
  const candidates = (await Promise.all(pids.map(pythonCandidate))).filter((c): c is Candidate => c !== undefined);
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const after = await Promise.all(candidates.map(async (c) => parseProcStat((await readOrUndefined(`/proc/${c.pid}/stat`)) ?? '')));
  const elapsedSec = (performance.now() - t0) / 1000;
  const uptimeSec = Number(((await readOrUndefined('/proc/uptime')) ?? '0').split(/\s+/)[0]);
  const users = parsePasswd((await readOrUndefined('/etc/passwd')) ?? '');
  const list: PythonProcess[] = [];
  candidates.forEach((c, i) => {
    const later = after[i];
    if (!later || later.starttime !== c.stat.starttime) return; // exited (or PID reused) meanwhile
    list.push({
      pid: c.pid,
      commandLine: c.argv.join(' '),
      cpuPercent: cpuPercentBetween(c.stat, later, elapsedSec),
      ageSec: processAgeSec(later, uptimeSec),
      user: c.uid === undefined ? undefined : (users.get(c.uid) ?? String(c.uid)),
    });
  });
  return sortBusiestFirst(list);
}

function listFromPs(excludePids: ReadonlySet<number>): Promise<PythonProcess[]> {
  return new Promise((resolve, reject) => {
    execFile('ps', ['-axo', 'pid=,pcpu=,etime=,command='], { timeout: 10_000, windowsHide: true, maxBuffer: 16 << 20 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(parsePsOutput(stdout, excludePids));
    });
  });
}

/** Running Python processes, busiest first; excludes this process, py-spy and `excludePids`. */
export async function listPythonProcesses(options: { excludePids?: readonly number[]; sampleMs?: number } = {}): Promise<PythonProcess[]> {
  const exclude = new Set([process.pid, ...(options.excludePids ?? [])]);
  if (process.platform === 'linux') return listFromProc(exclude, options.sampleMs ?? 200);
  if (process.platform === 'win32') return []; // not offered on Windows yet: "Enter PID…" still works
  return listFromPs(exclude);
}
