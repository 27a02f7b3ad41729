/**
 * `profile-first record`: a CPU profile with py-spy, launched or attached (shared/DESIGN.md,
 * CLI contract). stdout gets one line, the profile's path, so scripts can capture it; py-spy's
 * progress and the program's own output go to stderr. Ctrl-C stops gracefully and still writes.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { awaitsPath, awaitTimingEnvironment, findAwaitTimingDir } from '../../core/awaitTiming';
import { PermissionDeniedError } from '../../core/errors';
import { ProcessNotFoundError } from '../../core/capture/captureErrors';
import { diagnoseAttach } from '../../core/capture/attachDiagnosis';
import { buildAttachArgs, type PySpyRecordOptions } from '../../core/capture/pyspyArgs';
import { readGitState } from '../../core/capture/gitState';
import { PySpyRecording } from '../../core/capture/pyspyRecording';
import { defaultProfileName, unusedPath } from '../../core/capture/recordingFiles';
import { findPySpy, resolvePython } from '../../core/capture/toolDiscovery';
import { runWithSignals } from '../recordingSignals';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cliIo';

const HELP = `Usage: profile-first record [--rate HZ] [--duration S] [--idle] [--gil] [--native] [--subprocesses]
                            [--no-await-timing] [-o FILE] (-- python script.py ARGS... | --pid PID)

Records a CPU profile with py-spy (speedscope format) and prints the file's path.
  --rate HZ        samples per second (default 100)
  --duration S     seconds to record (default: until the program exits or Ctrl-C)
  --idle           include idle threads      --gil  only threads holding the GIL
  --native         include native frames     --subprocesses  follow child processes
  --no-await-timing  do not time the program's awaits (by default a launched program writes
                   FILE.awaits.json: how long each awaiting line waited; report and lint --profile read it;
                   not possible with --pid)
  -o FILE          output file (default: ./profile-<script>-<timestamp>.speedscope.json)
  -- python ...    the interpreter and program to run (the interpreter is used as given)
  --pid PID        attach to a running Python process instead
py-spy is looked up in the interpreter's environment, then on PATH, then PROFILE_FIRST_PYSPY.
Ctrl-C stops and writes the profile; a second Ctrl-C aborts without writing.
`;

/** Parsed `record` arguments. */
export interface RecordArgs {
  readonly options: PySpyRecordOptions;
  readonly output?: string;
  readonly program?: readonly string[];
  readonly pid?: number;
  /** Load the await timer into a launched program (default true; `--no-await-timing`). */
  readonly awaitTiming: boolean;
  readonly help: boolean;
}

function positiveInteger(flag: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} needs a whole number ≥ 1, got ${value === undefined ? 'nothing' : `'${value}'`}.`);
  return Number(value);
}

/** Parses `record`'s arguments (pure; throws UsageError). */
export function parseRecordArgs(args: readonly string[]): RecordArgs {
  let rate = 100;
  let durationSec = 0;
  const flags = { idle: false, gil: false, native: false, subprocesses: false };
  let output: string | undefined;
  let pid: number | undefined;
  let program: string[] | undefined;
  let awaitTiming = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    switch (name) {
      case '--':
        program = args.slice(i + 1);
        i = args.length;
        break;
      case '-h':
      case '--help':
        return { options: { rate }, awaitTiming, help: true };
      case '--rate':
        rate = positiveInteger('--rate', value());
        break;
      case '--duration': {
        const v = value();
        durationSec = Number(v);
        if (v === undefined || v.trim() === '' || !Number.isFinite(durationSec) || durationSec <= 0) throw new UsageError(`--duration needs a number of seconds > 0, got ${v === undefined ? 'nothing' : `'${v}'`}.`);
        break;
      }
      case '--idle':
      case '--gil':
      case '--native':
      case '--subprocesses':
        flags[name.slice(2) as keyof typeof flags] = true;
        break;
      case '-o':
      case '--output': {
        const v = value();
        if (v === undefined || v === '') throw new UsageError(`${name} needs a file name.`);
        output = v;
        break;
      }
      case '--pid':
        pid = positiveInteger('--pid', value());
        break;
      case '--no-await-timing':
        awaitTiming = false;
        break;
      default:
        throw new UsageError(`unknown option '${arg}'. Put the program after '--': record -- python script.py.`);
    }
  }
  if (program !== undefined && pid !== undefined) throw new UsageError(`give either '-- python script.py' or '--pid PID', not both.`);
  if (program === undefined && pid === undefined) throw new UsageError(`nothing to record: give '-- python script.py ARGS...' or '--pid PID'.`);
  if (program !== undefined && program.length < 2) throw new UsageError(`after '--' give the interpreter and the script: -- python script.py ARGS...`);
  return { options: { rate, durationSec, ...flags }, output, program, pid, awaitTiming, help: false };
}

/** The interpreter a running process runs (Linux), so py-spy is looked for in its environment. */
async function interpreterOf(pid: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  return fs.readlink(`/proc/${pid}/exe`).then((exe) => exe.replace(/ \(deleted\)$/, ''), () => undefined);
}

async function checkScript(script: string, cwd: string): Promise<void> {
  if (script.startsWith('-')) return; // -m module, -c code: the interpreter checks those
  try {
    await fs.access(path.resolve(cwd, script));
  } catch {
    throw new UsageError(`${script}: no such file (looked in ${cwd}).`);
  }
}

/** The program's environment with the await timer; without it (and a warning) when its files are missing. */
function withAwaitTimer(io: CliIo, outputFile: string): NodeJS.ProcessEnv {
  try {
    return awaitTimingEnvironment(io.env, findAwaitTimingDir(), outputFile);
  } catch (err) {
    io.stderr(`warning: recording without await timing: ${(err as Error).message}\n`);
    return io.env;
  }
}

/** `profile-first record …`: exit 0 with the profile's path on stdout, 1 when the run failed. */
export const record: CliCommand = async (args, io) => {
  const parsed = parseRecordArgs(args);
  if (parsed.help) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  const ctx = { env: io.env, cwd: io.cwd };
  const configuredPath = io.env.PROFILE_FIRST_PYSPY ?? '';
  const label = parsed.program ? parsed.program[1] : (parsed.pid as number);
  const outputFile = parsed.output ? path.resolve(io.cwd, parsed.output) : await unusedPath(io.cwd, defaultProfileName(label, new Date()));
  const onOutput = (line: string): void => io.stderr(`${line}\n`);

  let recording: PySpyRecording;
  if (parsed.program) {
    const [pythonCommand, script, ...scriptArgs] = parsed.program;
    await checkScript(script, io.cwd);
    const python = await resolvePython(pythonCommand, ctx);
    const pyspy = await findPySpy({ ...ctx, python, configuredPath });
    const env = parsed.awaitTiming ? withAwaitTimer(io, outputFile) : io.env;
    recording = PySpyRecording.launch({ pyspy: pyspy.path, outputFile, options: parsed.options, target: { python, script, args: scriptArgs }, cwd: io.cwd, env, onOutput, gitState: readGitState(io.cwd) });
  } else {
    const pid = parsed.pid as number;
    const pyspy = await findPySpy({ ...ctx, python: await interpreterOf(pid), configuredPath });
    const diagnosis = await diagnoseAttach(pid, [pyspy.path, ...buildAttachArgs(parsed.options, outputFile, pid)]);
    if (!diagnosis.allowed) {
      if (diagnosis.processMissing) throw new ProcessNotFoundError(pid);
      throw new PermissionDeniedError(`${diagnosis.reason} Run: ${diagnosis.suggestedCommand ?? diagnosis.alternatives[0]}`, diagnosis.suggestedCommand);
    }
    recording = PySpyRecording.attach({ pyspy: pyspy.path, outputFile, options: parsed.options, pid, cwd: io.cwd, env: io.env, onOutput, gitState: readGitState(io.cwd) });
  }

  const result = await runWithSignals(recording, io, 'py-spy is writing the profile');
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  if (result.outcome === 'cancelled') {
    await fs.rm(awaitsPath(outputFile), { force: true });
    io.stderr('Recording aborted; nothing was written.\n');
    return ExitCode.failed;
  }
  io.stdout(`${result.outputFile}\n`);
  return ExitCode.ok;
};
