/**
 * The async example's whole story without VS Code: `profile-first lint` flags the sequential
 * loop in examples/async_fetch/fetch.py (PF101, fixable), `lint --fix` rewrites a copy with
 * asyncio.gather, and the rewritten program fetches the same 20 items from its local server on
 * 127.0.0.1 in a fraction of the time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { lint } from '../../src/cli/commands/lint';
import type { CliIo } from '../../src/cli/cliIo';

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'async_fetch', 'fetch.py');
const PYTHON = process.env.PROFILE_FIRST_PYTHON ?? 'python3';

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: process.env };
}

/** Runs the example and returns its result line and the seconds it reports. */
function runExample(file: string): { result: string; seconds: number } {
  const r = spawnSync(PYTHON, [file, '20'], { encoding: 'utf8', timeout: 90_000 });
  if (r.error !== undefined) throw new Error(`could not run ${PYTHON}: ${r.error.message}. Install Python 3 or set PROFILE_FIRST_PYTHON.`);
  assert.equal(r.status, 0, r.stderr);
  const [result, took] = r.stdout.trim().split('\n');
  const m = /^took ([\d.]+) s$/.exec(took ?? '');
  assert.ok(m !== null, `unexpected output: ${r.stdout}`);
  return { result, seconds: Number(m[1]) };
}

describe('the async_fetch example', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pf-async-example-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('lint --json reports one fixable PF101 finding on the awaited request in the loop', async () => {
    const cli = io(ROOT);
    const code = await lint(['--json', 'examples/async_fetch'], cli);
    assert.equal(code, 1);
    const { findings } = JSON.parse(cli.out.join('')) as { findings: { file: string; line: number; rule: string; fixable: boolean }[] };
    const line = readFileSync(EXAMPLE, 'utf8').split('\n').findIndex((l) => l.includes('results.append(await client.get(path))')) + 1;
    assert.deepEqual(
      findings.map((f) => ({ file: f.file, line: f.line, rule: f.rule, fixable: f.fixable })),
      [{ file: join('examples', 'async_fetch', 'fetch.py'), line, rule: 'PF101', fixable: true }],
    );
  });

  test('lint --fix rewrites a copy with asyncio.gather, and the copy fetches the same items in under 0.6x the time', async () => {
    const copy = join(dir, 'fetch.py');
    copyFileSync(EXAMPLE, copy);
    const cli = io(dir);
    assert.equal(await lint(['--fix', 'fetch.py'], cli), 0, cli.err.join(''));
    assert.match(cli.err.join(''), /^Fixed 1 finding in 1 file; 0 left\.$/m);
    const fixed = readFileSync(copy, 'utf8');
    assert.match(fixed, /results = await asyncio\.gather\(\*\[client\.get\(path\) for path in paths\]\)/);
    const before = runExample(EXAMPLE);
    const afterFix = runExample(copy);
    assert.equal(afterFix.result, before.result);
    assert.equal(before.result, 'fetched 20 items, sum of squares 2470');
    assert.ok(afterFix.seconds < 0.6 * before.seconds, `fixed ${afterFix.seconds} s vs original ${before.seconds} s`);
  });
});
