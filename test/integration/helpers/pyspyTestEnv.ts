/**
 * What the integration tests need from the machine: the real py-spy (from the project's .venv,
 * made by `npm run setup`), the real interpreter, and /proc checks for leftover processes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findPySpy, resolvePython } from '../../../src/core/capture/toolDiscovery';

/** The repository root. */
export const repoRoot = resolve(__dirname, '..', '..', '..');
export const cpuHot = join(repoRoot, 'examples', 'cpu_hot.py');
/** The line of cpu_hot.py marked `# HOT`. */
export const CPU_HOT_LINE = 13;
export const programsDir = join(repoRoot, 'test', 'integration', 'programs');

/** py-spy's absolute path, or an error telling how to get it (tests fail, they do not skip). */
export async function requirePySpy(): Promise<string> {
  const venvPython = join(repoRoot, '.venv', process.platform === 'win32' ? 'Scripts' : 'bin', 'python');
  try {
    const found = await findPySpy({ env: process.env, cwd: repoRoot, python: existsSync(venvPython) ? venvPython : undefined });
    return found.path;
  } catch (err) {
    throw new Error(`These tests run the real py-spy, which was not found (${(err as Error).message}). Run \`npm run setup\`: it creates .venv with py-spy from python/requirements-dev.txt.`);
  }
}

/** The real interpreter behind `python3` (sys.executable, so a pyenv shim is not what py-spy starts). */
export async function requirePython(): Promise<string> {
  const command = await resolvePython('python3', { env: process.env, cwd: repoRoot });
  return execFileSync(command, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}

/** True when `pid` exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /s.test(stat);
  } catch {
    return false;
  }
}

/** Live processes whose command line contains `marker`. */
export function processesWithMarker(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker) && isAlive(Number(name))) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** A marker unique to one test, passed as a program argument so survivors can be found. */
export function uniqueMarker(label: string): string {
  return `pf-${label}-${process.pid}-${Date.now()}`;
}

interface Speedscope {
  shared: { frames: { name: string; file?: string; line?: number | null }[] };
  profiles: { samples: number[][] }[];
}

/** Share of samples whose innermost frame is `file`:`line`, computed straight from the speedscope JSON. */
export function lineShare(speedscopeFile: string, fileSuffix: string, line: number): { share: number; samples: number } {
  const doc = JSON.parse(readFileSync(speedscopeFile, 'utf8')) as Speedscope;
  let total = 0;
  let hits = 0;
  for (const profile of doc.profiles) {
    for (const stack of profile.samples) {
      if (stack.length === 0) continue;
      total++;
      const leaf = doc.shared.frames[stack[stack.length - 1]];
      if (leaf.file?.endsWith(fileSuffix) && leaf.line === line) hits++;
    }
  }
  return { share: total === 0 ? 0 : hits / total, samples: total };
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` is true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}
