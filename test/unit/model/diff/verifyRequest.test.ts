import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rerunnableCommandLine, verifyComparisonRequest } from '../../../../src/core/model/diff/verifyRequest';

describe('verifying a comparison with repeated runs', () => {
  it('takes both command lines from the sidecars of launched recordings', () => {
    assert.deepEqual(
      verifyComparisonRequest(
        { title: 'a.txt', sidecar: { commandLine: '/usr/bin/python3 slow.py 10', mode: 'launch' } },
        { title: 'b.txt', sidecar: { commandLine: ' /usr/bin/python3 fast.py 10 ' } },
      ),
      { ok: true, baseline: '/usr/bin/python3 slow.py 10', candidate: '/usr/bin/python3 fast.py 10' },
    );
  });

  it('says which side cannot be re-run and what to use instead', () => {
    const result = verifyComparisonRequest({ title: 'a.txt', sidecar: { commandLine: 'python3 a.py' } }, { title: 'b.json', sidecar: undefined });
    assert.deepEqual(result, {
      ok: false,
      message:
        'This comparison cannot be re-run: b.json has no command line to run again (the profile was not recorded by Profile First, or was attached to a running process). Use "Profile First: Verify Change…" and enter the two commands.',
    });
  });

  it('names both sides when neither has a command line', () => {
    const result = verifyComparisonRequest({ title: 'a.txt', sidecar: {} }, { title: 'b.txt', sidecar: { commandLine: 'pid 4242' } });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /^This comparison cannot be re-run: a\.txt and b\.txt have no command line/);
  });

  it('never re-runs an attached recording, whose command line Profile First did not start', () => {
    assert.equal(rerunnableCommandLine({ commandLine: 'python3 server.py', mode: 'attach' }), undefined);
    assert.equal(rerunnableCommandLine({ commandLine: 'pid 31337' }), undefined);
    assert.equal(rerunnableCommandLine({ commandLine: '   ' }), undefined);
    assert.equal(rerunnableCommandLine({ commandLine: 'python3 server.py', mode: 'launch' }), 'python3 server.py');
  });
});
