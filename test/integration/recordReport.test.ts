// The CLI path of issue 2 end to end with the real py-spy: `record` a script, then `report` it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const python = join(root, '.venv', 'bin', 'python');
const script = join(root, 'examples', 'cpu_hot.py');
const dir = mkdtempSync(join(tmpdir(), 'pf-record-report-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  assert.ok(existsSync(cli), `${cli} is missing: run \`npm run build\` first.`);
  assert.ok(existsSync(python), `${python} is missing: run \`npm run setup\` (creates .venv with py-spy and memray).`);
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('record then report --json puts the HOT line of cpu_hot.py first, and hot_loop among the top functions', () => {
  const out = join(dir, 'cpu.speedscope.json');
  const rec = runCli(['record', '--rate', '100', '-o', out, '--', python, script, '2']);
  assert.equal(rec.status, 0, rec.stderr);
  assert.equal(rec.stdout.trim(), out);
  const rep = runCli(['report', out, '--json']);
  assert.equal(rep.status, 0, rep.stderr);
  const report = JSON.parse(rep.stdout) as {
    tool: string;
    kind: string;
    unit: string;
    total: number;
    sampleRate: number | null;
    lines: { file: string; line: number; self: number; total: number }[];
    functions: { name: string; file: string | null; self: number; total: number }[];
  };
  assert.deepEqual([report.tool, report.kind, report.unit, report.sampleRate], ['py-spy', 'cpu', 'samples', 100]);
  assert.deepEqual([report.lines[0].file, report.lines[0].line], [script, 13]);
  assert.ok(report.lines[0].self / report.total > 0.5, `the HOT line has ${report.lines[0].self} of ${report.total} samples`);
  const hot = report.functions.find((f) => f.name === 'hot_loop');
  assert.ok(hot !== undefined && hot.total / report.total > 0.5, 'hot_loop holds more than half of the samples');
});

test('report in text mode shows the hot line with its source text', () => {
  const out = join(dir, 'cpu2.speedscope.json');
  assert.equal(runCli(['record', '-o', out, '--', python, script, '1']).status, 0);
  const rep = runCli(['report', out, '--top', '3']);
  assert.equal(rep.status, 0, rep.stderr);
  const first = rep.stdout.split('\n').find((l) => l.startsWith(`${script}:`));
  assert.ok(first?.startsWith(`${script}:13 `), `first line row: ${first}`);
  assert.match(first ?? '', /# HOT$/);
});
