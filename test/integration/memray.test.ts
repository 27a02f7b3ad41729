/**
 * The real memray (from .venv, `npm run setup`) on the memory examples: `profile-first memory`
 * then `report --json` finds the hot line; leaks land on the leaking line; attach with gdb
 * captures what a running process allocates after it; stop and cancel leave nothing running.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../src/cli/main';
import { ToolMissingError } from '../../src/core/errors';
import { MemrayAttachRecording } from '../../src/core/capture/memrayAttach';
import { captureFileState } from '../../src/core/capture/memrayFiles';
import { MemrayRecording } from '../../src/core/capture/memrayRecording';
import { aggregateLineAllocations } from '../../src/core/formats/memrayModel';
import { readMemrayCapture } from '../../src/core/formats/memrayRead';
import { aggregateLines } from '../../src/core/model/aggregate';
import type { ProfileReport } from '../../src/core/model/report';
import { isAlive, processesWithMarker, repoRoot, sleep, uniqueMarker, waitFor } from './helpers/pyspyTestEnv';

const memHot = join(repoRoot, 'examples', 'mem_hot.py');
const memLeak = join(repoRoot, 'examples', 'mem_leak.py');
/** The line of mem_hot.py marked HOT, and of mem_leak.py marked LEAK. */
const HOT_LINE = 12;
const LEAK_LINE = 17;
/** bytes(10_000) is a 10,000-byte payload in a 33-byte bytes object (CPython 3.11, 64-bit). */
const LEAK_BYTES_EACH = 10_033;
const MiB = 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), 'pf-memray-'));
chmodSync(work, 0o755);
let python: string;
const started: ChildProcess[] = [];

before(() => {
  python = join(repoRoot, '.venv', 'bin', 'python');
  const probe = spawnSync(python, ['-c', 'import memray'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`These tests run the real memray, which was not found in ${python}. Run \`npm run setup\`: it creates .venv with memray from python/requirements-dev.txt.`);
});
after(() => {
  for (const child of started) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** Runs one CLI command in this process and collects its output. */
async function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: work, env });
  return { code, stdout, stderr };
}

/** Starts a Python example in the background (killed after the tests). */
function startExample(args: string[]): ChildProcess {
  const child = spawn(python, args, { stdio: 'ignore' });
  started.push(child);
  return child;
}

test('memory records mem_hot.py; report --json puts the HOT line first with 64 MiB ± 5 % of self', { timeout: 60_000 }, async () => {
  const out = join(work, 'hot.bin');
  const rec = await cli(['memory', '-o', out, '--', python, memHot]);
  assert.equal(rec.code, 0, rec.stderr);
  assert.equal(rec.stdout, `${out}\n`, 'stdout is the capture path only');
  assert.match(rec.stderr, /memray: peak \d+\.\d MiB; top line .*mem_hot\.py:12: 64\.0 MiB in 64 allocations/);
  const rep = await cli(['report', out, '--json']);
  assert.equal(rep.code, 0, rep.stderr);
  const report = JSON.parse(rep.stdout) as ProfileReport;
  assert.deepEqual([report.tool, report.kind, report.unit], ['memray', 'memory', 'bytes']);
  const [top] = report.lines;
  assert.deepEqual([top.file, top.line], [memHot, HOT_LINE]);
  assert.ok(Math.abs(top.self - 64 * MiB) <= 0.05 * 64 * MiB, `self ${top.self}`);
  assert.ok(top.total >= top.self && report.total >= top.self);
});

test('memory --mode leaks runs with PYTHONMALLOC=malloc; the leaked bytes land on the LEAK line', { timeout: 60_000 }, async () => {
  const out = join(work, 'leak.bin');
  const rec = await cli(['memory', '--mode', 'leaks', '-o', out, '--', python, memLeak, '500']);
  assert.equal(rec.code, 0, rec.stderr);
  assert.match(rec.stderr, /running with PYTHONMALLOC=malloc/);
  assert.equal((JSON.parse(readFileSync(`${out}.pfmeta.json`, 'utf8')) as { pythonMalloc?: string }).pythonMalloc, 'malloc');
  const capture = await readMemrayCapture(out);
  assert.equal(capture.leaksExact, true);
  const leaks = capture.leaks;
  assert.ok(leaks);
  const [top] = aggregateLines(leaks);
  assert.deepEqual([top.file, top.line], [memLeak, LEAK_LINE]);
  const expected = 500 * LEAK_BYTES_EACH;
  assert.ok(Math.abs(top.self - expected) <= 0.05 * expected, `leaked ${top.self}, expected about ${expected}`);
  const allocs = aggregateLineAllocations(leaks).find((l) => l.file === memLeak && l.line === LEAK_LINE);
  assert.ok(allocs && allocs.self >= 500 && allocs.self <= 520, `allocations ${allocs?.self}`);
});

test('attach with gdb to a running example captures only the allocations made after attaching', { timeout: 120_000 }, async () => {
  // About one 10 KB buffer every 2 ms; 3 s before attaching, so ≥ 1,000 buffers exist before memray does.
  const target = startExample([memLeak, '200000', '0.002']);
  await sleep(3000);
  const attachedAt = Date.now();
  const outputFile = join(work, 'attached.bin');
  const rec = MemrayAttachRecording.attach({ python, pid: target.pid as number, outputFile, options: { durationSec: 1 } });
  let result;
  try {
    result = await rec.result;
  } catch (err) {
    // Fail with memray's own words (e.g. no gdb, no ptrace rights in this sandbox), never skip.
    throw new Error(`memray attach could not attach here: ${(err as Error).message}\n${rec.commandLine.join(' ')}`);
  }
  assert.equal(result.outcome, 'completed');
  assert.equal(await captureFileState(outputFile), 'finished');
  assert.ok(isAlive(target.pid as number), 'the target keeps running after memray detached');
  const capture = await readMemrayCapture(outputFile);
  assert.ok(capture.info.startTime && Date.parse(capture.info.startTime) >= attachedAt - 1000, `tracking started at ${capture.info.startTime}, attach at ${new Date(attachedAt).toISOString()}`);
  const leaks = capture.leaks;
  assert.ok(leaks);
  const line = aggregateLineAllocations(leaks).find((l) => l.file === memLeak && l.line === LEAK_LINE);
  // ~1 s of tracking at one buffer per 2+ ms: a few hundred buffers, never the thousands made before.
  assert.ok(line && line.self >= 50 && line.self <= 900, `buffers captured on the LEAK line: ${line?.self}`);
  const bytes = aggregateLines(leaks).find((l) => l.file === memLeak && l.line === LEAK_LINE)?.self ?? 0;
  assert.ok(bytes >= line.self * LEAK_BYTES_EACH * 0.95, `bytes ${bytes}`);
  target.kill('SIGKILL');
});

test('attach stop() detaches early: the capture is finished and the target keeps running', { timeout: 120_000 }, async () => {
  const target = startExample([memLeak, '200000', '0.002']);
  await sleep(500);
  const rec = MemrayAttachRecording.attach({ python, pid: target.pid as number, outputFile: join(work, 'attach-stopped.bin'), options: {} });
  assert.ok(await waitFor(() => rec.state === 'running', 60_000), `state ${rec.state}`);
  await sleep(800);
  const result = await rec.stop();
  assert.equal(result.outcome, 'stopped');
  assert.ok(isAlive(target.pid as number));
  const capture = await readMemrayCapture(result.outputFile);
  assert.ok((aggregateLines(capture.leaks ?? capture.peak!).find((l) => l.line === LEAK_LINE)?.self ?? 0) > 0);
  assert.deepEqual(readdirSync(work).filter((n) => n.includes('.tmp-')), []);
  target.kill('SIGKILL');
});

test('attach to a process whose environment has no memray says to install it there', { timeout: 120_000 }, async () => {
  // -S: no site-packages in the target, so memray cannot be imported inside it.
  const target = startExample(['-S', memLeak, '200000', '0.002']);
  await sleep(500);
  const outputFile = join(work, 'no-memray.bin');
  const err = await MemrayAttachRecording.attach({ python, pid: target.pid as number, outputFile, options: { durationSec: 1 } }).result.then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ToolMissingError, String(err));
  assert.match(err.message, new RegExp(`memray is not installed in the environment of process ${target.pid}`));
  assert.ok(isAlive(target.pid as number), 'a failed attach leaves the target running');
  assert.equal(existsSync(outputFile), false);
  target.kill('SIGKILL');
});

test('stop() during a launch: SIGINT lets memray finish the capture, and nothing is left running', { timeout: 60_000 }, async () => {
  const marker = uniqueMarker('memray-stop');
  const rec = MemrayRecording.launch({ target: { python, script: memLeak, args: ['200000', '0.002', marker] }, outputFile: join(work, 'stopped.bin'), options: {} });
  await sleep(2500);
  const result = await rec.stop();
  assert.equal(result.outcome, 'stopped');
  assert.equal(await captureFileState(result.outputFile), 'finished');
  const capture = await readMemrayCapture(result.outputFile);
  // Whatever was allocated until Ctrl-C is in the capture (how much depends on the machine's load).
  const buffers = aggregateLineAllocations(capture.peak!).find((l) => l.file === memLeak && l.line === LEAK_LINE)?.self ?? 0;
  assert.ok(buffers >= 10, `buffers on the LEAK line: ${buffers}`);
  assert.deepEqual(processesWithMarker(marker), []);
  assert.deepEqual(readdirSync(work).filter((n) => n.includes('.tmp-')), []);
});

test('cancel() kills the program and keeps no capture', { timeout: 60_000 }, async () => {
  const marker = uniqueMarker('memray-cancel');
  const outputFile = join(work, 'cancelled.bin');
  const rec = MemrayRecording.launch({ target: { python, script: memLeak, args: ['200000', '0.002', marker] }, outputFile, options: {} });
  await sleep(1000);
  const result = await rec.cancel();
  assert.equal(result.outcome, 'cancelled');
  assert.equal(existsSync(outputFile), false);
  assert.ok(await waitFor(() => processesWithMarker(marker).length === 0, 2000));
  assert.deepEqual(readdirSync(work).filter((n) => n.includes('.tmp-')), []);
});
