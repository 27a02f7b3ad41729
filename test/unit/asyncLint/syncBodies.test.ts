import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../src/core/asyncLint';
import { pruneSyncBodies } from '../../../src/core/asyncLint/syncBodies';
import { getLinter, lintText, py } from './lintHelpers';

/** A module with sync code around a fixable loop: a class, sync methods, a multi-line string, an f-string with nested quotes. */
const MIXED = py(
  '"""Service module."""',
  'import asyncio',
  '',
  '',
  'class Client:',
  '    def __init__(self, base):',
  '        self.base = base',
  '        self.doc = """',
  'def not_a_def():',
  '    pass',
  '"""',
  '',
  '    def url(self, item):',
  '        return f"{self.base}/{item["id"]}"  # quotes nest in 3.12 f-strings',
  '',
  '    async def fetch_all(self, ids):',
  '        results = []',
  '        for item in ids:',
  '            results.append(await fetch(item))',
  '        return results',
  '',
  '',
  'def helper(xs):',
  '    total = (1 +',
  '             2)',
  '    return total',
);

describe('pruning sync function bodies before parsing', () => {
  test('sync bodies become `0` plus empty lines; line count, async functions and headers stay', () => {
    const pruned = pruneSyncBodies(MIXED);
    assert.ok(pruned !== undefined);
    const lines = pruned.text.split('\n');
    assert.equal(lines.length, MIXED.split('\n').length);
    assert.deepEqual(lines.slice(5, 13), ['    def __init__(self, base):', '        0', '', '', '', '', '', '    def url(self, item):']);
    assert.equal(lines[13], '        0');
    assert.deepEqual(lines.slice(15, 20), MIXED.split('\n').slice(15, 20));
    assert.deepEqual(lines.slice(22, 26), ['def helper(xs):', '    0', '', '']);
  });

  test('a body that imports, yields or holds an async def is kept', () => {
    const text = py('def a():', '    import trio', '', 'def b():', '    yield 1', '', 'def c():', '    async def d():', '        await e()');
    assert.equal(pruneSyncBodies(text)?.text, text);
  });

  test('CR line ends, tabs and unterminated strings or brackets are not pruned (the whole file is parsed)', () => {
    assert.equal(pruneSyncBodies('def f():\r\n    return 1\r\n'), undefined);
    assert.equal(pruneSyncBodies('def f():\n\treturn 1\n'), undefined);
    assert.equal(pruneSyncBodies('def f():\n    return "abc\n'), undefined);
    assert.equal(pruneSyncBodies('def f():\n    return (1,\n'), undefined);
    assert.equal(pruneSyncBodies('def f():\n    return 1)\n'), undefined);
  });

  test('findings and fix offsets are the same as on the unpruned file', async () => {
    const linter = await getLinter();
    const [finding] = await lintText(MIXED);
    assert.equal(finding.rule, 'PF101');
    assert.equal(finding.line, 19);
    assert.equal(finding.fixable, true);
    const gather = finding.fixes.find((f) => f.variant === 'gather');
    assert.ok(gather !== undefined);
    const fixed = linter.applyFix(MIXED, gather);
    assert.ok(fixed.includes('        results = await asyncio.gather(*[fetch(item) for item in ids])\n        return results\n'), fixed);
    assert.equal(applyEdits(MIXED, gather.edits), fixed);
    // The same file with CRLF line ends takes the unpruned path and reports the same finding.
    const crlf = MIXED.replace(/\n/g, '\r\n');
    const [same] = await lintText(crlf);
    assert.deepEqual({ ...same, fixes: undefined }, { ...finding, fixes: undefined });
  });

  test('a file without `async` is not parsed at all and has no findings', async () => {
    assert.deepEqual(await lintText(py('def f(xs):', '    for x in xs:', '        g(x)')), []);
  });
});
