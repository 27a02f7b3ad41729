/**
 * Finding the programs we run: the Python interpreter and py-spy. Every result is an absolute
 * path, because on Windows a bare name is looked up in the current folder first (a checked-in
 * `py-spy.exe` would win) and we never want a workspace to choose what runs.
 */
import { execFile } from 'node:child_process';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ToolMissingError } from '../errors';
import { formatCommandLine } from './pyspyArgs';

/** Where to look things up: the environment (PATH) and the folder relative paths start from. */
export interface LookupContext {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Defaults to process.platform; tests pass another. */
  readonly platform?: NodeJS.Platform;
}

/** A py-spy binary we checked by running `py-spy --version`. */
export interface PySpyLocation {
  /** Absolute path. */
  readonly path: string;
  /** e.g. `0.4.3`. */
  readonly version: string;
  /** Which rule found it. */
  readonly source: 'interpreter' | 'path' | 'configured';
}

/** Probes (`--version`, `sysconfig`) are tiny; a hung one must not hang a command. */
export const PROBE_TIMEOUT_MS = 10_000;

/** Runs a short probe command with a timeout and returns its stdout; rejects on failure. */
export function runProbe(file: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = PROBE_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true, shell: false, maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

async function isExecutableFile(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return false;
    // Windows has no execute bit; existence is what the loader checks.
    if (platform !== 'win32') await fs.access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pathDelimiter(platform: NodeJS.Platform): string {
  return platform === 'win32' ? ';' : ':';
}

/** The names `name` may have on disk: on Windows each PATHEXT extension is tried. */
function candidateNames(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform !== 'win32' || path.win32.extname(name) !== '') return [name];
  const exts = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '');
  return exts.map((ext) => name + ext.toLowerCase());
}

/** Looks `name` up in `dir`; returns the absolute path of the first executable match. */
export async function findInDirectory(dir: string, name: string, ctx: LookupContext): Promise<string | undefined> {
  const platform = ctx.platform ?? process.platform;
  for (const candidate of candidateNames(name, ctx.env, platform)) {
    const file = path.resolve(dir, candidate);
    if (await isExecutableFile(file, platform)) return file;
  }
  return undefined;
}

/** Looks a bare name up on PATH. Empty and relative PATH entries are skipped: they mean "the current folder". */
export async function findOnPath(name: string, ctx: LookupContext): Promise<string | undefined> {
  const platform = ctx.platform ?? process.platform;
  const entries = (ctx.env.PATH ?? ctx.env.Path ?? '').split(pathDelimiter(platform));
  for (const dir of entries) {
    if (dir === '' || !path.isAbsolute(dir)) continue;
    const found = await findInDirectory(dir, name, ctx);
    if (found) return found;
  }
  return undefined;
}

function looksLikePath(command: string): boolean {
  return command.includes('/') || command.includes('\\');
}

/**
 * Resolves the interpreter (`python3`, `~/.venv/bin/python`, `C:\\Py\\python.exe`) to an
 * absolute path. Symlinks are kept, not followed: a venv's `bin/python` is a symlink, and
 * following it would lose the venv (its sys.prefix comes from the link's location).
 */
export async function resolvePython(command: string, ctx: LookupContext): Promise<string> {
  const platform = ctx.platform ?? process.platform;
  const trimmed = command.trim();
  if (trimmed === '') throw new ToolMissingError('python', 'No Python interpreter is set. Select an interpreter or set profileFirst.pythonPath.');
  if (looksLikePath(trimmed) || path.isAbsolute(trimmed)) {
    const file = path.resolve(ctx.cwd, trimmed);
    if (await isExecutableFile(file, platform)) return unshimmed(file, ctx.env);
    throw new ToolMissingError('python', `Python interpreter ${file} does not exist or is not executable. Select another interpreter or fix profileFirst.pythonPath.`);
  }
  const found = await findOnPath(trimmed, ctx);
  if (found) return unshimmed(found, ctx.env);
  throw new ToolMissingError('python', `Python interpreter "${trimmed}" was not found on PATH. Install Python, select an interpreter, or set profileFirst.pythonPath to its absolute path.`);
}

/**
 * A version manager's shim instead of an interpreter (pyenv, asdf: a `#!` script) is replaced by
 * the interpreter it runs, asked from itself: py-spy launching a shell script samples bash, not
 * Python, and fails with "Failed to find python version from target process" (seen with pyenv).
 * A real binary (or a venv's symlink to one) is kept as it is.
 */
async function unshimmed(file: string, env: NodeJS.ProcessEnv): Promise<string> {
  // Only version-manager shims (pyenv, asdf, mise keep them in a `shims` folder): another wrapper
  // script may add flags or environment on purpose, and is run as it is.
  if (!file.split(/[\\/]/).includes('shims') || !(await startsWithShebang(file))) return file;
  try {
    const out = await runProbe(file, ['-c', 'import sys; print(sys.executable)'], env);
    const real = out.trim().split(/\r?\n/).pop() ?? '';
    return path.isAbsolute(real) && (await isExecutableFile(real, process.platform)) ? real : file;
  } catch {
    return file;
  }
}

async function startsWithShebang(file: string): Promise<boolean> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(2);
      const { bytesRead } = await handle.read(buf, 0, 2, 0);
      return bytesRead === 2 && buf.toString('latin1') === '#!';
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/**
 * The interpreter's scripts folder (`bin/` or `Scripts\\`), asked from the interpreter itself
 * so pyenv shims and venvs answer with their real prefix. Undefined when the probe fails.
 */
export async function interpreterScriptsDir(python: string, env: NodeJS.ProcessEnv, timeoutMs = PROBE_TIMEOUT_MS): Promise<string | undefined> {
  try {
    const out = await runProbe(python, ['-c', "import sys, sysconfig; print(sysconfig.get_path('scripts'))"], env, timeoutMs);
    const dir = out.trim().split(/\r?\n/).pop() ?? '';
    return path.isAbsolute(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `py-spy --version`; returns the version (e.g. `0.4.3`). */
export async function probePySpyVersion(pyspy: string, env: NodeJS.ProcessEnv, timeoutMs = PROBE_TIMEOUT_MS): Promise<string> {
  const out = await runProbe(pyspy, ['--version'], env, timeoutMs);
  const match = /py-spy\s+(\S+)/.exec(out);
  if (!match) throw new Error(`${pyspy} --version printed "${out.trim().slice(0, 80)}", not a py-spy version`);
  return match[1];
}

/** What findPySpy needs: the interpreter it serves (optional for attach) and a user-level configured path. */
export interface FindPySpyOptions extends LookupContext {
  /** Absolute interpreter path (from resolvePython); its environment is searched first. */
  readonly python?: string;
  /** An explicit py-spy path from user-level settings (never a workspace value); '' = none. */
  readonly configuredPath?: string;
  readonly timeoutMs?: number;
}

/** The command that installs py-spy into `python` (shown on the error's button). */
export function pySpyInstallCommand(python: string): string[] {
  return [python, '-m', 'pip', 'install', 'py-spy'];
}

/**
 * Finds py-spy for an interpreter: its own scripts folder, then PATH, then the configured path.
 * Each candidate is probed with `--version`; one that fails the probe is skipped.
 */
export async function findPySpy(options: FindPySpyOptions): Promise<PySpyLocation> {
  const candidates: { file: string; source: PySpyLocation['source'] }[] = [];
  const problems: string[] = [];
  if (options.python) {
    const dirs = [await interpreterScriptsDir(options.python, options.env, options.timeoutMs), path.dirname(options.python)];
    for (const dir of new Set(dirs)) {
      if (!dir) continue;
      const file = await findInDirectory(dir, 'py-spy', options);
      if (file) candidates.push({ file, source: 'interpreter' });
    }
  }
  const onPath = await findOnPath('py-spy', options);
  if (onPath) candidates.push({ file: onPath, source: 'path' });
  const configured = options.configuredPath?.trim() ?? '';
  if (configured !== '') {
    const file = path.resolve(options.cwd, configured);
    if (await isExecutableFile(file, options.platform ?? process.platform)) candidates.push({ file, source: 'configured' });
    else problems.push(`the configured path ${file} does not exist or is not executable`);
  }

  for (const { file, source } of candidates) {
    try {
      return { path: file, version: await probePySpyVersion(file, options.env, options.timeoutMs), source };
    } catch (err) {
      problems.push(`${file} did not answer --version (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
  }

  const where = options.python ? `for ${options.python}` : 'on this machine';
  const detail = problems.length > 0 ? ` (${problems.join('; ')})` : '';
  if (!options.python) {
    throw new ToolMissingError('py-spy', `py-spy was not found ${where}: not on PATH${detail}. Install it with pip install py-spy, or set profileFirst.pyspyPath.`);
  }
  const install = pySpyInstallCommand(options.python);
  throw new ToolMissingError(
    'py-spy',
    `py-spy was not found ${where}: not in its environment, not on PATH${detail}. Install it into this interpreter: ${formatCommandLine(install)}`,
    install,
  );
}
