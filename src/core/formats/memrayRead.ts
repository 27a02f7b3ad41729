/**
 * Reading a memray capture (.bin): memray can only read captures written by its own version,
 * and only from Python, so python/memray_export.py runs with an interpreter that has memray
 * (preferably the one that recorded the capture) and its JSON is validated here.
 *
 * Which interpreter: the one asked for; otherwise the sidecar's (the recording's interpreter),
 * then `python3` on PATH, then the interpreter of a `memray` script on PATH (its shebang). An
 * interpreter without memray (the helper exits 3) passes to the next; when none has it, a
 * ToolMissingError carries the pip command for the first.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ProfileParseError, ToolMissingError } from '../errors';
import { findOnPath, resolvePython } from '../capture/toolDiscovery';
import { formatSeconds } from '../model/units';
import { isMemrayExport, memoryProfileFor, parseMemrayExport } from './memrayExport';
import type { MemoryMode, MemoryProfile, MemrayCapture } from './memrayModel';
import { sidecarPath } from './sidecar';

/** How to read a capture. */
export interface ReadMemrayOptions {
  /** Interpreter that runs the helper (path or name); when set, no other is tried. */
  readonly python?: string;
  /**
   * Whether the interpreter named in the capture's sidecar may be run (default true). The
   * sidecar is a file beside the capture, so in a workspace the user does not trust it would
   * let the workspace choose what runs: the host passes false there (or passes `python`).
   */
  readonly useRecordedInterpreter?: boolean;
  /** Which sections to export (default both). */
  readonly mode?: MemoryMode | 'both';
  /** Environment for the look-up and the helper (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Folder relative interpreter paths start from (default: this process's). */
  readonly cwd?: string;
  /** Kill the helper after this long (default: memrayReadTimeoutMs of the file's size). */
  readonly timeoutMs?: number;
  /** At most this many distinct stacks per section; the rest is summed (default 20000). */
  readonly maxRecords?: number;
  /** Memory snapshots kept, downsampled by memray (default 2000). */
  readonly maxSnapshots?: number;
  /** Cancels the read (the helper is killed). */
  readonly signal?: AbortSignal;
  /** The helper script (default: python/memray_export.py found above this file). */
  readonly helperPath?: string;
}

/** The helper's exit statuses (python/memray_export.py). */
const EXIT_BAD_CAPTURE = 2;
const EXIT_NO_MEMRAY = 3;
/** V8's longest string (Node 20): the helper's JSON must fit in one. */
const MAX_EXPORT_BYTES = 0x1fffffe8;

/**
 * Time allowed for the helper: 60 s, plus 3 s per MiB of capture. Measured with memray
 * 1.20.0 (both sections): 41.5 MB, 25 million allocations, few stacks: 13.0 s (0.3 s/MiB);
 * 11.9 MB, 17 million allocations, 50,000 stacks: 12.2 s (1 s/MiB, memray's stack look-ups
 * dominate). So a factor of three over the slow case, for slower machines.
 */
export function memrayReadTimeoutMs(fileBytes: number): number {
  return 60_000 + Math.ceil(fileBytes / (1024 * 1024)) * 3_000;
}

/** Finds python/memray_export.py next to the sources (tsx) or the bundle (dist/). */
export function findMemrayHelper(from = __dirname): string {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'python', 'memray_export.py');
    if (existsSync(candidate)) return candidate;
  }
  throw new ToolMissingError('memray_export.py', `python/memray_export.py was not found above ${from}; the installation is incomplete: reinstall Profile First.`);
}

/** Reads a memray capture (.bin) into profiles, snapshots and metadata; errors are one line naming the file. */
export async function readMemrayCapture(path: string, opts: ReadMemrayOptions = {}): Promise<MemrayCapture> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const file = resolve(cwd, path);
  if (process.platform === 'win32') {
    throw new ToolMissingError('memray', `${path}: memray captures can only be read where memray runs (Linux or macOS; on Windows use WSL). memray does not run on Windows (bloomberg/memray#26).`);
  }
  const size = (await fs.stat(file).catch(() => undefined))?.size;
  if (size === undefined) throw new ProfileParseError(path, 'file not found');
  const sidecar = await readMemraySidecarFields(file);
  const helper = opts.helperPath ?? findMemrayHelper();
  const args = [helper, file, '--mode', opts.mode ?? 'both', '--max-records', String(opts.maxRecords ?? 20000), '--max-snapshots', String(opts.maxSnapshots ?? 2000)];
  const timeoutMs = opts.timeoutMs ?? memrayReadTimeoutMs(size);
  const recorded = opts.useRecordedInterpreter === false ? undefined : sidecar.interpreter;
  const candidates = await interpreterCandidates(opts.python, recorded, { env, cwd });
  let withoutMemray: string | undefined;
  for (const python of candidates) {
    const run = await runHelper(python, args, { env, timeoutMs, signal: opts.signal });
    if (run.spawnFailed || run.code === EXIT_NO_MEMRAY) {
      withoutMemray ??= python;
      continue;
    }
    if (run.timedOut) {
      throw new ProfileParseError(path, `reading the capture took longer than ${formatSeconds(timeoutMs / 1000)} and was stopped; record with --aggregate for a smaller capture`);
    }
    if (run.aborted) throw new ProfileParseError(path, 'reading the capture was cancelled');
    if (run.tooLarge) throw new ProfileParseError(path, 'the exported capture is too large to read; export fewer stacks (maxRecords)');
    if (run.code !== 0) throw new ProfileParseError(path, helperProblem(run.stderr, file, run.code, python));
    let doc: unknown;
    try {
      doc = JSON.parse(run.stdout.toString('utf8'));
    } catch (err) {
      throw new ProfileParseError(path, `the memray export helper printed invalid JSON (${(err as Error).message.slice(0, 120)})`);
    }
    if (!isMemrayExport(doc)) throw new ProfileParseError(path, 'the memray export helper printed something that is not a memray export');
    return parseMemrayExport(doc, path, { commandLine: sidecar.commandLine });
  }
  const python = withoutMemray ?? candidates[0] ?? 'python3';
  const install = [python, '-m', 'pip', 'install', 'memray'];
  throw new ToolMissingError(
    'memray',
    `Reading ${path} needs memray, which is not installed for ${python}${candidates.length > 1 ? ` (also tried ${candidates.filter((c) => c !== python).join(', ')})` : ''}. Install it: ${install.join(' ')}, or choose the interpreter that recorded the capture.`,
    install,
  );
}

/** One view of a capture as a Profile (for readProfileFile and `report`): peak by default. */
export async function readMemrayProfile(path: string, mode: MemoryMode = 'peak', opts: ReadMemrayOptions = {}): Promise<MemoryProfile> {
  return memoryProfileFor(await readMemrayCapture(path, { ...opts, mode }), mode);
}

/** What a recording's sidecar tells the reader: the interpreter that recorded, a readable command line. */
async function readMemraySidecarFields(file: string): Promise<{ interpreter?: string; commandLine?: string }> {
  try {
    const text = await fs.readFile(sidecarPath(file), 'utf8');
    if (text.length > 1 << 20) return {};
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    const o = v as Record<string, unknown>;
    return {
      ...(typeof o.interpreter === 'string' && isAbsolute(o.interpreter) && { interpreter: o.interpreter }),
      ...(typeof o.commandLine === 'string' && { commandLine: o.commandLine }),
    };
  } catch {
    return {};
  }
}

async function interpreterCandidates(asked: string | undefined, recorded: string | undefined, ctx: { env: NodeJS.ProcessEnv; cwd: string }): Promise<string[]> {
  if (asked !== undefined) return [await resolvePython(asked, ctx)];
  const out: string[] = [];
  const add = (p: string | undefined): void => {
    if (p !== undefined && !out.includes(p)) out.push(p);
  };
  if (recorded !== undefined && existsSync(recorded)) add(recorded);
  add(await resolvePython('python3', ctx).catch(() => undefined));
  add(await pythonOfMemrayScript(await findOnPath('memray', ctx)));
  return out;
}

/** The interpreter a `memray` console script runs (its `#!` line), when it names an absolute path. */
export async function pythonOfMemrayScript(script: string | undefined): Promise<string | undefined> {
  if (script === undefined) return undefined;
  try {
    const handle = await fs.open(script, 'r');
    try {
      const buf = Buffer.alloc(512);
      const { bytesRead } = await handle.read(buf, 0, 512, 0);
      const first = buf.subarray(0, bytesRead).toString('utf8').split('\n')[0];
      const match = /^#!\s*(\/\S+)\s*$/.exec(first);
      return match && existsSync(match[1]) ? match[1] : undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** The helper's one stderr line without its `FILE: ` prefix (the error names the file itself). */
function helperProblem(stderr: string, file: string, code: number | null, python: string): string {
  const lines = stderr.split(/\r?\n/).filter((l) => l.trim() !== '');
  const last = lines[lines.length - 1] ?? '';
  if (code === EXIT_BAD_CAPTURE && last.startsWith(`${file}: `)) return last.slice(file.length + 2);
  return `the memray export helper failed under ${python} (exit status ${code ?? 'signal'}): ${last.slice(0, 200) || 'no message'}`;
}

interface HelperRun {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly spawnFailed?: boolean;
  readonly timedOut?: boolean;
  readonly aborted?: boolean;
  readonly tooLarge?: boolean;
}

function runHelper(python: string, args: readonly string[], o: { env: NodeJS.ProcessEnv; timeoutMs: number; signal?: AbortSignal }): Promise<HelperRun> {
  return new Promise((done) => {
    const child = spawn(python, args, { env: o.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false, windowsHide: true });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let stderr = '';
    let why: 'timedOut' | 'aborted' | 'tooLarge' | undefined;
    const stop = (reason: typeof why): void => {
      why ??= reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timedOut'), o.timeoutMs);
    const onAbort = (): void => stop('aborted');
    if (o.signal?.aborted) onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_EXPORT_BYTES) stop('tooLarge');
      else chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-16384)));
    const finish = (run: HelperRun): void => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      done(run);
    };
    child.once('error', () => finish({ code: null, stdout: Buffer.alloc(0), stderr, spawnFailed: true }));
    child.once('close', (code) => finish({ code, stdout: Buffer.concat(chunks), stderr, ...(why && { [why]: true }) }));
  });
}
