/**
 * `profile-first`: the command-line front end on the same core as the extension.
 * Errors are one or two plain lines on stderr, never a stack trace (shared/DESIGN.md):
 * exit 2 for bad usage or unreadable input, 1 for a failed run or findings, 0 otherwise.
 */
import { ProfileFirstError, ProfileParseError } from '../core/errors';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './cliIo';

const USAGE = `Usage:
  profile-first record [--rate HZ] [--duration S] [--idle] [--gil] [--native] [--subprocesses]
                       [--no-await-timing] [-o FILE] (-- python script.py ARGS... | --pid PID)
  profile-first memory [-o FILE] [--native] [--mode peak|leaks] (-- python script.py ARGS... | --pid PID)
  profile-first report FILE [--json] [--top N]
  profile-first html FILE [--baseline BEFORE] -o OUT.html
  profile-first lint PATH... [--json] [--fix] [--profile FILE]
  profile-first verify --runs N [--warmup K] --baseline "CMD" --candidate "CMD" [--json]

Run 'profile-first COMMAND --help' for a command's options.`;

/**
 * Each command's module loads when that command runs: `report` on a big file should not first
 * evaluate the lint's tree-sitter runtime or the recorders (the bundle is one file; esbuild keeps
 * a dynamically imported module's code uninitialised until the import runs).
 */
const commands: Readonly<Record<string, () => Promise<CliCommand>>> = {
  record: async () => (await import('./commands/record')).record,
  memory: async () => (await import('./commands/memory')).memory,
  report: async () => (await import('./commands/report')).report,
  html: async () => (await import('./commands/html')).html,
  lint: async () => (await import('./commands/lint')).lint,
  verify: async () => (await import('./commands/verify')).verify,
};

/** Runs one CLI invocation and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version') {
    io.stdout(`${process.env.PROFILE_FIRST_VERSION ?? 'dev'}\n`);
    return ExitCode.ok;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (load === undefined) {
    io.stderr(`profile-first: unknown command '${name}'.\nRun 'profile-first --help' to see the commands.\n`);
    return ExitCode.usage;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (err) {
    return reportError(err, name, io);
  }
}

function reportError(err: unknown, command: string, io: CliIo): number {
  if (err instanceof UsageError) {
    io.stderr(`profile-first ${command}: ${err.message}\nRun 'profile-first ${command} --help' for usage.\n`);
    return ExitCode.usage;
  }
  if (err instanceof ProfileParseError) {
    io.stderr(`profile-first: ${oneLine(err.message)}\n`);
    return ExitCode.usage;
  }
  if (err instanceof ProfileFirstError) {
    io.stderr(`profile-first: ${err.message}\n`);
    return ExitCode.failed;
  }
  const detail = err instanceof Error ? err.message : String(err);
  io.stderr(`profile-first: internal error: ${oneLine(detail)}\nPlease report it with the command you ran.\n`);
  if (process.env.PROFILE_FIRST_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
  return ExitCode.failed;
}

/** Keeps an error to one line and a readable length (inputs can be 10 MB lines). */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

if (require.main === module) {
  // `profile-first report FILE | head` closes the pipe early: that is not an error to report.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`profile-first: internal error: ${String(err)}\n`);
      process.exitCode = ExitCode.failed;
    },
  );
}
