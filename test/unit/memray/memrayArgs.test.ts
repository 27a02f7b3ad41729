/** memray command lines: argument arrays for `PYTHON -m memray run|attach|detach`, element by element. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMemrayAttachArgs, buildMemrayDetachArgs, buildMemrayRunArgs, defaultMemoryProfileName } from '../../../src/core/capture/memrayArgs';

test('run: memray of the interpreter, output and --quiet first, flags, then the script and its arguments untouched', () => {
  assert.deepEqual(buildMemrayRunArgs({}, '/out/x.bin', { python: '/venv/bin/python', script: 'app.py', args: ['--native', '-o', 'y'] }), [
    '-m', 'memray', 'run', '--output', '/out/x.bin', '--quiet', 'app.py', '--native', '-o', 'y',
  ]);
  assert.deepEqual(buildMemrayRunArgs({ native: true, tracePythonAllocators: true, followFork: true, aggregate: true }, '/o.bin', { python: '/p', script: 'a.py' }), [
    '-m', 'memray', 'run', '--output', '/o.bin', '--quiet', '--native', '--trace-python-allocators', '--follow-fork', '--aggregate', 'a.py',
  ]);
});

test('run: -m module passes through (memray run takes the same form)', () => {
  assert.deepEqual(buildMemrayRunArgs({}, '/o.bin', { python: '/p', script: '-m', args: ['pkg.main', 'x'] }).slice(-3), ['-m', 'pkg.main', 'x']);
});

test('attach: absolute output, whole-second duration rounded up, method only when not auto, pid last', () => {
  assert.deepEqual(buildMemrayAttachArgs({ durationSec: 2.2, native: true, method: 'gdb' }, '/tmp/c.bin', 4242), [
    '-m', 'memray', 'attach', '--output', '/tmp/c.bin', '--native', '--duration', '3', '--method', 'gdb', '4242',
  ]);
  const relative = buildMemrayAttachArgs({ method: 'auto' }, 'c.bin', 7);
  assert.equal(relative[4], `${process.cwd()}/c.bin`);
  assert.deepEqual(relative.slice(5), ['7']);
});

test('attach and detach refuse a bad pid or duration', () => {
  assert.throws(() => buildMemrayAttachArgs({}, '/c.bin', 0), RangeError);
  assert.throws(() => buildMemrayAttachArgs({ durationSec: -1 }, '/c.bin', 5), RangeError);
  assert.throws(() => buildMemrayDetachArgs(1.5), RangeError);
  assert.deepEqual(buildMemrayDetachArgs(99), ['-m', 'memray', 'detach', '99']);
  assert.deepEqual(buildMemrayDetachArgs(99, 'lldb'), ['-m', 'memray', 'detach', '--method', 'lldb', '99']);
});

test('default names: profile-<script>-<timestamp>.memray.bin, pid<PID> for attach', () => {
  const at = new Date(2026, 0, 2, 3, 4, 5);
  assert.equal(defaultMemoryProfileName('/x/my app.py', at), 'profile-my_app-20260102-030405.memray.bin');
  assert.equal(defaultMemoryProfileName(123, at), 'profile-pid123-20260102-030405.memray.bin');
});
