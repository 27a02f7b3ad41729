/**
 * `profile-first memory`: a memory capture with memray, launched or attached (shared/DESIGN.md,
 * CLI contract). stdout gets one line, the capture's path; memray's and the program's output
 * and a one-line summary of the capture go to stderr. Ctrl-C stops gracefully and still writes.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PermissionDeniedError } from '../../core/errors';
import { ProcessNotFoundError } from '../../core/capture/captureErrors';
import { diagnoseAttach } from '../../core/capture/attachDiagnosis';
import { buildMemrayAttachArgs, defaultMemoryProfileName, type MemrayAttachOptions } from '../../core/capture/memrayArgs';
import { readGitState } from '../../core/capture/gitState';
import { MemrayAttachRecording } from '../../core/capture/memrayAttach';
import { assertMemraySupported, findMemray, interpreterOfProcess } from '../../core/capture/memrayDiscovery';
import { MemrayRecording } from '../../core/capture/memrayRecording';
import { isSameProcessAlive } from '../../core/capture/processTree';
import { formatCommandLine } from '../../core/capture/pyspyArgs';
import { unusedPath } from '../../core/capture/recordingFiles';
import { resolvePython } from '../../core/capture/toolDiscovery';
import { aggregateLineAllocations, type MemoryMode } from '../../core/formats/memrayModel';
import { readMemrayCapture } from '../../core/formats/memrayRead';
import { aggregateLines } from '../../core/model/aggregate';
import { formatBytes } from '../../core/model/units';
import { runWithSignals } from '../recordingSignals';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cliIo';

const HELP = `Usage: profile-first memory [-o FILE] [--native] [--mode peak|leaks] [--trace-python-allocators]
                            [--follow-fork] [--aggregate] [--duration S] [--python PY]
                            (-- python script.py ARGS... | --pid PID)

Records a memory capture with memray (.bin) and prints the file's path.
  -o FILE          output file (default: ./profile-<script>-<timestamp>.memray.bin)
  --native         include native (C/C++) frames
  --mode MODE      what the summary shows: peak (default) or leaks; leaks runs the program
                   with PYTHONMALLOC=malloc (unless set), which memray needs for exact leaks
  --trace-python-allocators   track every pymalloc allocation
  --follow-fork    keep tracking in forked children      --aggregate  smaller capture, no history
  --duration S     seconds to record (default: until the program exits or Ctrl-C)
  --python PY      attach: the interpreter whose memray attaches (default: the target's)
  -- python ...    the interpreter and program to run (memray must be importable there)
  --pid PID        attach to a running Python process (needs gdb on Linux)
Read it with: profile-first report FILE.bin [--json]
Ctrl-C stops and writes the capture; a second Ctrl-C aborts without it.
`;

/** Parsed `memory` arguments. */
export interface MemoryArgs {
  readonly options: MemrayAttachOptions;
  readonly mode: MemoryMode;
  readonly output?: string;
  readonly program?: readonly string[];
  readonly pid?: number;
  readonly python?: string;
  readonly help: boolean;
}

const FLAGS = { '--native': 'native', '--trace-python-allocators': 'tracePythonAllocators', '--follow-fork': 'followFork', '--aggregate': 'aggregate' } as const;

/** Parses `memory`'s arguments (pure; throws UsageError). */
export function parseMemoryArgs(args: readonly string[]): MemoryArgs {
  const flags: { native?: boolean; tracePythonAllocators?: boolean; followFork?: boolean; aggregate?: boolean } = {};
  let mode: MemoryMode = 'peak';
  let durationSec: number | undefined;
  let output: string | undefined;
  let pid: number | undefined;
  let python: string | undefined;
  let program: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value.`);
      return v;
    };
    if (name === '--') {
      program = args.slice(i + 1);
      break;
    }
    if (name === '-h' || name === '--help') return { options: {}, mode, help: true };
    if (name in FLAGS) {
      flags[FLAGS[name as keyof typeof FLAGS]] = true;
      continue;
    }
    switch (name) {
      case '--mode': {
        const v = value();
        if (v !== 'peak' && v !== 'leaks') throw new UsageError(`--mode is peak or leaks, not '${v}'.`);
        mode = v;
        break;
      }
      case '--duration': {
        const v = value();
        durationSec = Number(v);
        if (v.trim() === '' || !Number.isFinite(durationSec) || durationSec <= 0) throw new UsageError(`--duration needs a number of seconds > 0, got '${v}'.`);
        break;
      }
      case '-o':
      case '--output':
        output = value();
        break;
      case '--python':
        python = value();
        break;
      case '--pid': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--pid needs a process id, got '${v}'.`);
        pid = Number(v);
        break;
      }
      default:
        throw new UsageError(`unknown option '${arg}'. Put the program after '--': memory -- python script.py.`);
    }
  }
  if (program !== undefined && pid !== undefined) throw new UsageError(`give either '-- python script.py' or '--pid PID', not both.`);
  if (program === undefined && pid === undefined) throw new UsageError(`nothing to record: give '-- python script.py ARGS...' or '--pid PID'.`);
  if (program !== undefined && program.length < 2) throw new UsageError(`after '--' give the interpreter and the script: -- python script.py ARGS...`);
  if (program !== undefined && python !== undefined) throw new UsageError(`--python is for --pid; with '--' the interpreter is the first word after it.`);
  return { options: { ...flags, ...(durationSec !== undefined && { durationSec }) }, mode, output, program, pid, python, help: false };
}


async function startLaunch(parsed: MemoryArgs, outputFile: string, io: CliIo): Promise<MemrayRecording> {
  const [pythonCommand, script, ...scriptArgs] = parsed.program as readonly string[];
  if (!script.startsWith('-')) {
    await fs.access(path.resolve(io.cwd, script)).catch(() => {
      throw new UsageError(`${script}: no such file (looked in ${io.cwd}).`);
    });
  }
  const python = await resolvePython(pythonCommand, io);
  const memray = await findMemray(python, io.env);
  let env = io.env;
  if (parsed.mode === 'leaks' && env.PYTHONMALLOC === undefined) {
    // memray's documentation: with pymalloc, freed small objects stay in its arenas and show as leaks.
    env = { ...env, PYTHONMALLOC: 'malloc' };
    io.stderr('memray: running with PYTHONMALLOC=malloc for exact leak reports\n');
  }
  const onOutput = (line: string): void => io.stderr(`${line}\n`);
  return MemrayRecording.launch({ target: { python, script, args: scriptArgs }, outputFile, options: parsed.options, cwd: io.cwd, env, onOutput, memrayVersion: memray.version, gitState: readGitState(io.cwd) });
}

async function startAttach(parsed: MemoryArgs, outputFile: string, io: CliIo): Promise<MemrayAttachRecording> {
  const pid = parsed.pid as number;
  // Before looking for its interpreter: a missing process must not read as "memray is missing".
  if (!(await isSameProcessAlive({ pid }))) throw new ProcessNotFoundError(pid);
  const python = parsed.python ? await resolvePython(parsed.python, io) : ((await interpreterOfProcess(pid))?.python ?? (await resolvePython('python3', io)));
  const memray = await findMemray(python, io.env);
  const command = [python, ...buildMemrayAttachArgs(parsed.options, outputFile, pid)];
  if (process.platform === 'linux') {
    // gdb needs the same ptrace rights py-spy does; say so before a slow, failing attach.
    const diagnosis = await diagnoseAttach(pid, command);
    if (!diagnosis.allowed) {
      if (diagnosis.processMissing) throw new ProcessNotFoundError(pid);
      throw new PermissionDeniedError(`${diagnosis.reason} Run: ${diagnosis.suggestedCommand ?? diagnosis.alternatives[0]}`, diagnosis.suggestedCommand);
    }
  }
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').then((raw) => formatCommandLine(raw.split('\0').filter((a) => a !== '')), () => undefined);
  io.stderr(`memray: attaching to process ${pid} with ${python} (memray ${memray.version})…\n`);
  const onOutput = (line: string): void => io.stderr(`${line}\n`);
  return MemrayAttachRecording.attach({ python, pid, outputFile, options: parsed.options, env: io.env, onOutput, targetCommandLine: cmdline, memrayVersion: memray.version, gitState: readGitState(io.cwd) });
}

/** One line on stderr: the capture's size in the chosen view and its top line (best effort). */
async function printSummary(file: string, mode: MemoryMode, io: CliIo): Promise<void> {
  try {
    const capture = await readMemrayCapture(file, { mode, env: io.env, cwd: io.cwd });
    const profile = mode === 'peak' ? capture.peak : capture.leaks;
    if (!profile) return;
    const total = profile.weights.reduce((a, b) => a + b, 0);
    const top = aggregateLines(profile)[0];
    const allocs = top ? aggregateLineAllocations(profile).find((l) => l.file === top.file && l.line === top.line)?.self ?? 0 : 0;
    const where = top ? `; top line ${top.file}:${top.line}: ${formatBytes(top.self)} in ${allocs.toLocaleString('en-US')} allocations` : '';
    io.stderr(`memray: ${mode === 'peak' ? 'peak' : 'leaked'} ${formatBytes(total)}${where}\n`);
    for (const w of capture.warnings) io.stderr(`warning: ${w}\n`);
  } catch (err) {
    io.stderr(`warning: could not summarise the capture: ${(err as Error).message}\n`);
  }
}

/** `profile-first memory …`: exit 0 with the capture's path on stdout, 1 when the run failed. */
export const memory: CliCommand = async (args, io) => {
  const parsed = parseMemoryArgs(args);
  if (parsed.help) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  assertMemraySupported();
  const label = parsed.program ? parsed.program[1] : (parsed.pid as number);
  const outputFile = parsed.output ? path.resolve(io.cwd, parsed.output) : await unusedPath(io.cwd, defaultMemoryProfileName(label, new Date()));
  const recording = parsed.program ? await startLaunch(parsed, outputFile, io) : await startAttach(parsed, outputFile, io);
  // memray run has no duration of its own: stop it ourselves (attach passes --duration to memray).
  const stopAfter = recording instanceof MemrayRecording ? parsed.options.durationSec : undefined;
  const result = await runWithSignals(recording, io, 'memray is writing the capture', stopAfter);
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  if (result.outcome === 'cancelled') {
    io.stderr('Recording aborted; nothing was written.\n');
    return ExitCode.failed;
  }
  await printSummary(result.outputFile, parsed.mode, io);
  io.stdout(`${result.outputFile}\n`);
  return ExitCode.ok;
};
