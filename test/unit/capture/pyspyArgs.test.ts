import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAttachArgs, buildLaunchArgs, formatCommandLine, shellQuote } from '../../../src/core/capture/pyspyArgs';

test('launch args with defaults are record, speedscope, full filenames, rate, output, then the program after --', () => {
  assert.deepEqual(buildLaunchArgs({ rate: 100 }, '/out/p.json', { python: '/usr/bin/python3', script: 'app.py', args: ['--n', '3'] }), [
    'record', '--format', 'speedscope', '--full-filenames', '--rate', '100', '-o', '/out/p.json', '--', '/usr/bin/python3', 'app.py', '--n', '3',
  ]);
});

test('every option flag appears in a fixed order before -o', () => {
  const args = buildLaunchArgs({ rate: 250, idle: true, gil: true, native: true, subprocesses: true, durationSec: 7 }, 'o.json', { python: '/py', script: 's.py' });
  assert.deepEqual(args, [
    'record', '--format', 'speedscope', '--full-filenames', '--rate', '250', '--idle', '--gil', '--native', '--subprocesses', '--duration', '7', '-o', 'o.json', '--', '/py', 's.py',
  ]);
});

test('a fractional duration is rounded up to whole seconds, which is all py-spy accepts', () => {
  assert.deepEqual(buildLaunchArgs({ rate: 100, durationSec: 1.2 }, 'o.json', { python: '/py', script: 's.py' }).slice(6, 8), ['--duration', '2']);
});

test('duration 0 means until stopped: no --duration flag', () => {
  assert.ok(!buildLaunchArgs({ rate: 100, durationSec: 0 }, 'o.json', { python: '/py', script: 's.py' }).includes('--duration'));
});

test('attach args end with --pid PID and have no program', () => {
  assert.deepEqual(buildAttachArgs({ rate: 100, durationSec: 2 }, '/o.json', 4242), [
    'record', '--format', 'speedscope', '--full-filenames', '--rate', '100', '--duration', '2', '-o', '/o.json', '--pid', '4242',
  ]);
});

test('script arguments that look like py-spy flags stay after -- untouched', () => {
  const args = buildLaunchArgs({ rate: 100 }, 'o.json', { python: '/py', script: 's.py', args: ['--rate', '1', '-o', 'x; rm -rf /'] });
  assert.deepEqual(args.slice(args.indexOf('--') + 1), ['/py', 's.py', '--rate', '1', '-o', 'x; rm -rf /']);
});

test('an invalid rate, duration or pid is refused before anything runs', () => {
  assert.throws(() => buildLaunchArgs({ rate: 0 }, 'o', { python: '/py', script: 's' }), RangeError);
  assert.throws(() => buildLaunchArgs({ rate: 1.5 }, 'o', { python: '/py', script: 's' }), RangeError);
  assert.throws(() => buildLaunchArgs({ rate: 100, durationSec: -1 }, 'o', { python: '/py', script: 's' }), RangeError);
  assert.throws(() => buildAttachArgs({ rate: 100 }, 'o', 0), RangeError);
});

test('commands shown to people are quoted so they paste into a POSIX shell', () => {
  assert.equal(shellQuote('/usr/bin/py-spy'), '/usr/bin/py-spy');
  assert.equal(shellQuote("it's here"), `'it'\\''s here'`);
  assert.equal(shellQuote(''), "''");
  assert.equal(formatCommandLine(['/py', 'a b.py', '$HOME']), "/py 'a b.py' '$HOME'");
});
