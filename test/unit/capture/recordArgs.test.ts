import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../src/cli/cliIo';
import { parseRecordArgs } from '../../../src/cli/commands/record';

test('launch: options before --, everything after -- belongs to the program', () => {
  assert.deepEqual(parseRecordArgs(['--rate', '250', '--idle', '-o', 'x.json', '--', 'python3', 'app.py', '--rate', '1']), {
    options: { rate: 250, durationSec: 0, idle: true, gil: false, native: false, subprocesses: false },
    output: 'x.json',
    program: ['python3', 'app.py', '--rate', '1'],
    pid: undefined,
    awaitTiming: true,
    help: false,
  });
});

test('--no-await-timing turns the await timer off for a launched program', () => {
  assert.equal(parseRecordArgs(['--no-await-timing', '--', 'python3', 'app.py']).awaitTiming, false);
  assert.equal(parseRecordArgs(['--', 'python3', 'app.py', '--no-await-timing']).awaitTiming, true);
});

test('attach: --pid with --duration and --flag=value forms', () => {
  const parsed = parseRecordArgs(['--pid=4242', '--duration=2.5', '--gil', '--native', '--subprocesses']);
  assert.equal(parsed.pid, 4242);
  assert.deepEqual(parsed.options, { rate: 100, durationSec: 2.5, idle: false, gil: true, native: true, subprocesses: true });
});

test('usage errors: nothing to record, both modes, bad numbers, unknown options, no script', () => {
  for (const bad of [[], ['--pid', '1', '--', 'python3', 'a.py'], ['--rate', '0', '--pid', '1'], ['--rate', 'abc', '--pid', '1'], ['--duration', '-1', '--pid', '1'], ['--pid', 'x'], ['--frobnicate'], ['--', 'python3'], ['-o']]) {
    assert.throws(() => parseRecordArgs(bad), UsageError, JSON.stringify(bad));
  }
});

test('--help is recognised anywhere before --', () => {
  assert.equal(parseRecordArgs(['--rate', '5', '--help']).help, true);
});
