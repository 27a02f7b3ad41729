import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PermissionDeniedError, RunFailedError, ToolMissingError } from '../../../src/core/errors';
import { ProcessNotFoundError, UnsupportedPythonError } from '../../../src/core/capture/captureErrors';
import { classifyPySpyExit, isSamplingBehindWarning, uncaughtPythonError, withoutRustBacktrace, type PySpyExitFacts } from '../../../src/core/capture/pyspyFailures';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const attachCmd = ['/venv/bin/py-spy', 'record', '--format', 'speedscope', '--full-filenames', '--rate', '100', '-o', '/p/out.json', '--pid', '4242'];

function facts(over: Partial<PySpyExitFacts>): PySpyExitFacts {
  return { mode: 'launch', exitCode: 0, signal: null, stderr: '', stopRequested: false, pyspyCommand: attachCmd, platform: 'linux', ...over };
}

test('permission denied on attach gives the sudo command with the real py-spy path first', () => {
  const err = classifyPySpyExit(facts({ mode: 'attach', pid: 4242, exitCode: 1, stderr: fixture('permission-denied.stderr.txt') }));
  assert.ok(err instanceof PermissionDeniedError);
  assert.equal(err.suggestedCommand, 'sudo env "PATH=$PATH" /venv/bin/py-spy record --format speedscope --full-filenames --rate 100 -o /p/out.json --pid 4242');
  assert.match(err.message, /process 4242/);
  assert.match(err.message, /sudo setcap cap_sys_ptrace\+ep \/venv\/bin\/py-spy/);
  assert.match(err.message, /echo 0 \| sudo tee \/proc\/sys\/kernel\/yama\/ptrace_scope/);
  assert.match(err.message, /--cap-add SYS_PTRACE/);
  assert.match(err.message, /launch the script/);
});

test('permission denied inside Docker puts the SYS_PTRACE advice first', () => {
  const stderr = 'Permission Denied\n\nIt looks like you are running in a docker container. Please make sure you started your container with the SYS_PTRACE capability.';
  const err = classifyPySpyExit(facts({ mode: 'attach', pid: 4242, exitCode: 1, stderr }));
  assert.ok(err instanceof PermissionDeniedError);
  assert.match(err.message, /Run: in Docker, start the container with --cap-add SYS_PTRACE/);
  assert.match(err.suggestedCommand ?? '', /^sudo env/);
});

test('on macOS the message asks for root with the exact command', () => {
  const err = classifyPySpyExit(facts({ mode: 'attach', pid: 4242, exitCode: 1, platform: 'darwin', stderr: "This program requires root on OSX.\nTry running again with elevated permissions by going 'sudo !!'" }));
  assert.ok(err instanceof PermissionDeniedError);
  assert.equal(err.suggestedCommand, `sudo ${attachCmd.join(' ')}`);
});

test('attaching to a PID that does not exist is a ProcessNotFoundError naming the PID', () => {
  const err = classifyPySpyExit(facts({ mode: 'attach', pid: 999999, exitCode: 1, stderr: fixture('no-such-process.stderr.txt') }));
  assert.ok(err instanceof ProcessNotFoundError);
  assert.equal(err.pid, 999999);
  assert.equal(err.message, 'Process 999999 is not running. Pick a running Python process and try again.');
});

test('attaching to a process that is not Python says so', () => {
  const err = classifyPySpyExit(facts({ mode: 'attach', pid: 77, exitCode: 1, stderr: fixture('not-python.stderr.txt') }));
  assert.ok(err instanceof UnsupportedPythonError);
  assert.match(err.message, /^Process 77 does not look like a Python interpreter/);
});

test('an unsupported Python version names the version and what to do', () => {
  const err = classifyPySpyExit(facts({ exitCode: 1, stderr: 'Error: Unsupported version of Python: 3.15.0a1\n' }));
  assert.ok(err instanceof UnsupportedPythonError);
  assert.equal(err.pythonVersion, '3.15.0a1');
  assert.match(err.message, /Python 3\.15\.0a1/);
  assert.match(err.message, /pip install -U py-spy/);
});

test('an interpreter py-spy cannot start is a missing-python error', () => {
  const err = classifyPySpyExit(facts({ exitCode: 1, stderr: fixture('create-process-failed.stderr.txt') }));
  assert.ok(err instanceof ToolMissingError);
  assert.equal(err.tool, 'python');
  assert.match(err.message, /\/nonexistent\/python3: No such file or directory/);
});

test('a program that raised is a RunFailedError with its stderr and the partial profile, although py-spy exited 0', () => {
  const stderr = fixture('program-raised.stderr.txt');
  const err = classifyPySpyExit(facts({ exitCode: 0, stderr, partialProfile: '/p/out.json', program: 'raises.py' }));
  assert.ok(err instanceof RunFailedError);
  assert.equal(err.message, 'raises.py exited with an error: ValueError: profile-first test failure. The partial profile was kept: /p/out.json.');
  assert.equal(err.stderr, stderr.replace(/\n+$/, ''));
  assert.equal(err.partialProfile, '/p/out.json');
});

test('a script that does not exist is a failed run', () => {
  const err = classifyPySpyExit(facts({ exitCode: 0, stderr: fixture('script-missing.stderr.txt'), program: 'nonexistent.py' }));
  assert.ok(err instanceof RunFailedError);
  assert.match(err.message, /can't open file '\/nonexistent\.py'/);
});

test('py-spy rejecting its arguments suggests upgrading it', () => {
  const err = classifyPySpyExit(facts({ exitCode: 2, stderr: fixture('bad-argument.stderr.txt') }));
  assert.ok(err instanceof RunFailedError);
  assert.match(err.message, /^py-spy rejected its arguments: unexpected argument '--bogus' found\. Upgrade py-spy/);
});

test('a clean run and a requested stop are not failures', () => {
  assert.equal(classifyPySpyExit(facts({ exitCode: 0, stderr: '' })), undefined);
  assert.equal(classifyPySpyExit(facts({ exitCode: null, signal: 'SIGTERM', stopRequested: true })), undefined);
});

test('a stopped program ending in KeyboardInterrupt (stop interrupts it) is no failure; another exception, or an interrupt nobody asked for, is', () => {
  const interrupted = 'Traceback (most recent call last):\n  File "/w/app.py", line 4, in <module>\n    work()\nKeyboardInterrupt\n';
  assert.equal(classifyPySpyExit(facts({ stderr: interrupted, stopRequested: true })), undefined);
  const unasked = classifyPySpyExit(facts({ stderr: interrupted, stopRequested: false }));
  assert.ok(unasked instanceof RunFailedError);
  assert.match(unasked.message, /exited with an error: KeyboardInterrupt/);
  const cleanupFailed = classifyPySpyExit(facts({ stderr: 'Traceback (most recent call last):\n  File "/w/app.py", line 9, in close\nOSError: [Errno 5] Input/output error\n', stopRequested: true }));
  assert.ok(cleanupFailed instanceof RunFailedError);
  assert.match(cleanupFailed.message, /exited with an error: OSError: \[Errno 5\] Input\/output error/);
});

test('py-spy killed by a signal nobody asked for is a failure', () => {
  const err = classifyPySpyExit(facts({ exitCode: null, signal: 'SIGKILL' }));
  assert.ok(err instanceof RunFailedError);
  assert.match(err.message, /killed by SIGKILL/);
});

test('an unknown non-zero exit shows py-spy\'s Error line without the Rust backtrace', () => {
  const err = classifyPySpyExit(facts({ exitCode: 1, stderr: 'Error: something new\n\nStack backtrace:\n   0: a::b\n   1: c::d\n' }));
  assert.ok(err instanceof RunFailedError);
  assert.equal(err.message, 'py-spy failed (exit status 1): something new');
  assert.equal(err.stderr, 'Error: something new');
});

test('a handled traceback logged in the middle of the output is not a failure', () => {
  const stderr = ['Traceback (most recent call last):', '  File "a.py", line 3, in <module>', 'KeyError: 1', ...Array.from({ length: 30 }, (_, i) => `log line ${i}`)].join('\n');
  assert.equal(uncaughtPythonError(stderr), undefined);
});

test('the last traceback of a chain gives the exception line', () => {
  const stderr = [
    'Traceback (most recent call last):', '  File "a.py", line 3, in f', 'KeyError: 1', '',
    'During handling of the above exception, another exception occurred:', '',
    'Traceback (most recent call last):', '  File "a.py", line 5, in <module>', '    f()', '    ^^^', 'RuntimeError: wrapped',
  ].join('\n');
  assert.equal(uncaughtPythonError(stderr), 'RuntimeError: wrapped');
});

test('a fatal interpreter error counts as a failure', () => {
  assert.equal(uncaughtPythonError('Fatal Python error: Segmentation fault\n\nCurrent thread 0x1 (most recent call first):\n  File "x.py", line 1'), 'Fatal Python error: Segmentation fault');
});

test('behind-in-sampling lines from the real py-spy are recognised as warnings', () => {
  const lines = fixture('behind-in-sampling.stdout.txt').split('\n');
  assert.equal(lines.filter(isSamplingBehindWarning).length, 7);
  assert.ok(!isSamplingBehindWarning('py-spy> Sampling process 5000 times a second. Press Control-C to exit.'));
});

test('withoutRustBacktrace keeps every line that is not part of a backtrace', () => {
  assert.equal(withoutRustBacktrace(fixture('not-python.stderr.txt')), 'Error: Failed to find python version from target process');
});
