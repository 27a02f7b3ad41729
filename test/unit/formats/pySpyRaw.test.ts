import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePySpyRaw, parsePySpyRawText } from '../../../src/core/formats/pySpyRaw';
import { ProfileParseError } from '../../../src/core/errors';
import type { Profile } from '../../../src/core/model/profile';

/** Each stack as readable frame names, with its weight, in file order. */
function stacks(p: Profile): string[] {
  return p.stacks.map((s, i) => `${Array.from(s, (f) => p.frames[f].name).join(' > ')} = ${p.weights[i]}`);
}

test('a minimal py-spy line gives root-first frames and the count as weight', () => {
  const p = parsePySpyRawText('<module> (main.py:14);main (main.py:8) 20\n', 'x.txt');
  assert.deepEqual(stacks(p), ['<module> > main = 20']);
  assert.deepEqual(p.frames[1], { name: 'main', file: 'main.py', line: 8, kind: 'python' });
  assert.deepEqual(p.meta, { tool: 'py-spy', kind: 'cpu', unit: 'samples' });
});

test('identical stacks on two lines are merged and their counts added', () => {
  const p = parsePySpyRawText('a (a.py:1);b (b.py:2) 3\na (a.py:1);b (b.py:2) 4\n', 'x.txt');
  assert.deepEqual(stacks(p), ['a > b = 7']);
});

test('a process command line holding ";", quotes, spaces and parentheses stays one frame', () => {
  const line = 'process 7:"python -c "import x; x.run()" a;b (c d)";process 9:"child (1); x";thread (9): w;x;run (/a.py:3) 5';
  const p = parsePySpyRawText(line, 'x.txt');
  assert.deepEqual(
    p.frames.map((f) => [f.kind, f.name]),
    [
      ['process', 'process 7:"python -c "import x; x.run()" a;b (c d)"'],
      ['process', 'process 9:"child (1); x"'],
      ['thread', 'thread (9): w;x'],
      ['python', 'run'],
    ],
  );
  assert.equal(p.meta.commandLine, 'python -c "import x; x.run()" a;b (c d)');
});

test('a process frame followed directly by code ends at the last quote before the code', () => {
  const p = parsePySpyRawText('process 3:"python -c "a"; b";main (/m.py:1) 2', 'x.txt');
  assert.deepEqual(
    p.frames.map((f) => f.name),
    ['process 3:"python -c "a"; b"', 'main'],
  );
});

test('a stack of only pseudo-frames is kept with its weight', () => {
  const p = parsePySpyRawText('thread (9045) 1\nthread (9040): MainThread 2\n', 'x.txt');
  assert.deepEqual(stacks(p), ['thread (9045) = 1', 'thread (9040): MainThread = 2']);
  assert.deepEqual(
    p.frames.map((f) => f.kind),
    ['thread', 'thread'],
  );
});

test('an empty stack (" 3", written by py-spy --idle) has no frames and keeps its weight', () => {
  const p = parsePySpyRawText('a (/a.py:1) 2\n 3\n', 'x.txt');
  assert.deepEqual(p.stacks, [[0], []]);
  assert.deepEqual(p.weights, [2, 3]);
});

test('"thread (…)" is a pseudo-frame only at the root; deeper it is an ordinary frame', () => {
  const p = parsePySpyRawText('main (/m.py:1);thread (12) 1', 'x.txt');
  assert.deepEqual(p.frames[1], { name: 'thread', file: '12', kind: 'native' });
});

test('native frames, Windows paths and nolineno frames parse inside one line', () => {
  const p = parsePySpyRawText('0x7f (?);run (C:\\p\\app.py:12);spin (/m.py);SHA256_Update (/usr/lib/libcrypto.so.3) 4', 'x.txt');
  assert.deepEqual(p.frames, [
    { name: '0x7f', kind: 'native' },
    { name: 'run', file: 'C:\\p\\app.py', line: 12, kind: 'python' },
    { name: 'spin', file: '/m.py', kind: 'python' },
    { name: 'SHA256_Update', file: '/usr/lib/libcrypto.so.3', kind: 'native' },
  ]);
});

test('Brendan Gregg collapsed stacks with bare names are read as tool "collapsed"', () => {
  const p = parsePySpyRawText('main;foo;bar 12\nmain;baz 3\n', 'perf.folded');
  assert.equal(p.meta.tool, 'collapsed');
  assert.deepEqual(stacks(p), ['main > foo > bar = 12', 'main > baz = 3']);
});

test('CRLF line ends, blank lines and a tab before the count are accepted', () => {
  const p = parsePySpyRawText('a (/a.py:1) 2\r\n\r\n   \na (/a.py:1)\t5\r\n', 'x.txt');
  assert.deepEqual(stacks(p), ['a = 7']);
});

test('decimal counts from other collapsed-stack tools are kept as weights', () => {
  const p = parsePySpyRawText('a;b 1.5\n', 'x.txt');
  assert.deepEqual(p.weights, [1.5]);
});

test('hints fill in the rate, duration and command line the raw text lacks', () => {
  const p = parsePySpyRawText('a;b 1\n', 'x.txt', { sampleRate: 100, durationSec: 2.5, commandLine: 'python a.py', fromPySpy: true });
  assert.deepEqual(p.meta, { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100, durationSec: 2.5, commandLine: 'python a.py' });
});

test('the streaming entry point reads lines from an async iterable', async () => {
  async function* lines() {
    yield 'a (/a.py:1);b (/a.py:2) 2';
    yield 'a (/a.py:1) 1';
  }
  const p = await parsePySpyRaw(lines(), 'stream');
  assert.deepEqual(stacks(p), ['a > b = 2', 'a = 1']);
});

function parseError(text: string): ProfileParseError {
  try {
    parsePySpyRawText(text, 'bad.txt');
  } catch (err) {
    assert.ok(err instanceof ProfileParseError, `expected ProfileParseError, got ${String(err)}`);
    assert.ok(!err.message.includes('\n'), 'the message is one line');
    assert.ok(err.message.startsWith('bad.txt: '), err.message);
    return err;
  }
  assert.fail('expected a ProfileParseError');
}

test('a count that is not a number is reported with its line number', () => {
  const err = parseError('a (/a.py:1) 1\nb (/b.py:2) 2\nc (/c.py:3) 12x\n');
  assert.equal(err.message, 'bad.txt: line 3: the sample count "12x" is not a number');
});

test('a first line that is not a stack line is called an unsupported format', () => {
  const err = parseError('hello world\n');
  assert.match(err.message, /^bad\.txt: not a supported profile format: line 1 is not a "frame;frame;… COUNT" stack line \(the sample count "world" is not a number\)/);
});

test('a line with no space at all is reported as having no sample count', () => {
  const err = parseError('a (/a.py:1) 1\nnospace\n');
  assert.equal(err.message, 'bad.txt: line 2: found no sample count: the line ends with "nospace"');
});

test('control characters in a bad line are escaped so the message stays one line', () => {
  const err = parseError('a 1\nb \u0007\u001b[31m\n');
  assert.equal(err.message, 'bad.txt: line 2: the sample count "\\u0007\\u001b[31m" is not a number');
});

test('text with only blank lines has no stack lines', () => {
  assert.equal(parseError('\n  \n').message, 'bad.txt: the file has no stack lines');
});
