// `npm run bench` (through scripts/bench.mjs): runs every benchmark suite, each in its own Node
// process (a 10^6-stack flame graph must not share a heap with the next measurement), and prints
// the table: every row with its value, a baseline measured in the same run, the ratio,
// the target and whether it is met. Never asserts: a missed target is printed, not failed.
//
//   node --import tsx bench/run.ts [--json] [--quick] [--only parse,flame-graph,…]
//
// --json prints one JSON object per row and line ({ name, value, unit, baseline, ratio });
// progress goes to stderr either way.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { activationSuite } from './suites/activation';
import { afterRecordingSuite } from './suites/afterRecording';
import { decorationsSuite } from './suites/decorations';
import { flameGraphSuite } from './suites/flameGraph';
import { hostThreadSuite } from './suites/hostThread';
import { lintSuite } from './suites/lint';
import { parseFilesSuite } from './suites/parseFiles';
import { pySpyOverheadSuite } from './suites/pySpyOverhead';
import { SIZES, type BenchMode, type BenchSuite } from './lib/benchContext';
import { formatTable, jsonLine, missingRow, verdict, type BenchRow } from './lib/benchRow';

export const SUITES: readonly BenchSuite[] = [
  parseFilesSuite,
  afterRecordingSuite,
  flameGraphSuite,
  hostThreadSuite,
  activationSuite,
  decorationsSuite,
  lintSuite,
  pySpyOverheadSuite,
];

const ROWS_MARKER = 'PF_BENCH_ROWS ';

interface Options {
  readonly json: boolean;
  readonly mode: BenchMode;
  readonly only: readonly string[];
  /** Internal: run this one suite and print its rows for the parent. */
  readonly suite?: string;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const mode: BenchMode = argv.includes('--tiny') ? 'tiny' : argv.includes('--quick') ? 'quick' : 'full';
  const only = (value('--only') ?? '').split(',').filter((s) => s !== '');
  const unknown = only.filter((name) => !SUITES.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}; the suites are ${SUITES.map((s) => s.name).join(', ')}`);
  return { json: argv.includes('--json'), mode, only, suite: value('--suite') };
}

const log = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

/** Child side: one suite, rows as one marked JSON line on stdout. */
async function runOne(name: string, mode: BenchMode): Promise<void> {
  const suite = SUITES.find((s) => s.name === name);
  if (suite === undefined) throw new Error(`unknown suite ${name}`);
  const rows = await suite.run({ sizes: SIZES[mode], log });
  process.stdout.write(`${ROWS_MARKER}${JSON.stringify(rows)}\n`);
}

/** Parent side: a suite in a fresh process; a crash becomes a row saying so. */
function spawnSuite(suite: BenchSuite, mode: BenchMode): BenchRow[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--suite', suite.name, `--${mode}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith(ROWS_MARKER));
  if (r.status === 0 && line !== undefined) {
    // NaN does not survive JSON: missing values come back as null.
    return (JSON.parse(line.slice(ROWS_MARKER.length)) as BenchRow[]).map((row) => ({
      ...row,
      value: row.value ?? NaN,
      baseline: row.baseline ?? NaN,
      ratio: row.ratio ?? NaN,
    }));
  }
  return [missingRow(`${suite.name}: did not complete`, '', `exit status ${r.status ?? r.signal}; see the messages above`)];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.suite !== undefined) {
    await runOne(options.suite, options.mode);
    return;
  }
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const suites = SUITES.filter((s) => options.only.length === 0 || options.only.includes(s.name));
  log(`${options.mode} run: ${suites.map((s) => s.name).join(', ')}`);
  const rows: BenchRow[] = [];
  for (const suite of suites) {
    const got = spawnSuite(suite, options.mode);
    rows.push(...got);
    if (options.json) for (const r of got) process.stdout.write(`${jsonLine(r)}\n`);
  }
  const minutes = (performance.now() - started) / 60_000;
  // Absolute times depend on how busy the machine was; the ratios much less (each baseline ran beside its value).
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end`;
  if (!options.json) {
    process.stdout.write(`\n${formatTable(rows)}\n\n`);
    const missed = rows.filter((r) => verdict(r) === 'MISSED');
    process.stdout.write(`${rows.length} rows, ${missed.length} targets missed, ${minutes.toFixed(1)} min (${options.mode}).\nMachine: ${machine}.\n`);
  } else {
    log(`machine: ${machine}`);
  }
  log(`done in ${minutes.toFixed(1)} min`);
  if (rows.some((r) => r.name.endsWith('did not complete'))) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    log(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
  });
}
