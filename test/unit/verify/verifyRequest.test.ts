import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunFailedError } from '../../../src/core/errors';
import { runFailureMessage } from '../../../src/core/verify/runFailureMessage';
import { commandLineProblem, MAX_COMMAND_LINE_BYTES, parseVerifyRequest, VerifyRequestError } from '../../../src/core/verify/verifyRequest';

describe('parseVerifyRequest', () => {
  it('takes two command lines as they are', () => {
    assert.deepEqual(parseVerifyRequest({ baseline: 'python3 slow.py', candidate: "python3 fast.py --n '1 000'" }), {
      baseline: 'python3 slow.py',
      candidate: "python3 fast.py --n '1 000'",
    });
  });

  it('returns undefined without an argument (the palette: ask the user)', () => {
    assert.equal(parseVerifyRequest(undefined), undefined);
  });

  it('ignores other keys of the object', () => {
    assert.deepEqual(parseVerifyRequest({ baseline: 'a', candidate: 'b', runs: 1000 }), { baseline: 'a', candidate: 'b' });
  });

  for (const [what, value, message] of [
    ['null', null, /not null\./],
    ['a string', 'python3 slow.py', /not a string\./],
    ['a list', ['a', 'b'], /not a list\./],
    ['a number', 7, /not a number\./],
  ] as const) {
    it(`refuses ${what} instead of an object`, () => {
      assert.throws(() => parseVerifyRequest(value), (err: unknown) => err instanceof VerifyRequestError && message.test(err.message));
    });
  }

  it('refuses a missing side and names it', () => {
    assert.throws(() => parseVerifyRequest({ baseline: 'a' }), {
      message: 'Verify Change was given no candidate command line (nothing). Run it from the command palette to type it.',
    });
  });

  it('refuses a side that is not a string without echoing it', () => {
    assert.throws(() => parseVerifyRequest({ baseline: { toString: () => 'rm -rf /' }, candidate: 'b' }), {
      message: 'Verify Change was given no baseline command line (an object). Run it from the command palette to type it.',
    });
  });

  it('refuses an empty or blank command line', () => {
    assert.throws(() => parseVerifyRequest({ baseline: '', candidate: 'b' }), { message: 'Verify Change cannot use the baseline command line: Type a command, e.g. python3 bench.py' });
    assert.throws(() => parseVerifyRequest({ baseline: 'a', candidate: ' \t\n' }), VerifyRequestError);
  });

  it('accepts exactly 8 KB and refuses one byte more, counted in UTF-8', () => {
    assert.equal(MAX_COMMAND_LINE_BYTES, 8192);
    const max = `x${' '.repeat(8191)}`;
    assert.deepEqual(parseVerifyRequest({ baseline: max, candidate: 'b' }), { baseline: max, candidate: 'b' });
    assert.throws(() => parseVerifyRequest({ baseline: `${max}y`, candidate: 'b' }), {
      message: 'Verify Change cannot use the baseline command line: The command is 8193 bytes long; at most 8192 are accepted.',
    });
    // 4097 two-byte characters: 4097 UTF-16 units, 8194 bytes.
    assert.equal(commandLineProblem('é'.repeat(4097)), 'The command is 8194 bytes long; at most 8192 are accepted.');
  });
});

describe('runFailureMessage', () => {
  it('gives the runner message and the last three stderr lines of a traceback', () => {
    const stderr = 'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n';
    const err = new RunFailedError('The candidate command exited with status 1 on run 1: python3 x.py', stderr);
    assert.equal(
      runFailureMessage(err),
      'The candidate command exited with status 1 on run 1: python3 x.py. Its stderr ends: … | 1/0 | ~^~ | ZeroDivisionError: division by zero',
    );
  });

  it('gives short stderr whole and says when there was none', () => {
    assert.equal(runFailureMessage(new RunFailedError('The baseline command exited with status 2 on run 1: a.', 'usage: a\n\n')), 'The baseline command exited with status 2 on run 1: a. Its stderr: usage: a');
    assert.equal(runFailureMessage(new RunFailedError('The baseline command was killed by signal 9 on run 3: a', '')), 'The baseline command was killed by signal 9 on run 3: a. It wrote nothing on stderr.');
  });
});
