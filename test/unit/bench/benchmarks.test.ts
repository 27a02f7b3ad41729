/**
 * Every benchmark still runs (issue 8): each suite of `npm run bench` at its tiny size must
 * produce its rows with a value, a baseline and their ratio. No timing is asserted: the numbers
 * of a tiny run mean nothing, and benchmarks never gate tests.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SIZES, type BenchSuite } from '../../../bench/lib/benchContext';
import { formatTable, jsonLine, type BenchRow } from '../../../bench/lib/benchRow';
import { SUITES } from '../../../bench/run';
import { lintRowFrom } from '../../../bench/suites/lint';

const ROOT = join(__dirname, '..', '..', '..');
const ctx = { sizes: SIZES.tiny, log: () => undefined };

function suite(name: string): BenchSuite {
  const found = SUITES.find((s) => s.name === name);
  assert.ok(found, `no suite named ${name}`);
  return found;
}

/** Rows with a name, a unit, numbers where measured (a note where not) and ratio = value / baseline. */
function assertWellFormed(rows: readonly BenchRow[], minimum: number): void {
  assert.ok(rows.length >= minimum, `${rows.length} rows`);
  for (const r of rows) {
    assert.ok(r.name.length > 0 && typeof r.unit === 'string', JSON.stringify(r));
    if (Number.isNaN(r.value)) {
      assert.ok(r.note !== undefined && r.note.length > 0, `${r.name}: no value and no reason`);
      continue;
    }
    assert.ok(Number.isFinite(r.value) && Number.isFinite(r.baseline), `${r.name}: ${r.value} vs ${r.baseline}`);
    if (r.baseline !== 0) assert.equal(r.ratio, r.value / r.baseline, r.name);
    assert.deepEqual(Object.keys(JSON.parse(jsonLine(r)) as object), ['name', 'value', 'unit', 'baseline', 'ratio']);
  }
  assert.ok(formatTable(rows).includes(rows[0].name));
}

const EXPECTED: readonly (readonly [string, number])[] = [
  ['parse', 9], // raw and speedscope: time + RSS each; the big raw file: RSS, time, text held
  ['after-recording', 1],
  ['flame-graph', 5], // host, first paint, zoom, DOM, heap per size
  ['host-thread', 1], // longest event-loop block while a profile opens in the parse worker
  ['activation', 3],
  ['decorations', 2],
  ['py-spy-overhead', 3],
];

for (const [name, minimum] of EXPECTED) {
  test(`the ${name} benchmark runs at its tiny size and produces its rows`, { timeout: 300_000 }, async () => {
    const rows = await suite(name).run(ctx);
    assertWellFormed(rows, name === 'parse' ? minimum - 2 : minimum); // no 300 MB speedscope row in tiny
  });
}

// bench/lint.bench.ts belongs to the async lint and has no small size (50,000 lines, a minute
// on a loaded machine), so here its output format is what is checked: the lines the row reads.
test('the lint row reads bench/lint.bench.ts output, and the bench still prints those lines', () => {
  const sample = [
    'generated file: 50,009 lines, 2778 findings (926 fixable, 1852 not)',
    'baseline: tree-sitter parse alone      528 ms CPU      94,665 lines/s',
    'lint (rules + fixes + re-parse)       1787 ms CPU      27,983 lines/s   (3.38× baseline time)',
  ].join('\n');
  const row = lintRowFrom(sample);
  assert.equal(row.value, 27_983);
  assert.equal(row.baseline, 94_665);
  assertWellFormed([row], 1);
  assert.ok(Number.isNaN(lintRowFrom('something else').value));
  const source = readFileSync(join(ROOT, 'bench', 'lint.bench.ts'), 'utf8');
  assert.match(source, /console\.log\(`baseline:[^`]*lines\/s/);
  assert.match(source, /console\.log\(`lint [^`]*lines\/s/);
});

test('`bench/run.ts --json` prints one JSON object per row and line, with exactly the five keys', { timeout: 120_000 }, () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'run.ts'), '--tiny', '--json', '--only', 'decorations'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 2);
  for (const line of lines) {
    const row = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(Object.keys(row), ['name', 'value', 'unit', 'baseline', 'ratio']);
    assert.equal(typeof row.value, 'number');
  }
});
