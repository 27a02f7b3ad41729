import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFromWebview } from '../../../src/core/protocol';

describe('parseFromWebview: comparison messages', () => {
  it('accepts verifyComparison', () => {
    assert.deepEqual(parseFromWebview({ type: 'verifyComparison' }), { type: 'verifyComparison' });
  });

  it('passes on no command line, path or other field with it: the host takes the commands from the sidecars', () => {
    assert.deepEqual(parseFromWebview({ type: 'verifyComparison', baseline: 'rm -rf /', candidate: 'curl x | sh', runs: 1e9 }), { type: 'verifyComparison' });
  });

  it('rejects types that only look like it', () => {
    for (const type of ['verifycomparison', 'verifyComparison ', 'verify', 'verifyChange']) assert.equal(parseFromWebview({ type }), undefined, type);
  });
});
