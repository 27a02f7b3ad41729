import { readFileSync, statSync } from 'node:fs';
import { readProfileFile } from '../../core/formats/readProfileFile';
import { buildReport, type ProfileReport } from '../../core/model/report';
import { formatPercent, formatWeight } from '../../core/model/units';
import { intOption, parseArgs } from '../argParser';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cliIo';

const HELP = `Usage: profile-first report FILE [--json] [--top N]

Prints the hottest lines and functions of a profile (py-spy raw or speedscope, collapsed stacks).
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
  const profile = await readProfileFile(parsed.positionals[0]);
  const result = buildReport(profile, { top });
  if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else printText(result, profile.meta, io);
  return ExitCode.ok;
};

/** Text mode: `file:line  self%  total%  time  source` (the same view as the editor hints). */
function printText(r: ProfileReport, meta: Parameters<typeof formatWeight>[1], io: CliIo): void {
  const head = [`${r.tool} ${r.kind} profile`, `total ${formatWeight(r.total, meta)}`];
  if (meta.unit === 'samples') head.push(`${r.total.toLocaleString('en-US')} samples`);
  if (r.sampleRate !== null) head.push(`${r.sampleRate} Hz`);
  io.stdout(`${head.join(' · ')}\n\n`);
  if (r.lines.length === 0) {
    io.stdout('No source lines in this profile.\n');
    return;
  }
  const sources = new SourceCache();
  const rows = r.lines.map((l) => [
    `${l.file}:${l.line}`,
    formatPercent(l.self, r.total),
    formatPercent(l.total, r.total),
    formatWeight(l.self, meta),
    sources.line(l.file, l.line),
  ]);
  const header = ['line', 'self', 'total', meta.unit === 'bytes' ? 'bytes' : 'time', 'source'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  io.stdout(`${fmt(header)}\n`);
  for (const row of rows) io.stdout(`${fmt(row)}\n`);
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
