import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTestFile } from '../../../src/core/asyncLint';
import { getLinter, lintText, py, SIMPLE_LOOP } from './lintHelpers';

describe('which code is reported', () => {
  test('test files are skipped unless includeTests is set', async () => {
    for (const file of ['tests/test_api.py', 'pkg/tests/helpers.py', 'test_api.py', 'api_test.py', 'conftest.py']) {
      assert.ok(isTestFile(file), file);
      assert.deepEqual(await lintText(SIMPLE_LOOP, { file }), [], file);
      assert.equal((await lintText(SIMPLE_LOOP, { file, includeTests: true })).length, 1, file);
    }
    for (const file of ['app/testing.py', 'test/fixtures/async/case.py', 'contest.py']) assert.ok(!isTestFile(file), file);
  });

  test('a loop in a plain def, a lambda or at module level is not reported', async () => {
    const text = py('def sync(items):', '    for i in items:', '        f = lambda: await g(i)', 'for i in items:', '    await g(i)');
    assert.deepEqual(await lintText(text), []);
  });

  test('one loop with its await in a nested loop is reported once, at the inner loop', async () => {
    const text = py('async def grid(client, rows):', '    for row in rows:', '        for cell in row:', '            await client.get(cell)');
    const found = await lintText(text);
    assert.deepEqual(found.map((f) => [f.rule, f.line]), [['PF101', 4]]);
  });

  test('findings are sorted by position', async () => {
    const text = py(
      'import asyncio',
      'async def b(xs):',
      '    return [await fetch(x) for x in xs]',
      'async def a(xs):',
      '    for x in xs:',
      '        await fetch(x)',
    );
    assert.deepEqual((await lintText(text)).map((f) => f.line), [3, 6]);
  });

  test('evidence raises the severity and puts the waiting time in the message', async () => {
    const evidence = (_file: string, line: number) => (line === 7 ? { seconds: 2.4, waitingShare: 0.96, calls: 20 } : undefined);
    const [f] = await lintText(SIMPLE_LOOP, { evidence });
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, 'await inside a for loop: this loop waited 2.4 s, 96 % of the run, 20 calls one at a time');
    assert.deepEqual(f.evidence, { seconds: 2.4, waitingShare: 0.96, calls: 20 });
  });

  test('evidence of a single call, or below the thresholds, leaves the finding as information', async () => {
    for (const e of [
      { seconds: 2.4, waitingShare: 0.96, calls: 1 },
      { seconds: 0.01, waitingShare: 0.5 },
      { seconds: 3, waitingShare: 0.02 },
    ]) {
      const [f] = await lintText(SIMPLE_LOOP, { evidence: () => e });
      assert.equal(f.severity, 'information', JSON.stringify(e));
      assert.equal(f.evidence, undefined);
    }
  });

  test('the evidence lookup is asked with the file as given and the line of the await', async () => {
    const asked: string[] = [];
    await lintText(SIMPLE_LOOP, { file: 'src/x.py', evidence: (file, line) => (asked.push(`${file}:${line}`), undefined) });
    assert.deepEqual(asked, ['src/x.py:7']);
  });

  test('PF103 reports two awaits on one httpx client when both waited, and not when the client is a parameter', async () => {
    const body = ['    a = await client.get("/a")', '    b = await client.get("/b")', '    return a, b'];
    const local = py('import httpx', 'async def page():', '    client = httpx.AsyncClient()', ...body);
    const param = py('import httpx', 'async def page(client):', ...body);
    const evidence = () => ({ seconds: 0.5, waitingShare: 0.4 });
    const found = await lintText(local, { evidence });
    assert.deepEqual(found.map((f) => [f.rule, f.line, f.endLine, f.severity, f.fixable]), [['PF103', 4, 5, 'warning', true]]);
    assert.match(found[0].message, /^2 independent awaits in a row waited 1\.0 s, 80 % of the run/);
    assert.deepEqual(await lintText(param, { evidence }), []);
  });

  test('silenced code says which hazard kept it out', async () => {
    const text = py('async def f(items):', '    for item in items:', '        await asyncio.sleep(1)');
    const report = (await getLinter()).lintWithDetails(text, { file: 'app/main.py' });
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.silenced, [{ rule: 'PF101', line: 3, why: 'awaits sleep(): rate limiting, polling or back-off is sequential on purpose (hazard 7)' }]);
  });

  test('a receiver listed by its expression in concurrencySafe makes the loop fixable', async () => {
    const text = py('import asyncio', 'class A:', '    async def all(self, urls):', '        out = []', '        for u in urls:', '            out.append(await self.http.get(u))', '        return out');
    assert.equal((await lintText(text))[0].fixable, false);
    assert.equal((await lintText(text, { concurrencySafe: ['self.http'] }))[0].fixable, true);
  });

  test('Python 3.14 syntax (except A, B:) parses, so the function is still linted', async () => {
    const text = SIMPLE_LOOP.replace('    return results', '    try:\n        pass\n    except ValueError, TypeError:\n        pass\n    return results');
    assert.equal((await lintText(text)).length, 1);
  });
});

describe('scope of an await', () => {
  test('an await in a default argument belongs to the enclosing function, not to the one being defined', async () => {
    const text = py(
      'async def outer(items):',
      '    for item in items:',
      '        async def inner(x=await fetch(item)):',
      '            return x',
      '        register(inner)',
    );
    const found = await lintText(text);
    assert.deepEqual(found.map((f) => [f.rule, f.line, f.fixable]), [['PF101', 3, false]]);
  });
});
