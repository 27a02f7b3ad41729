import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { RunFailedError } from '../../src/core/errors';
import { PySpyRecording } from '../../src/core/capture/pyspyRecording';
import { PROGRAM_STOP_MS } from '../../src/core/capture/recordingProcess';
import { CPU_HOT_LINE, cpuHot, isAlive, lineShare, processesWithMarker, programsDir, requirePySpy, requirePython, sleep, uniqueMarker, waitFor } from './helpers/pyspyTestEnv';

let pyspy: string;
let python: string;
const out = mkdtempSync(join(tmpdir(), 'pf-record-'));

before(async () => {
  pyspy = await requirePySpy();
  python = await requirePython();
});
after(() => rmSync(out, { recursive: true, force: true }));

const strays = (): string[] => readdirSync(out).filter((n) => n.includes('.tmp-'));

test('recording cpu_hot.py writes a speedscope file whose hottest line is the HOT line', async () => {
  const outputFile = join(out, 'launch.speedscope.json');
  const lines: string[] = [];
  const rec = PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: cpuHot, args: ['2'] }, onOutput: (l) => lines.push(l) });
  const result = await rec.result;
  assert.equal(result.outcome, 'completed');
  assert.equal(result.outputWritten, true);
  const { share, samples } = lineShare(outputFile, 'cpu_hot.py', CPU_HOT_LINE);
  assert.ok(samples > 100, `only ${samples} samples`);
  assert.ok(share > 0.5, `HOT line holds ${(share * 100).toFixed(1)} % of samples`);
  const sidecar = JSON.parse(readFileSync(`${outputFile}.pfmeta.json`, 'utf8')) as Record<string, unknown>;
  assert.equal(sidecar.tool, 'py-spy');
  assert.equal(sidecar.sampleRate, 100);
  assert.equal(sidecar.commandLine, `${python} ${cpuHot} 2`);
  assert.ok(typeof sidecar.durationSec === 'number' && sidecar.durationSec >= 2);
  assert.ok(lines.some((l) => /rounds$/.test(l)), 'the program\'s output is streamed');
  assert.deepEqual(strays(), []);
});

test('attaching by PID to a running cpu_hot.py for 2 s finds the HOT line', async () => {
  const target = spawn(python, [cpuHot, '30'], { stdio: 'ignore' });
  try {
    await sleep(300);
    const outputFile = join(out, 'attach.speedscope.json');
    const result = await PySpyRecording.attach({ pyspy, outputFile, options: { rate: 100, durationSec: 2 }, pid: target.pid as number }).result;
    assert.equal(result.outputWritten, true);
    const { share } = lineShare(outputFile, 'cpu_hot.py', CPU_HOT_LINE);
    assert.ok(share > 0.5, `HOT line holds ${(share * 100).toFixed(1)} %`);
    assert.ok(isAlive(target.pid as number), 'the attached process is not ours to kill');
    const sidecar = JSON.parse(readFileSync(`${outputFile}.pfmeta.json`, 'utf8')) as Record<string, unknown>;
    assert.equal(sidecar.pid, target.pid);
    assert.equal(sidecar.mode, 'attach');
  } finally {
    target.kill('SIGKILL');
  }
});

test('cancel leaves no py-spy, no program process and no temporary file', async () => {
  const marker = uniqueMarker('cancel');
  const outputFile = join(out, 'cancel.speedscope.json');
  const rec = PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: cpuHot, args: ['30', marker] } });
  assert.ok(await waitFor(() => processesWithMarker(marker).length >= 2, 5000), 'py-spy and the program started');
  await sleep(500);
  const result = await rec.cancel();
  assert.equal(result.outcome, 'cancelled');
  assert.equal(result.outputWritten, false);
  assert.equal(isAlive(rec.pid as number), false);
  assert.deepEqual(processesWithMarker(marker), []);
  assert.equal(existsSync(outputFile), false);
  assert.deepEqual(strays(), []);
});

test('stop() mid-recording interrupts the program as Ctrl+C would, and py-spy writes a valid profile', async () => {
  const marker = uniqueMarker('stop');
  const outputFile = join(out, 'stop.speedscope.json');
  const lines: string[] = [];
  const rec = PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: cpuHot, args: ['30', marker] }, onOutput: (l) => lines.push(l) });
  await sleep(1500);
  const started = Date.now();
  const result = await rec.stop();
  assert.ok(Date.now() - started < PROGRAM_STOP_MS, 'the program ended on SIGINT and py-spy wrote without being told to stop');
  assert.ok(lines.includes('KeyboardInterrupt'), lines.slice(-5).join('\n'));
  assert.equal(result.outcome, 'stopped');
  assert.equal(result.outputWritten, true);
  const { share, samples } = lineShare(outputFile, 'cpu_hot.py', CPU_HOT_LINE);
  assert.ok(samples > 50 && share > 0.5, `${samples} samples, HOT ${(share * 100).toFixed(1)} %`);
  assert.deepEqual(processesWithMarker(marker), []);
  assert.deepEqual(strays(), []);
});

test('stop() on a program that ignores SIGINT still ends the recording, py-spy writing the profile', async () => {
  const marker = uniqueMarker('ignores-sigint');
  const script = join(out, 'ignores_sigint.py');
  writeFileSync(script, 'import signal, sys\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    sum(range(10000))\n');
  const outputFile = join(out, 'ignores.speedscope.json');
  const rec = PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script, args: [marker] } });
  await sleep(1500);
  const started = Date.now();
  const result = await rec.stop();
  const took = Date.now() - started;
  assert.ok(took >= PROGRAM_STOP_MS && took < PROGRAM_STOP_MS + 4000, `stopped in ${took} ms`);
  assert.equal(result.outcome, 'stopped');
  assert.equal(result.outputWritten, true);
  const { share, samples } = lineShare(outputFile, 'ignores_sigint.py', 4);
  assert.ok(samples > 50 && share > 0.5, `${samples} samples, loop ${(share * 100).toFixed(1)} %`);
  assert.deepEqual(processesWithMarker(marker), []);
});

test('a program that raises gives a RunFailedError with its stderr, and the partial profile is kept', async () => {
  const outputFile = join(out, 'raises.speedscope.json');
  const rec = PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: join(programsDir, 'raises.py'), args: ['0.5'] } });
  await assert.rejects(rec.result, (err: unknown) => {
    assert.ok(err instanceof RunFailedError);
    assert.match(err.message, /^raises\.py exited with an error: ValueError: profile-first test failure\./);
    assert.match(err.stderr, /about to fail\nTraceback \(most recent call last\):/);
    assert.equal(err.partialProfile, outputFile);
    return true;
  });
  assert.ok(lineShare(outputFile, 'raises.py', 14).samples > 10, 'the partial profile holds the samples taken before the failure');
  assert.ok(existsSync(`${outputFile}.pfmeta.json`));
  assert.deepEqual(strays(), []);
});

test('with --subprocesses, cancel also kills the program\'s children, even one in its own session', async () => {
  const marker = uniqueMarker('subproc');
  const rec = PySpyRecording.launch({
    pyspy,
    outputFile: join(out, 'subproc.speedscope.json'),
    options: { rate: 50, subprocesses: true },
    target: { python, script: join(programsDir, 'spawns_children.py'), args: [marker, '30'] },
  });
  // py-spy, the parent and its two children all carry the marker.
  assert.ok(await waitFor(() => processesWithMarker(marker).length >= 4, 8000), `saw ${processesWithMarker(marker).length} marked processes`);
  await sleep(700); // let the tracker see the grandchildren before one leaves the group
  await rec.cancel();
  assert.deepEqual(processesWithMarker(marker), []);
  assert.deepEqual(strays(), []);
});

test('a py-spy path that does not exist is a typed error, not a crash', async () => {
  const rec = PySpyRecording.launch({ pyspy: join(out, 'no-py-spy'), outputFile: join(out, 'none.json'), options: { rate: 100 }, target: { python, script: cpuHot } });
  await assert.rejects(rec.result, (err: unknown) => err instanceof Error && err.name === 'ToolMissingError' && /could not be started/.test(err.message));
});
