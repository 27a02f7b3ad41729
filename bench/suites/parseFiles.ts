import { readProfileFile } from '../../src/core/formats/readProfileFile';
import { emptyStreamStats } from '../../src/core/formats/streamStats';
import { ensureInput, type BenchInput } from '../generate/benchInputs';
import type { BenchContext, BenchSuite } from '../lib/benchContext';
import { missingRow, row, type BenchRow } from '../lib/benchRow';
import { productionBundles } from '../lib/bundles';
import { hasGnuTime, mb, measureProcess, medianProcess, type ProcessRun } from '../lib/measureProcess';

/**
 * `profile-first report --json` on big files, as a whole process (start-up, read, parse,
 * aggregate, print): time against `wc -l` (raw) or a plain `JSON.parse` in Node (speedscope) on
 * the same file in the same run, and peak RSS against the file's size.
 */

/** `node -e` program that only reads and JSON.parses the file: the speedscope baseline. */
const JSON_PARSE_ONLY = 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))';

function describe(input: BenchInput): string {
  const size = mb(input.bytes);
  return `${size.toFixed(size < 10 ? 1 : 0)} MB, ${input.uniqueStacks.toLocaleString('en-US')} distinct stacks, ${input.samples.toLocaleString('en-US')} samples`;
}

function rssRows(name: string, run: ProcessRun, input: BenchInput, note: string): BenchRow[] {
  if (Number.isNaN(run.maxRssBytes)) return [missingRow(`${name}: peak RSS / file size`, 'MB', `needs GNU time (${note})`, { on: 'ratio', max: 3 })];
  return [
    row({
      name: `${name}: peak RSS / file size`,
      value: mb(run.maxRssBytes),
      unit: 'MB',
      baseline: mb(input.bytes),
      baselineWhat: 'file size',
      target: { on: 'ratio', max: 3 },
      note,
    }),
  ];
}

async function reportRows(ctx: BenchContext, cli: string, input: BenchInput, label: string): Promise<BenchRow[]> {
  const isRaw = input.format === 'raw';
  const name = `report --json, ${label} ${isRaw ? 'raw' : 'speedscope'}`;
  ctx.log(`${name} (${describe(input)})`);
  const ours = medianProcess(process.execPath, [cli, 'report', '--json', input.file], ctx.sizes.runs);
  const base = isRaw ? medianProcess('wc', ['-l', input.file], ctx.sizes.runs) : medianProcess(process.execPath, ['-e', JSON_PARSE_ONLY, input.file], ctx.sizes.runs);
  const baseName = isRaw ? 'wc -l' : 'JSON.parse in node';
  const baseRss = Number.isNaN(base.maxRssBytes) ? '' : `; ${baseName} alone peaks at ${mb(base.maxRssBytes).toFixed(0)} MB`;
  return [
    row({
      name: `${name}: time`,
      value: ours.wallMs,
      unit: 'ms',
      baseline: base.wallMs,
      baselineWhat: `${baseName}, same file`,
      target: { on: 'ratio', max: 10 },
      note: `${describe(input)}; whole process, median of ${ctx.sizes.runs}`,
    }),
    ...rssRows(name, ours, input, `median of ${ctx.sizes.runs}${baseRss}`),
  ];
}

/** The big-file rows: completes, streamed, peak RSS under 1 GB. One run (it is the longest). */
async function bigFileRows(ctx: BenchContext, cli: string, input: BenchInput, label: string): Promise<BenchRow[]> {
  const isRaw = input.format === 'raw';
  const name = `report --json, ${label} ${isRaw ? 'raw' : 'speedscope'}`;
  ctx.log(`${name} (${describe(input)})`);
  const base = isRaw ? measureProcess('wc', ['-l', input.file]) : undefined; // also puts the file in the page cache
  const ours = measureProcess(process.execPath, [cli, 'report', '--json', input.file]);
  const rows: BenchRow[] = [];
  rows.push(
    Number.isNaN(ours.maxRssBytes)
      ? missingRow(`${name}: peak RSS`, 'MB', 'needs GNU time', { on: 'value', max: 1000 })
      : row({
          name: `${name}: peak RSS`,
          value: mb(ours.maxRssBytes),
          unit: 'MB',
          baseline: 1000,
          baselineWhat: 'target 1 GB',
          target: { on: 'value', max: 1000 },
          note: `${describe(input)}; completed in ${(ours.wallMs / 1000).toFixed(1)} s`,
        }),
  );
  if (base !== undefined) {
    rows.push(row({ name: `${name}: time`, value: ours.wallMs, unit: 'ms', baseline: base.wallMs, baselineWhat: 'wc -l, same file', note: 'one run' }));
  }
  // Streamed: read in-process with the reader's own accounting of the most text held at once.
  const stats = emptyStreamStats();
  await readProfileFile(input.file, { streamStats: stats });
  rows.push(
    row({
      name: `${name}: most text held at once`,
      value: stats.largestHeld / 1e6,
      unit: 'MB',
      baseline: input.bytes / 1e6,
      baselineWhat: 'file size',
      target: { on: 'ratio', max: 0.01 },
      note: `${stats.chunks.toLocaleString('en-US')} chunks of ≤ ${(stats.largestChunk / 1024).toFixed(0)} KiB; never the whole file`,
    }),
  );
  return rows;
}

export const parseFilesSuite: BenchSuite = {
  name: 'parse',
  async run(ctx) {
    if (!hasGnuTime()) ctx.log('GNU time (/usr/bin/time) is missing: peak RSS rows are skipped. Install it with `sudo apt-get install time`.');
    const { cli } = await productionBundles();
    const s = ctx.sizes;
    const rows: BenchRow[] = [];
    rows.push(...(await reportRows(ctx, cli, ensureInput('raw', { uniqueStacks: s.rawStacks }, ctx.log), s.fileLabel)));
    rows.push(...(await reportRows(ctx, cli, ensureInput('speedscope', { uniqueStacks: s.speedscopeStacks }, ctx.log), s.fileLabel)));
    rows.push(...(await bigFileRows(ctx, cli, ensureInput('raw', { uniqueStacks: s.bigRawStacks }, ctx.log), s.bigFileLabel)));
    if (s.bigSpeedscopeStacks > 0) rows.push(...(await bigFileRows(ctx, cli, ensureInput('speedscope', { uniqueStacks: s.bigSpeedscopeStacks }, ctx.log), s.bigFileLabel)));
    return rows;
  },
};
