import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFromWebview } from '../../../src/core/protocol';

describe('parseFromWebview: memory messages', () => {
  it('accepts switchMemoryMode with peak or leaks', () => {
    assert.deepEqual(parseFromWebview({ type: 'switchMemoryMode', mode: 'peak' }), { type: 'switchMemoryMode', mode: 'peak' });
    assert.deepEqual(parseFromWebview({ type: 'switchMemoryMode', mode: 'leaks' }), { type: 'switchMemoryMode', mode: 'leaks' });
  });

  it('rejects switchMemoryMode without a known mode', () => {
    for (const mode of [undefined, null, '', 'allocations', 'PEAK', 'peak ', ['peak'], { toString: () => 'peak' }, 1]) {
      assert.equal(parseFromWebview({ type: 'switchMemoryMode', mode }), undefined, `accepted mode ${String(mode)}`);
    }
    assert.equal(parseFromWebview({ type: 'switchMemoryMode' }), undefined);
  });

  it('accepts rerunWithMalloc', () => {
    assert.deepEqual(parseFromWebview({ type: 'rerunWithMalloc' }), { type: 'rerunWithMalloc' });
  });

  it('passes on only the fields of the message, so no command, path or environment reaches the host', () => {
    assert.deepEqual(parseFromWebview({ type: 'switchMemoryMode', mode: 'leaks', file: '/etc/passwd', command: 'x' }), { type: 'switchMemoryMode', mode: 'leaks' });
    assert.deepEqual(parseFromWebview({ type: 'rerunWithMalloc', env: { LD_PRELOAD: '/tmp/x.so' }, args: ['--evil'], python: '/tmp/py' }), { type: 'rerunWithMalloc' });
  });

  it('keeps rejecting unknown message types that look alike', () => {
    for (const type of ['switchmemorymode', 'rerunWithMalloc ', 'rerun', 'switchMode']) assert.equal(parseFromWebview({ type, mode: 'peak' }), undefined, type);
  });
});
