import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, FixRefusedError } from '../../../src/core/asyncLint';
import { generatorExpressionsWithAwait } from './pythonTree';
import { getLinter, lintText, py, SIMPLE_LOOP } from './lintHelpers';

describe('fix variants', () => {
  test('the gather fix says in its title that the other calls keep running after a failure', async () => {
    const [f] = await lintText(SIMPLE_LOOP);
    const gather = f.fixes.find((x) => x.variant === 'gather');
    assert.match(gather?.title ?? '', /after a failure the other calls keep running/);
    assert.match(gather?.detail ?? '', /Context variables/);
  });

  test('the bounded variant uses the concurrencyLimit option and mentions the httpx pool of 100 connections', async () => {
    const [f] = await lintText(SIMPLE_LOOP, { concurrencyLimit: 4 });
    const bounded = f.fixes.find((x) => x.variant === 'semaphore');
    assert.ok(bounded !== undefined);
    assert.match(bounded.title, /at most 4 at a time/);
    assert.match(bounded.title, /httpx pools 100 connections/);
    assert.match(applyEdits(SIMPLE_LOOP, bounded.edits), /semaphore = asyncio\.Semaphore\(4\)/);
  });

  test('the bounded variant is preferred for range(50) and plain gather for a literal list of two', async () => {
    const big = SIMPLE_LOOP.replace('for item in items', 'for item in range(50)');
    const small = SIMPLE_LOOP.replace('for item in items', 'for item in ["a", "b"]');
    assert.equal((await lintText(big))[0].fixes.find((x) => x.preferred)?.variant, 'semaphore');
    assert.equal((await lintText(small))[0].fixes.find((x) => x.preferred)?.variant, 'gather');
  });

  test('appending to a list that already has items becomes extend(await gather(...)), never extend(await … for …)', async () => {
    const text = SIMPLE_LOOP.replace('results = []', 'results = [None]');
    const fixed = (await getLinter()).fixAll(text, { file: 'app/main.py' }).text;
    assert.match(fixed, /results\.extend\(await asyncio\.gather\(\*\[fetch\(item\) for item in items\]\)\)/);
    assert.deepEqual(await generatorExpressionsWithAwait(fixed), []);
  });

  test('TaskGroup is offered only when the target Python is known to be 3.11 or later', async () => {
    const variants = async (targetPython?: { major: number; minor: number }) =>
      (await lintText(SIMPLE_LOOP, targetPython === undefined ? {} : { targetPython }))[0].fixes.map((x) => x.variant);
    assert.deepEqual(await variants(), ['gather', 'semaphore']);
    assert.deepEqual(await variants({ major: 3, minor: 10 }), ['gather', 'semaphore']);
    assert.deepEqual(await variants({ major: 3, minor: 11 }), ['gather', 'semaphore', 'taskgroup']);
  });

  test('helper names avoid names the function already uses', async () => {
    const text = SIMPLE_LOOP.replace('    results = []', '    semaphore = bounded = None\n    results = []');
    const bounded = (await lintText(text))[0].fixes.find((x) => x.variant === 'semaphore');
    const out = applyEdits(text, bounded?.edits ?? []);
    assert.match(out, /semaphore_2 = asyncio\.Semaphore\(10\)/);
    assert.match(out, /async def bounded_2\(awaitable\):/);
  });

  test('asyncio imported under an alias is called through that alias', async () => {
    const text = SIMPLE_LOOP.replace('import asyncio', 'import asyncio as aio');
    const fixed = (await getLinter()).fixAll(text, { file: 'app/main.py' }).text;
    assert.match(fixed, /results = await aio\.gather\(/);
    assert.doesNotMatch(fixed, /^import asyncio$/m);
  });

  test('import asyncio goes after the module docstring and __future__ imports when there is no other import', async () => {
    const text = py('"""Doc."""', 'from __future__ import annotations', '', '', ...SIMPLE_LOOP.split('\n').slice(3));
    const fixed = (await getLinter()).fixAll(text, { file: 'app/main.py' }).text;
    assert.ok(fixed.startsWith('"""Doc."""\nfrom __future__ import annotations\nimport asyncio\n'), fixed);
  });

  test('a fix in a CRLF file writes CRLF line breaks', async () => {
    const text = SIMPLE_LOOP.replace('    results = []', '    # note\n    results = []').replace(/\n/g, '\r\n');
    const f = (await lintText(text))[0];
    const out = applyEdits(text, f.fixes.find((x) => x.variant === 'semaphore')?.edits ?? []);
    assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
  });

  test('edit ranges are 1-based and count UTF-16 code units, as VS Code positions do', async () => {
    const text = SIMPLE_LOOP.replace('await fetch(item)', 'await fetch(item, "héllo😀")');
    const f = (await lintText(text))[0];
    const edit = f.fixes[0].edits[0];
    const lines = text.split('\n');
    assert.equal(lines[edit.range.line - 1].slice(edit.range.column - 1), '    results = []'.trimStart());
    assert.equal(f.line, 7);
    assert.equal(f.column, lines[6].indexOf('await') + 1);
    // exclusive end, 1-based: the emoji is two code units, then `")`
    assert.equal(f.endColumn, lines[6].indexOf('😀")') + 4 + 1);
  });

  test('applyFix refuses a rewrite that would add a syntax error and leaves the text alone', async () => {
    const linter = await getLinter();
    const [f] = await lintText(SIMPLE_LOOP);
    const broken = { ...f.fixes[0], edits: f.fixes[0].edits.map((e) => ({ ...e, newText: `${e.newText}(` })) };
    assert.throws(() => linter.applyFix(SIMPLE_LOOP, broken), FixRefusedError);
    assert.match(linter.applyFix(SIMPLE_LOOP, f.fixes[0]), /await asyncio\.gather/);
  });
});
