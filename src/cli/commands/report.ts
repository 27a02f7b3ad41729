import { readFileSync, statSync } from 'node:fs';
import { awaitsPath, readAwaitTimings, runSeconds, topAwaitSites, withoutAwaitTimerFrames, type AwaitTimings } from '../../core/awaitTiming';
import { readProfileFile } from '../../core/formats/readProfileFile';
import { buildReport, type ProfileReport } from '../../core/model/report';
import { formatPercent, formatSeconds, formatWeight } from '../../core/model/units';
import { intOption, parseArgs } from '../argParser';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cliIo';

const HELP = `Usage: profile-first report FILE [--json] [--top N]

Prints the hottest lines and functions of a profile (py-spy raw or speedscope, collapsed stacks).
When FILE.awaits.json is beside it (written by \`record\`'s await timer), text mode adds an
"Await waiting time" section: the program's awaiting lines, longest wait first.
  --json    one JSON object (the report contract in the README)
  --top N   at most N lines and N functions (default 20 in text mode, all with --json)
`;

/** `profile-first report`: the profile's lines and functions, as text or JSON. */
export const report: CliCommand = async (args, io) => {
  const parsed = parseArgs(args, { flags: ['--json', '--help'], options: ['--top'], aliases: { '-h': '--help' } });
  if (parsed.flags.has('--help')) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('needs exactly one profile FILE.');
  const json = parsed.flags.has('--json');
  const top = intOption(parsed, '--top', json ? Number.MAX_SAFE_INTEGER : 20);
  const file = parsed.positionals[0];
  const read = await readProfileFile(file);
  // The await timer's frames sit between the event loop and every coroutine: not the user's code.
  const profile = read.meta.kind === 'cpu' ? withoutAwaitTimerFrames(read) : read;
  const result = buildReport(profile, { top });
  if (json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return ExitCode.ok;
  }
  const sources = new SourceCache();
  printText(result, profile.meta, io, sources);
  const awaits = read.meta.kind === 'cpu' ? await readAwaitTimings(file) : undefined;
  if (awaits !== undefined && 'problem' in awaits) io.stderr(`warning: ignoring ${awaitsPath(file)}: ${awaits.problem}.\n`);
  else if (awaits !== undefined) printAwaits(awaits, profile.meta.durationSec, top, io, sources);
  return ExitCode.ok;
};

/** Text mode: `file:line  self%  total%  time  source` (the same view as the editor hints). */
function printText(r: ProfileReport, meta: Parameters<typeof formatWeight>[1], io: CliIo, sources: SourceCache): void {
  const head = [`${r.tool} ${r.kind} profile`, `total ${formatWeight(r.total, meta)}`];
  if (meta.unit === 'samples') head.push(`${r.total.toLocaleString('en-US')} samples`);
  if (r.sampleRate !== null) head.push(`${r.sampleRate} Hz`);
  io.stdout(`${head.join(' · ')}\n\n`);
  if (r.lines.length === 0) {
    io.stdout('No source lines in this profile.\n');
    return;
  }
  const rows = r.lines.map((l) => [
    `${l.file}:${l.line}`,
    formatPercent(l.self, r.total),
    formatPercent(l.total, r.total),
    formatWeight(l.self, meta),
    sources.line(l.file, l.line),
  ]);
  printTable(['line', 'self', 'total', meta.unit === 'bytes' ? 'bytes' : 'time', 'source'], rows, io);
}

/** First column left-aligned, the last free, the rest right-aligned. */
function printTable(header: string[], rows: string[][], io: CliIo): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  io.stdout(`${fmt(header)}\n`);
  for (const row of rows) io.stdout(`${fmt(row)}\n`);
}

/**
 * Where the program waited, from the await timer: time suspended per awaiting line (tasks
 * waiting at once add up, so shares of concurrent lines can pass 100 %), and distinct awaits.
 */
function printAwaits(t: AwaitTimings, recordingSec: number | undefined, top: number, io: CliIo, sources: SourceCache): void {
  const wall = runSeconds(t, recordingSec);
  const notes = [`${formatSeconds(wall)} run`, ...(t.python === '' ? [] : [`Python ${t.python}`]), ...(t.partial ? ['stopped early: the last second may be missing'] : [])];
  io.stdout(`\nAwait waiting time (${notes.join(' · ')})\n`);
  if (t.error !== undefined) io.stdout(`The await timer stopped early (${t.error}); the times cover the run up to then.\n`);
  const sites = topAwaitSites(t, top);
  if (sites.length === 0) {
    io.stdout('No await of the program itself waited.\n');
    return;
  }
  const rows = sites.map((s) => [`${s.file}:${s.line}`, formatSeconds(s.seconds), formatPercent(s.seconds, wall), s.calls.toLocaleString('en-US'), sources.line(s.file, s.line)]);
  printTable(['line', 'waited', 'of run', 'awaits', 'source'], rows, io);
  if (sites.some((s) => s.seconds > wall)) io.stdout('A line awaited by several tasks at once adds up their waits, so it can pass 100 % of the run.\n');
}

/** Source files larger than this are not shown beside the report (no source is that long). */
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** Reads source lines for display; a file not on this machine shows nothing. */
class SourceCache {
  private readonly files = new Map<string, string[] | undefined>();

  line(file: string, line: number): string {
    if (!this.files.has(file)) {
      let lines: string[] | undefined;
      try {
        // A profile may name any path (/dev/zero, a FIFO, a huge file): read only regular files of sane size.
        const info = statSync(file);
        if (info.isFile() && info.size <= MAX_SOURCE_BYTES) lines = readFileSync(file, 'utf8').split(/\r?\n/);
      } catch {
        lines = undefined;
      }
      this.files.set(file, lines);
    }
    const text = this.files.get(file)?.[line - 1];
    return text === undefined ? '' : text.trim().slice(0, 80);
  }
}
