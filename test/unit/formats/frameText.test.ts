import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeFrameKind, parseCodeFrame, parseProcessFrame, parseThreadFrame, pseudoFrameKind } from '../../../src/core/formats/frameText';

test('a Python frame splits into name, file and line', () => {
  assert.deepEqual(parseCodeFrame('main (/app/m.py:8)'), { name: 'main', file: '/app/m.py', line: 8, kind: 'python' });
});

test('a frame without a line number (py-spy --nolineno) keeps its file and has no line', () => {
  assert.deepEqual(parseCodeFrame('spin (/app/m.py)'), { name: 'spin', file: '/app/m.py', kind: 'python' });
});

test('line 0 means unknown and becomes no line', () => {
  assert.deepEqual(parseCodeFrame('f (/app/m.py:0)'), { name: 'f', file: '/app/m.py', kind: 'python' });
});

test('a bare name has no file and counts as native code', () => {
  assert.deepEqual(parseCodeFrame('do_work'), { name: 'do_work', kind: 'native' });
});

test('a Windows path keeps its drive colon and only the last :N is the line', () => {
  assert.deepEqual(parseCodeFrame('run (C:\\Users\\me\\proj\\app.py:12)'), {
    name: 'run',
    file: 'C:\\Users\\me\\proj\\app.py',
    line: 12,
    kind: 'python',
  });
});

test('a path holding a colon, spaces and balanced parentheses is parsed right-anchored', () => {
  assert.deepEqual(parseCodeFrame('main (/tmp/pf (odd):dir/rec (1).py:24)'), {
    name: 'main',
    file: '/tmp/pf (odd):dir/rec (1).py',
    line: 24,
    kind: 'python',
  });
});

test('a path with an unbalanced parenthesis still splits at the name', () => {
  assert.deepEqual(parseCodeFrame('main (/tmp/a)b/x.py:3)'), { name: 'main', file: '/tmp/a)b/x.py', line: 3, kind: 'python' });
  assert.deepEqual(parseCodeFrame('main (/tmp/a(b/x.py:3)'), { name: 'main', file: '/tmp/a(b/x.py', line: 3, kind: 'python' });
});

test('a C++ name with parentheses keeps them in the name', () => {
  assert.deepEqual(parseCodeFrame('foo(int (*)(int)) (/usr/lib/libfoo.so)'), {
    name: 'foo(int (*)(int))',
    file: '/usr/lib/libfoo.so',
    kind: 'native',
  });
});

test('an unresolved native address "0x7f12 (?)" has no file', () => {
  assert.deepEqual(parseCodeFrame('0x7f12ab (?)'), { name: '0x7f12ab', kind: 'native' });
});

test('a native frame in a shared library keeps the library as its file', () => {
  assert.deepEqual(parseCodeFrame('0x7fbd5744524a (/usr/lib/x86_64-linux-gnu/libc.so.6)'), {
    name: '0x7fbd5744524a',
    file: '/usr/lib/x86_64-linux-gnu/libc.so.6',
    kind: 'native',
  });
});

test('a native frame with a C source and line is native code with a line', () => {
  assert.deepEqual(parseCodeFrame('EVP_hash (/build/Modules/_hashopenssl.c:442)'), {
    name: 'EVP_hash',
    file: '/build/Modules/_hashopenssl.c',
    line: 442,
    kind: 'native',
  });
});

test('empty parentheses are part of a bare name, not an empty file', () => {
  assert.deepEqual(parseCodeFrame('foo ()'), { name: 'foo ()', kind: 'native' });
});

test('Python pseudo-filenames and .pyw/.pyx files are Python code', () => {
  assert.equal(codeFrameKind('<frozen importlib._bootstrap>'), 'python');
  assert.equal(codeFrameKind('<string>'), 'python');
  assert.equal(codeFrameKind('C:\\app\\GUI.PYW'), 'python');
  assert.equal(codeFrameKind('/src/fast.pyx'), 'python');
  assert.equal(codeFrameKind('/usr/lib/libpython3.11.so'), 'native');
  assert.equal(codeFrameKind(undefined), 'native');
});

test('thread pseudo-frames are recognised with and without a thread name', () => {
  assert.deepEqual(parseThreadFrame('thread (8322)'), { name: 'thread (8322)', kind: 'thread' });
  assert.deepEqual(parseThreadFrame('thread (8322): worker-b'), { name: 'thread (8322): worker-b', kind: 'thread' });
  assert.deepEqual(parseThreadFrame('thread (0x70000e7a1000): Main (1)'), { name: 'thread (0x70000e7a1000): Main (1)', kind: 'thread' });
  assert.equal(parseThreadFrame('threaded (/app/t.py:3)'), undefined);
});

test('a process pseudo-frame yields its command line, quotes and all', () => {
  assert.deepEqual(parseProcessFrame('process 42:"python -c "x; y" (a)"'), {
    frame: { name: 'process 42:"python -c "x; y" (a)"', kind: 'process' },
    commandLine: 'python -c "x; y" (a)',
  });
  assert.equal(parseProcessFrame('process (/app/p.py:1)'), undefined);
});

test('pseudoFrameKind tells thread and process names apart from code', () => {
  assert.equal(pseudoFrameKind('thread (9215): MainThread'), 'thread');
  assert.equal(pseudoFrameKind('process 9224:"python3 -S parent.py"'), 'process');
  assert.equal(pseudoFrameKind('main'), undefined);
});
