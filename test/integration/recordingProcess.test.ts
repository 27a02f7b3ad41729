/**
 * The child-process life cycle py-spy and memray recordings share (recordingProcess.ts), on
 * real Python programs: graceful stop and its escalation, cancel, and the unsupervised mode
 * `memray attach` uses.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordingProcess } from '../../src/core/capture/recordingProcess';
import { isAlive, processesWithMarker, requirePython, uniqueMarker } from './helpers/pyspyTestEnv';

/** Prints "ready", then on SIGINT prints "interrupted" and exits with status 3. */
const ANSWERS_SIGINT = [
  'import signal, sys, time',
  'def on_int(*_):',
  '    print("interrupted", flush=True)',
  '    sys.exit(3)',
  'signal.signal(signal.SIGINT, on_int)',
  'print("ready", flush=True)',
  'time.sleep(60)',
].join('\n');

/** Prints "ready" and ignores SIGINT and SIGTERM: only SIGKILL ends it. */
const DEAF = ['import signal, time', 'signal.signal(signal.SIGINT, signal.SIG_IGN)', 'signal.signal(signal.SIGTERM, signal.SIG_IGN)', 'print("ready", flush=True)', 'time.sleep(60)'].join('\n');

function start(python: string, source: string, marker: string, extra: { supervise?: boolean } = {}): { proc: RecordingProcess; ready: Promise<void> } {
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const proc = new RecordingProcess({
    command: python,
    // The marker as an argument lets the test find survivors by command line.
    args: ['-c', source, marker],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
    markEnvironment: true,
    ...extra,
    onOutput: (line) => {
      if (line === 'ready') onReady();
    },
  });
  return { proc, ready };
}

test('stop() sends SIGINT to the child once: a program that answers it exits with its own status and no SIGTERM follows', async () => {
  const python = await requirePython();
  const { proc, ready } = start(python, ANSWERS_SIGINT, uniqueMarker('rp-int'));
  await ready;
  proc.stop(5000);
  proc.stop(5000);
  const exit = await proc.settle();
  assert.equal(exit.code, 3);
  assert.equal(exit.signal, null);
  assert.equal(proc.state, 'stopping');
  assert.equal(proc.output.stdout, 'ready\ninterrupted\n');
});

test('stop() escalates: a program deaf to SIGINT and SIGTERM is killed one second after the grace period', async (t) => {
  const python = await requirePython();
  const marker = uniqueMarker('rp-deaf');
  t.after(() => {
    for (const pid of processesWithMarker(marker)) process.kill(pid, 'SIGKILL');
  });
  const { proc, ready } = start(python, DEAF, marker);
  await ready;
  const graceMs = 300;
  const stoppedAt = Date.now();
  proc.stop(graceMs);
  const exit = await proc.settle();
  const elapsed = exit.at - stoppedAt;
  assert.equal(exit.signal, 'SIGKILL');
  // grace + 1000 ms before the kill; the upper bound allows for a loaded 2-core machine.
  assert.ok(elapsed >= graceMs + 1000 && elapsed < graceMs + 1000 + 2000, `killed after ${elapsed} ms`);
  assert.deepEqual(processesWithMarker(marker), []);
});

test('cancel() kills at once, after which stop() does nothing and the state stays cancelling until the recording is finished', async () => {
  const python = await requirePython();
  const { proc, ready } = start(python, DEAF, uniqueMarker('rp-cancel'));
  await ready;
  await proc.cancel();
  proc.stop(10);
  const exit = await proc.settle();
  assert.equal(exit.signal, 'SIGKILL');
  assert.equal(proc.state, 'cancelling');
  proc.markFinished();
  assert.equal(proc.state, 'finished');
});

test('unsupervised (memray attach): ended() waits for the child to exit by itself, and an after() timer still kills it', async (t) => {
  const python = await requirePython();
  const marker = uniqueMarker('rp-attach');
  t.after(() => {
    for (const pid of processesWithMarker(marker)) process.kill(pid, 'SIGKILL');
  });
  const { proc, ready } = start(python, DEAF, marker, { supervise: false });
  await ready;
  const pid = proc.pid as number;
  assert.ok(isAlive(pid));
  proc.after(200, () => void proc.killAll());
  const exit = await proc.ended();
  assert.equal(exit.signal, 'SIGKILL');
  assert.deepEqual(processesWithMarker(marker), []);
});

test('a command that does not exist arrives as a spawn error in settle(), not as a throw', async () => {
  const proc = new RecordingProcess({ command: '/nonexistent/pf-no-such-tool', args: [], env: process.env });
  const exit = await proc.settle();
  assert.equal(exit.spawnError?.code, 'ENOENT');
  assert.equal(exit.code, null);
  assert.equal(proc.pid, undefined);
});
