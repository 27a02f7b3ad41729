/** The sidecar's history fields: read when well-formed, dropped when not, never a reason to fail. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSidecar } from '../../../src/core/formats/sidecar';

test('every history field of a sidecar is read', () => {
  const text = JSON.stringify({
    tool: 'py-spy', kind: 'cpu', sampleRate: 250, durationSec: 3.5, commandLine: 'python3 a.py -n 3', script: '/w/a.py', args: ['-n', '3'],
    interpreter: '/usr/bin/python3', git: { commit: '0123456789abcdef0123456789abcdef01234567', dirty: false }, startedAt: '2026-01-01T10:00:00.000Z', pid: 77, mode: 'launch',
    recordedWith: 'py-spy record …',
  });
  assert.deepEqual(parseSidecar(text), {
    tool: 'py-spy', kind: 'cpu', sampleRate: 250, durationSec: 3.5, commandLine: 'python3 a.py -n 3', script: '/w/a.py', args: ['-n', '3'],
    interpreter: '/usr/bin/python3', git: { commit: '0123456789abcdef0123456789abcdef01234567', dirty: false }, startedAt: '2026-01-01T10:00:00.000Z', pid: 77, mode: 'launch',
  });
});

test('ill-typed and unknown fields are dropped, the rest kept', () => {
  const text = JSON.stringify({
    tool: 'perf', kind: 'gpu', sampleRate: -1, script: 42, args: ['ok', 3], interpreter: '', git: { commit: 'not a hash', dirty: true },
    startedAt: 'yesterday', pid: 1.5, mode: 'spawn', extra: { a: 1 }, durationSec: 1.25,
  });
  assert.deepEqual(parseSidecar(text), { durationSec: 1.25 });
  assert.equal(parseSidecar(JSON.stringify({ git: { commit: 'abcdef1', dirty: 'yes' } }))?.git, undefined);
  assert.equal(parseSidecar('[1,2]'), undefined);
  assert.equal(parseSidecar('{"sampleRate": 10'), undefined);
});
