import { RunFailedError } from '../../core/errors';
import { CommandLineError, VerifyCancelledError } from '../../core/verify/errors';
import { toVerifyJson } from '../../core/verify/json';
import { DEFAULT_RUNS, DEFAULT_WARMUP, formatProgress } from '../../core/verify/runner';
import { formatVerifyText } from '../../core/verify/textReport';
import { verifyChange } from '../../core/verify/verifyChange';
import { intOption, parseArgs } from '../argParser';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cliIo';

const HELP = `Usage: profile-first verify [--runs N] [--warmup K] --baseline "CMD" --candidate "CMD" [--json]

Runs the two commands alternately (K warm-up runs each, then N measured runs each) and compares
wall time, CPU time (user + sys of the process tree), peak RSS and, where RAPL counters are
readable, energy. A metric changed when its Mann–Whitney p-value (Holm-adjusted across the
metrics) is below 0.05 and the 95 % bootstrap interval of the ratio of medians excludes 1.
  --runs N        measured runs per command (default ${DEFAULT_RUNS}; at least 5 to find anything)
  --warmup K      discarded runs per command first (default ${DEFAULT_WARMUP})
  --baseline CMD  the command before the change, quoted as in a POSIX shell; no shell runs it
  --candidate CMD the command after the change
  --json          one JSON object: runs, warmup, metrics, verdict, reasons
Exit status: 0 when the verification ran (whatever the verdict), 1 when a run failed, 2 bad usage.
`;

/** How many lines of a failed run's stderr are printed. */
const STDERR_LINES = 20;

/** `profile-first verify`: A/B comparison of two commands with a verdict. */
export const verify: CliCommand = async (args, io) => {
  const parsed = parseArgs(args, {
    flags: ['--json', '--help'],
    options: ['--runs', '--warmup', '--baseline', '--candidate'],
    aliases: { '-h': '--help' },
  });
  if (parsed.flags.has('--help')) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if (parsed.positionals.length > 0 || parsed.rest !== undefined) {
    throw new UsageError('takes no positional arguments: quote each command, e.g. --baseline "python3 old.py".');
  }
  const baseline = parsed.options.get('--baseline');
  const candidate = parsed.options.get('--candidate');
  if (baseline === undefined || candidate === undefined) throw new UsageError('needs both --baseline "CMD" and --candidate "CMD".');
  const runs = intOption(parsed, '--runs', DEFAULT_RUNS, 2);
  const warmup = intOption(parsed, '--warmup', DEFAULT_WARMUP, 0);
  const json = parsed.flags.has('--json');

  // Ctrl-C stops the running command's whole process group (it is not in the terminal's group).
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let lastProgress = '';
  const showProgress = !json && process.stderr.isTTY === true;
  try {
    const { result } = await verifyChange({
      baseline,
      candidate,
      runs,
      warmup,
      cwd: io.cwd,
      env: io.env,
      signal: controller.signal,
      onProgress: (p) => {
        // Progress only on a terminal: in a CI log, twenty carriage-return lines are noise.
        if (!showProgress) return;
        lastProgress = formatProgress(p);
        io.stderr(`\r${lastProgress} `);
      },
    });
    if (lastProgress !== '') io.stderr('\r\x1b[K');
    io.stdout(json ? `${JSON.stringify(toVerifyJson(result), null, 2)}\n` : formatVerifyText(result, { baseline, candidate }));
    return ExitCode.ok;
  } catch (err) {
    if (lastProgress !== '') io.stderr('\n');
    return reportFailure(err, io);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
};

/** Failures of the runs themselves are reported here, with the failed run's stderr. */
function reportFailure(err: unknown, io: CliIo): number {
  if (err instanceof CommandLineError) throw new UsageError(err.message);
  if (err instanceof RunFailedError) {
    io.stderr(`profile-first verify: ${err.message}\n`);
    const lines = err.stderr.trimEnd().split('\n');
    if (err.stderr.trim() !== '') {
      io.stderr(`its stderr${lines.length > STDERR_LINES ? ` (last ${STDERR_LINES} lines)` : ''}:\n`);
      for (const line of lines.slice(-STDERR_LINES)) io.stderr(`  ${line}\n`);
    } else {
      io.stderr('it wrote nothing on stderr.\n');
    }
    return ExitCode.failed;
  }
  if (err instanceof VerifyCancelledError) {
    io.stderr(`profile-first verify: ${err.message}\n`);
    return ExitCode.failed;
  }
  throw err;
}
