/**
 * Finding memray: it is always run as `PYTHON -m memray` with the target's interpreter, so
 * "finding memray" means checking that this interpreter can import it, and finding the
 * interpreter a running process uses (for attach, where memray must be importable in the
 * target's own environment: memray attach imports memray inside the target).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ProfileFirstError, ToolMissingError } from '../errors';
import { formatCommandLine } from './pyspyArgs';
import { PROBE_TIMEOUT_MS, runProbe } from './toolDiscovery';

/** memray does not run on this platform (Windows: bloomberg/memray#26). */
export class MemrayUnsupportedPlatformError extends ProfileFirstError {
  constructor(readonly platform: NodeJS.Platform) {
    super('memray does not run on Windows (bloomberg/memray#26), so Profile First cannot profile memory here. Use WSL, or profile memory on Linux or macOS.');
  }
}

/** Throws MemrayUnsupportedPlatformError on Windows; memray supports Linux and macOS only. */
export function assertMemraySupported(platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') throw new MemrayUnsupportedPlatformError(platform);
}

/** An interpreter that can import memray. */
export interface MemrayLocation {
  /** Absolute interpreter path; run memray as `[python, '-m', 'memray', …]`. */
  readonly python: string;
  /** e.g. `1.20.0`. */
  readonly version: string;
}

/** The command that installs memray into `python` (shown on the error's button). */
export function memrayInstallCommand(python: string): string[] {
  return [python, '-m', 'pip', 'install', 'memray'];
}

/**
 * Checks that `python` (absolute, from resolvePython) can import memray, with a timeout:
 * a cold `import memray` takes about 0.2 s; a hung interpreter must not hang a command.
 */
export async function findMemray(python: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = PROBE_TIMEOUT_MS): Promise<MemrayLocation> {
  assertMemraySupported();
  let out: string;
  try {
    out = await runProbe(python, ['-c', 'import memray; print(memray.__version__)'], env, timeoutMs);
  } catch (err) {
    const install = memrayInstallCommand(python);
    const detail = probeFailure(err);
    throw new ToolMissingError('memray', `memray is not installed for ${python}${detail}. Install it into this interpreter: ${formatCommandLine(install)}`, install);
  }
  const version = out.trim().split(/\r?\n/).pop() ?? '';
  return { python, version };
}

function probeFailure(err: unknown): string {
  const e = err as { killed?: boolean; stderr?: unknown; message?: string };
  if (e.killed) return ' (the check `import memray` did not finish in time)';
  const text = typeof e.stderr === 'string' ? e.stderr : (e.message ?? '');
  const last = text.split(/\r?\n/).filter((l) => l.trim() !== '').pop();
  return last ? ` (${last.trim().slice(0, 160)})` : '';
}

/** What the interpreter of a running process is, and how we know. */
export interface ProcessInterpreter {
  readonly python: string;
  /** `argv0`: the path it was started with (keeps a venv); `virtualEnv`: $VIRTUAL_ENV/bin/python; `exe`: /proc/PID/exe (symlinks resolved, so a venv's base interpreter). */
  readonly source: 'argv0' | 'virtualEnv' | 'exe';
}

/**
 * The interpreter a running process uses (Linux: /proc). The started path comes first because
 * /proc/PID/exe resolves symlinks: a venv's `bin/python` would become the base interpreter,
 * which lacks the venv's packages (memray among them). Undefined when /proc cannot tell.
 */
export async function interpreterOfProcess(pid: number, procRoot = '/proc'): Promise<ProcessInterpreter | undefined> {
  const read = (name: string): Promise<string | undefined> => fs.readFile(`${procRoot}/${pid}/${name}`, 'utf8').catch(() => undefined);
  const argv0 = (await read('cmdline'))?.split('\0')[0];
  if (argv0 && path.isAbsolute(argv0) && /python[\d.]*$/i.test(path.basename(argv0)) && (await isExecutable(argv0))) return { python: argv0, source: 'argv0' };
  const venv = (await read('environ'))?.split('\0').find((e) => e.startsWith('VIRTUAL_ENV='))?.slice('VIRTUAL_ENV='.length);
  if (venv && path.isAbsolute(venv)) {
    const candidate = path.join(venv, 'bin', 'python');
    if (await isExecutable(candidate)) return { python: candidate, source: 'virtualEnv' };
  }
  const exe = await fs.readlink(`${procRoot}/${pid}/exe`).catch(() => undefined);
  if (exe) return { python: exe.replace(/ \(deleted\)$/, ''), source: 'exe' };
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, 1 /* X_OK */);
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
