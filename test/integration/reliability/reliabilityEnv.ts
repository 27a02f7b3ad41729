/**
 * What the reliability tests share beyond test/integration/helpers: the cycle count, a
 * descriptor count of this process, and the state of a process from /proc.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Programs written for these tests. */
export const reliabilityPrograms = join(__dirname, 'programs');

/** A positive integer from the environment, else `fallback`. */
export function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The file descriptors this process has open, as `fd → what it points to` (pipe:[…], socket:[…], a path). */
export function openDescriptors(): Map<string, string> {
  const out = new Map<string, string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      out.set(fd, readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // the descriptor readdir used to list the folder, closed by now
    }
  }
  return out;
}

/** The one-letter state of a process (R, S, D, T, t, Z …), or undefined when it is gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/** CPU ticks (user + system) a process has used, from /proc/PID/stat. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
