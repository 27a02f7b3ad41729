/**
 * memray's failures as typed errors. The quoted outputs are memray 1.20.0's, captured from
 * real runs (attach to a process without memray, to a missing pid, without gdb on PATH; run
 * with an interpreter without memray; a missing script; Ctrl-C).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PermissionDeniedError, RunFailedError, ToolMissingError } from '../../../src/core/errors';
import { ProcessNotFoundError } from '../../../src/core/capture/captureErrors';
import { classifyMemrayAttachFailure, classifyMemrayRunExit } from '../../../src/core/capture/memrayFailures';

const attach = (output: string) => classifyMemrayAttachFailure({ pid: 4242, python: '/venv/bin/python', output, exitCode: 1, command: ['/venv/bin/python', '-m', 'memray', 'attach', '4242'] });

test('memray missing in the target: install it into the interpreter that runs the process', () => {
  const err = attach(`Failed to start tracking in remote process: ModuleNotFoundError("No module named 'memray'")\n`);
  assert.ok(err instanceof ToolMissingError);
  assert.match(err.message, /not installed in the environment of process 4242/);
  assert.deepEqual(err.installCommand, ['/venv/bin/python', '-m', 'pip', 'install', 'memray']);
});

test('no gdb: a ToolMissingError for gdb saying how to install it', () => {
  const err = attach('Cannot find a supported gdb executable.\n');
  assert.ok(err instanceof ToolMissingError);
  assert.equal(err.tool, process.platform === 'darwin' ? 'lldb' : 'gdb');
});

test('a pid that does not exist is ProcessNotFoundError; ptrace refusals are PermissionDeniedError with a sudo command', () => {
  assert.ok(attach('Failed to attach a debugger to the process.\nThe given process ID does not exist.\n') instanceof ProcessNotFoundError);
  const denied = attach('Failed to attach a debugger to the process.\nYou most likely do not have permission to trace the process.\n');
  assert.ok(denied instanceof PermissionDeniedError);
  assert.equal(denied.suggestedCommand, 'sudo /venv/bin/python -m memray attach 4242');
  assert.ok(attach('Failed to attach a debugger to the process.\nThe given process ID is owned by a different user.\n') instanceof PermissionDeniedError);
});

test('anything else keeps memray last line', () => {
  const err = attach('memray: something new went wrong\n');
  assert.ok(err instanceof RunFailedError);
  assert.equal(err.message, 'memray attach to process 4242 failed: something new went wrong');
});

const run = (facts: Partial<Parameters<typeof classifyMemrayRunExit>[0]>) =>
  classifyMemrayRunExit({ exitCode: 0, signal: null, stderr: '', stopRequested: false, program: 'app.py', python: '/usr/bin/python3', ...facts });

test('run: success, and a requested stop (KeyboardInterrupt, exit by SIGINT) are not failures', () => {
  assert.equal(run({}), undefined);
  assert.equal(run({ exitCode: null, signal: 'SIGINT', stopRequested: true, stderr: 'Traceback (most recent call last):\n  File "x", line 1\nKeyboardInterrupt\n' }), undefined);
});

test('run: memray not importable is a ToolMissingError with the pip command for that interpreter', () => {
  const err = run({ exitCode: 1, stderr: '/usr/bin/python3: No module named memray\n' });
  assert.ok(err instanceof ToolMissingError);
  assert.deepEqual(err.installCommand, ['/usr/bin/python3', '-m', 'pip', 'install', 'memray']);
});

test('run: a missing script, a program error and a kill say so; the kept capture is named', () => {
  assert.match(run({ exitCode: 1, stderr: "[Errno 2] No such file or directory: 'nonexist.py'" })?.message ?? '', /could not open nonexist\.py: no such file/);
  const failed = run({ exitCode: 1, stderr: 'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\nValueError: boom\n', partialCapture: '/o/c.bin' });
  assert.ok(failed instanceof RunFailedError);
  assert.equal(failed.message, 'app.py exited with status 1: ValueError: boom. The capture up to that point was kept: /o/c.bin.');
  assert.equal(failed.partialProfile, '/o/c.bin');
  assert.match(run({ exitCode: null, signal: 'SIGKILL', partialCapture: '/o/c.bin' })?.message ?? '', /killed by SIGKILL \(SIGKILL often means the kernel ran out of memory/);
});
