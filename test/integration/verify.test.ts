// `profile-first verify` on real Python programs (examples/verify), through the CLI command with
// --json, so the JSON contract, the runner, the measuring helper and the statistics are tested
// together. Needs python3 on PATH. Timings are printed for the closing note.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { verify } from '../../src/cli/commands/verify';
import type { CliIo } from '../../src/cli/cliIo';
import type { VerifyJson } from '../../src/core/verify/json';

const root = join(__dirname, '..', '..');
const examples = join(root, 'examples', 'verify');
/**
 * The interpreter itself, not a version-manager shim: pyenv's `python3` is a bash script that
 * runs several processes before Python starts, adding 30–60 ms of noise to every run.
 */
const python = pythonExecutable();
const script = (name: string) => `${python} ${join(examples, name)}`;

function pythonExecutable(): string {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  } catch {
    return 'python3'; // the first test reports that python3 is missing
  }
}

async function runVerify(args: string[]): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: root, env: process.env };
  const start = process.hrtime.bigint();
  const code = await verify(args, io);
  return { code, stdout, stderr, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

async function verifyJson(baseline: string, candidate: string, runs: number): Promise<VerifyJson> {
  const r = await runVerify(['--runs', String(runs), '--baseline', baseline, '--candidate', candidate, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as VerifyJson;
  const summary = Object.entries(json.metrics)
    .map(([k, m]) => `${k} ${m.ratio.toFixed(3)} [${m.ci95[0].toFixed(3)}, ${m.ci95[1].toFixed(3)}] p=${m.pValue.toPrecision(2)} ${m.direction}`)
    .join('; ');
  console.log(`verify ${baseline.split('/').pop()} → ${candidate.split('/').pop()}, ${runs} runs: ${json.verdict} in ${r.seconds.toFixed(1)} s (${summary})`);
  return json;
}

test('python3 is on PATH for the verify integration tests', () => {
  const found = (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, 'python3')));
  assert.ok(found, 'python3 is not on PATH: install Python 3.8+ (e.g. apt-get install python3) to run these tests');
});

test('slow.py against fast.py is better, with wall time significantly lower', async () => {
  const json = await verifyJson(script('slow.py'), script('fast.py'), 10);
  assert.equal(json.verdict, 'better', json.reasons.join('\n'));
  const wall = json.metrics.wallSec;
  assert.ok(wall);
  assert.equal(wall.significant, true, json.reasons.join('\n'));
  assert.equal(wall.direction, 'better');
  assert.ok(wall.ratio < 0.8, `wall ratio ${wall.ratio}`);
  assert.equal(wall.baseline.values.length, 10);
  assert.equal(json.metrics.peakRssBytes?.direction, 'none');
});

test('a script against itself is no-difference', async () => {
  const json = await verifyJson(script('fast.py'), script('fast.py'), 10);
  assert.equal(json.verdict, 'no-difference', json.reasons.join('\n'));
});

test('a faster candidate holding 200 MiB more is a trade-off that names peakRssBytes', async () => {
  const json = await verifyJson(script('slow.py'), script('fast_hungry.py'), 10);
  assert.equal(json.verdict, 'trade-off', json.reasons.join('\n'));
  assert.match(json.reasons[0], /^trade-off: better .*; worse peakRssBytes$/);
  const rss = json.metrics.peakRssBytes;
  assert.ok(rss && rss.ratio > 5, `peak RSS ratio ${rss?.ratio}`);
});

test('a command that exits non-zero fails the verification with exit status 1 and its stderr', async () => {
  const r = await runVerify(['--runs', '2', '--baseline', script('fast.py'), '--candidate', `${python} -c 'import sys; sys.exit("bad input: 42")'`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The candidate command exited with status 1 on warm-up run 1: \S*python3\S* -c 'import sys; sys.exit\("bad input: 42"\)'$/m);
  assert.match(r.stderr, /its stderr:\n {2}bad input: 42\n/);
  assert.equal(r.stdout, '');
});

test('CPU time covers the whole process tree and peak RSS the largest process in it', async () => {
  const child = `import sys, subprocess; subprocess.run([sys.executable, "-c", "x = bytearray([1]) * (64 << 20); sum(range(3 * 10**6))"], check=True)`;
  const json = await verifyJson(`${python} -c '${child}'`, `${python} -c 'pass'`, 3);
  const cpu = json.metrics.cpuSec;
  const rss = json.metrics.peakRssBytes;
  assert.ok(cpu && rss);
  // The parent only waits; the 0.05 s+ of CPU and the 64 MiB are its child's.
  assert.ok(cpu.baseline.median > cpu.candidate.median + 0.04, `cpu ${cpu.baseline.median} vs ${cpu.candidate.median}`);
  assert.ok(rss.baseline.median > 64 * 2 ** 20, `peak RSS ${rss.baseline.median}`);
});

test('cancelling stops the running command and its children, and reports VerifyCancelledError', async () => {
  const { verifyChange } = await import('../../src/core/verify/verifyChange');
  const { VerifyCancelledError } = await import('../../src/core/verify/errors');
  const pidFile = join(mkdtempSync(join(tmpdir(), 'pf-cancel-')), 'pid');
  const sleeper = `${python} -c 'import os, time; open("${pidFile}", "w").write(str(os.getpid())); time.sleep(60)'`;
  const controller = new AbortController();
  const started = Date.now();
  const running = verifyChange({ baseline: sleeper, candidate: sleeper, runs: 2, warmup: 0, cwd: root, env: process.env, signal: controller.signal });
  while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await new Promise((r) => setTimeout(r, 50));
  const pid = Number(readFileSync(pidFile, 'utf8'));
  controller.abort();
  await assert.rejects(running, VerifyCancelledError);
  assert.ok(Date.now() - started < 10_000);
  assert.ok(!isRunning(pid), `process ${pid} outlived the cancelled verification`);
});

/** Alive and not a zombie (a killed process stays a zombie until some parent reaps it). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // Field 3 of /proc/PID/stat is the state; "Z" is dead but not reaped yet.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
