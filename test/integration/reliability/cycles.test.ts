/**
 * Processes are always cleaned up (issue 9, point 4), with the real py-spy and memray: many
 * start/cancel cycles of py-spy launch and attach recordings and of memray launch recordings, then a program that crashes, py-spy killed under the
 * recording, and a program that leaves a daemon behind. PF_CYCLES sets the cycle count (20 in
 * `npm test`, 100 in `npm run soak`).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MemrayRecording } from '../../../src/core/capture/memrayRecording';
import { PySpyRecording, type RecordingResult } from '../../../src/core/capture/pyspyRecording';
import { RunFailedError } from '../../../src/core/errors';
import { cpuHot, isAlive, lineShare, processesWithMarker, requirePySpy, requirePython, sleep, uniqueMarker, waitFor } from '../helpers/pyspyTestEnv';
import { requireMemrayPython } from '../../unit/memray/memrayFixtures';
import { cpuTicks, envCount, openDescriptors, processState, reliabilityPrograms } from './reliabilityEnv';

const CYCLES = envCount('PF_CYCLES', 20);
/**
 * Descriptors this process may hold beyond its starting count after the cycles. Each recording
 * opens two pipes (four descriptors), so a leak grows by at least 2 × CYCLES; 2 allows for a
 * handle libuv or the test runner opens once, lazily, during the run (measured: 0 after the
 * warm-up cycle on Node 20).
 */
const FD_TOLERANCE = 2;
/** Waits between start and cancel, so cancel lands before, during and after py-spy starts the program. */
const CANCEL_DELAYS_MS = [0, 20, 100, 300, 600];

let pyspy: string;
let python: string;
const out = mkdtempSync(join(tmpdir(), 'pf-cycles-'));
before(async () => {
  pyspy = await requirePySpy();
  python = await requirePython();
});
after(() => rmSync(out, { recursive: true, force: true }));

/** Every process whose command line names our output folder (py-spy is given `-o <out>/…`). */
const ourProcesses = (): number[] => processesWithMarker(out);
/** A fresh folder for one test's recordings, so one test's leftovers never fail another. */
const folder = (label: string): string => mkdtempSync(join(out, `${label}-`));

async function settleDescriptors(): Promise<void> {
  // 'close' events of the pipes run on the next turns of the event loop.
  await sleep(100);
}

function leakedDescriptors(before: Map<string, string>): string[] {
  const now = openDescriptors();
  return [...now].filter(([fd, target]) => before.get(fd) !== target).map(([fd, target]) => `${fd} → ${target}`);
}

test(`${CYCLES} launch recordings cancelled at once or after up to 0.6 s leave no py-spy, no program, no file and no descriptor behind`, async (t) => {
  const marker = uniqueMarker('launch-cycles');
  const dir = folder('launch');
  const cycle = async (i: number): Promise<RecordingResult> => {
    const rec = PySpyRecording.launch({ pyspy, outputFile: join(dir, `launch-${i}.speedscope.json`), options: { rate: 100 }, target: { python, script: cpuHot, args: ['30', marker] } });
    await sleep(CANCEL_DELAYS_MS[i % CANCEL_DELAYS_MS.length]);
    const result = await rec.cancel();
    assert.equal(isAlive(rec.pid as number), false, `cycle ${i}: py-spy ${rec.pid} still alive`);
    assert.deepEqual(processesWithMarker(marker), [], `cycle ${i}: program still running`);
    return result;
  };
  await cycle(-1); // warm-up: lets the runtime open its lazily created handles before the baseline
  await settleDescriptors();
  const descriptors = openDescriptors();
  const started = Date.now();
  for (let i = 0; i < CYCLES; i++) {
    const result = await cycle(i);
    assert.equal(result.outcome, 'cancelled', `cycle ${i}`);
    assert.equal(result.outputWritten, false, `cycle ${i}`);
  }
  await settleDescriptors();
  t.diagnostic(`${CYCLES} launch cycles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.deepEqual(ourProcesses(), [], 'a py-spy started by the cycles is still running');
  assert.deepEqual(readdirSync(dir), [], 'files left in the output folder');
  const leaked = leakedDescriptors(descriptors);
  t.diagnostic(`open descriptors: ${descriptors.size} before the cycles, ${openDescriptors().size} after; new or changed: ${leaked.length}`);
  assert.ok(leaked.length <= FD_TOLERANCE, `${leaked.length} descriptors more than before the cycles: ${leaked.slice(0, 10).join(', ')}`);
});

test(`${CYCLES} attach recordings cancelled at once or later leave the target running and nothing of ours behind`, async (t) => {
  const marker = uniqueMarker('attach-target');
  const target = spawn(python, [cpuHot, '600', marker], { stdio: 'ignore' });
  const pid = target.pid as number;
  const dir = folder('attach');
  t.after(() => target.kill('SIGKILL'));
  await sleep(300);
  const cycle = async (i: number): Promise<RecordingResult> => {
    const rec = PySpyRecording.attach({ pyspy, outputFile: join(dir, `attach-${i}.speedscope.json`), options: { rate: 100 }, pid });
    await sleep(CANCEL_DELAYS_MS[i % CANCEL_DELAYS_MS.length]);
    const result = await rec.cancel();
    assert.equal(isAlive(rec.pid as number), false, `cycle ${i}: py-spy ${rec.pid} still alive`);
    assert.ok(isAlive(pid), `cycle ${i}: cancelling the attach killed the target`);
    return result;
  };
  await cycle(-1);
  await settleDescriptors();
  const descriptors = openDescriptors();
  for (let i = 0; i < CYCLES; i++) assert.equal((await cycle(i)).outcome, 'cancelled', `cycle ${i}`);
  await settleDescriptors();
  // py-spy pauses the target while it reads it; killed meanwhile, it must not leave it stopped.
  const ticks = cpuTicks(pid);
  await sleep(500);
  assert.ok(!['T', 't'].includes(processState(pid) ?? ''), `the target is left stopped (state ${processState(pid)})`);
  assert.ok(cpuTicks(pid) > ticks, 'the target no longer runs after the attach cycles');
  assert.deepEqual(processesWithMarker(marker), [pid], 'the target is the only marked process');
  assert.deepEqual(ourProcesses(), [], 'a py-spy started by the cycles is still running');
  assert.deepEqual(readdirSync(dir), [], 'files left in the output folder');
  const leaked = leakedDescriptors(descriptors);
  t.diagnostic(`open descriptors: ${descriptors.size} before the cycles, ${openDescriptors().size} after; new or changed: ${leaked.length}`);
  assert.ok(leaked.length <= FD_TOLERANCE, `${leaked.length} descriptors more than before the cycles: ${leaked.slice(0, 10).join(', ')}`);
  target.kill('SIGKILL');
  assert.ok(await waitFor(() => !isAlive(pid), 5000), 'the test killed its target');
});

test(`${CYCLES} memray launch recordings cancelled at once or later leave no memray, no program, no capture and no descriptor behind`, async (t) => {
  const memrayPython = requireMemrayPython();
  const marker = uniqueMarker('memray-cycles');
  const dir = folder('memray');
  const cycle = async (i: number): Promise<void> => {
    const rec = MemrayRecording.launch({ target: { python: memrayPython, script: cpuHot, args: ['30', marker] }, outputFile: join(dir, `memray-${i}.bin`), options: {} });
    await sleep(CANCEL_DELAYS_MS[i % CANCEL_DELAYS_MS.length]);
    const result = await rec.cancel();
    assert.equal(result.outcome, 'cancelled', `cycle ${i}`);
    assert.deepEqual(processesWithMarker(marker), [], `cycle ${i}: memray or the program still running`);
  };
  await cycle(-1);
  await settleDescriptors();
  const descriptors = openDescriptors();
  for (let i = 0; i < CYCLES; i++) await cycle(i);
  await settleDescriptors();
  assert.deepEqual(readdirSync(dir), [], 'files left in the output folder');
  const leaked = leakedDescriptors(descriptors);
  t.diagnostic(`open descriptors: ${descriptors.size} before the cycles, ${openDescriptors().size} after; new or changed: ${leaked.length}`);
  assert.ok(leaked.length <= FD_TOLERANCE, `${leaked.length} descriptors more than before the cycles: ${leaked.slice(0, 10).join(', ')}`);
});

test('a program that dies of a native crash mid-recording keeps the partial profile and rejects with a RunFailedError saying so', async () => {
  const marker = uniqueMarker('crash');
  const dir = folder('crash');
  const outputFile = join(dir, 'crash.speedscope.json');
  const rec = PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: join(reliabilityPrograms, 'crashes.py'), args: [marker, '1', 'SIGSEGV'] } });
  await assert.rejects(rec.result, (err: unknown) => {
    assert.ok(err instanceof RunFailedError, `got ${String(err)}`);
    assert.match(err.message, /^crashes\.py exited with an error: Fatal Python error: Segmentation fault\./);
    assert.equal(err.partialProfile, outputFile);
    assert.ok(err.message.includes(`The partial profile was kept: ${outputFile}`), err.message);
    return true;
  });
  assert.ok(lineShare(outputFile, 'crashes.py', 15).samples > 20, 'the partial profile holds the samples taken before the crash');
  assert.deepEqual(processesWithMarker(marker), []);
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.tmp-')), []);
});

test('py-spy killed with SIGKILL mid-recording rejects with a RunFailedError naming the signal, and the program is gone', async () => {
  const marker = uniqueMarker('pyspy-killed');
  const dir = folder('killed');
  const outputFile = join(dir, 'killed.speedscope.json');
  const rec = PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: cpuHot, args: ['30', marker] } });
  assert.ok(await waitFor(() => processesWithMarker(marker).length >= 2, 8000), 'py-spy and the program started');
  await sleep(300);
  process.kill(rec.pid as number, 'SIGKILL');
  await assert.rejects(rec.result, (err: unknown) => {
    assert.ok(err instanceof RunFailedError, `got ${String(err)}`);
    assert.equal(err.message, 'py-spy was killed by SIGKILL before it finished.');
    assert.equal(err.partialProfile, undefined);
    return true;
  });
  assert.deepEqual(processesWithMarker(marker), [], 'the program outlived py-spy');
  assert.equal(existsSync(outputFile), false);
  assert.deepEqual(readdirSync(dir), [], 'a temporary file was left behind');
});

test('a daemon the program double-forks (new session, re-parented) is killed when the recording ends', async (t) => {
  const marker = uniqueMarker('daemon');
  t.after(() => {
    for (const pid of processesWithMarker(marker)) process.kill(pid, 'SIGKILL');
  });
  const outputFile = join(folder('daemon'), 'daemon.speedscope.json');
  const rec = PySpyRecording.launch({ pyspy, outputFile, options: { rate: 50 }, target: { python, script: join(reliabilityPrograms, 'double_fork_daemon.py'), args: [marker, '1'] } });
  const result = await rec.result;
  assert.equal(result.outcome, 'completed');
  assert.deepEqual(processesWithMarker(marker), [], 'the daemon outlived the recording');
});

test(
  'under memray too, a daemon the program double-forks is killed when the recording ends',
  async (t) => {
    const memrayPython = requireMemrayPython();
    const marker = uniqueMarker('memray-daemon');
    t.after(() => {
      for (const pid of processesWithMarker(marker)) process.kill(pid, 'SIGKILL');
    });
    const rec = MemrayRecording.launch({ target: { python: memrayPython, script: join(reliabilityPrograms, 'double_fork_daemon.py'), args: [marker, '1'] }, outputFile: join(folder('memray-daemon'), 'd.bin'), options: {} });
    await rec.result.catch(() => undefined);
    assert.deepEqual(processesWithMarker(marker), [], 'the daemon outlived the recording');
  },
);
