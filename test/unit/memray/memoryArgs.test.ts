/** `profile-first memory` argument parsing. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../src/cli/cliIo';
import { parseMemoryArgs } from '../../../src/cli/commands/memory';

test('launch: options before --, everything after -- belongs to the program', () => {
  assert.deepEqual(parseMemoryArgs(['--native', '--mode', 'leaks', '-o', 'x.bin', '--', 'python3', 'app.py', '--native']), {
    options: { native: true },
    mode: 'leaks',
    output: 'x.bin',
    program: ['python3', 'app.py', '--native'],
    pid: undefined,
    python: undefined,
    help: false,
  });
});

test('attach: --pid with --duration, --python and --flag=value forms', () => {
  const parsed = parseMemoryArgs(['--pid=77', '--duration=2.5', '--python', '/venv/bin/python', '--aggregate', '--follow-fork', '--trace-python-allocators']);
  assert.equal(parsed.pid, 77);
  assert.equal(parsed.python, '/venv/bin/python');
  assert.deepEqual(parsed.options, { durationSec: 2.5, aggregate: true, followFork: true, tracePythonAllocators: true });
  assert.equal(parsed.mode, 'peak');
});

test('usage errors: nothing to record, both targets, bad mode, bad numbers, unknown options, --python with a program', () => {
  for (const bad of [[], ['--pid', '1', '--', 'python3', 'a.py'], ['--mode', 'all', '--pid', '1'], ['--duration', '0', '--pid', '1'], ['--pid', 'x'], ['--rate', '5'], ['--', 'python3'], ['-o'], ['--python', 'p', '--', 'python3', 'a.py']]) {
    assert.throws(() => parseMemoryArgs(bad), UsageError, JSON.stringify(bad));
  }
});

test('--help is recognised before --', () => {
  assert.equal(parseMemoryArgs(['--native', '--help']).help, true);
});
