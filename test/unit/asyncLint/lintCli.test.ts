import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { CliIo } from '../../../src/cli/cliIo';
import { lint } from '../../../src/cli/commands/lint';
import { SIMPLE_LOOP, py } from './lintHelpers';

const NOT_FIXABLE = py('async def f(client, urls):', '    for u in urls:', '        await client.get(u)');

function fakeIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: {}, out: () => out.join(''), err: () => err.join('') };
}

describe('profile-first lint', () => {
  const root = mkdtempSync(join(tmpdir(), 'pf-lint-cli-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write('proj/app/main.py', SIMPLE_LOOP);
  write('proj/app/other.py', NOT_FIXABLE);
  write('proj/app/clean.py', py('async def f(x):', '    return await g(x)'));
  write('proj/app/notes.txt', SIMPLE_LOOP);
  write('proj/tests/test_main.py', SIMPLE_LOOP);
  write('proj/.venv/lib/site.py', SIMPLE_LOOP);
  write('proj/node_modules/x/y.py', SIMPLE_LOOP);

  test('--json prints exactly the contract keys, 1-based, and exits 1 when there are findings', async () => {
    const io = fakeIo(root);
    assert.equal(await lint(['--json', 'proj'], io), 1);
    const parsed = JSON.parse(io.out()) as { findings: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(parsed), ['findings']);
    assert.deepEqual(parsed.findings, [
      {
        file: join('proj', 'app', 'main.py'),
        line: 7,
        column: 24,
        endLine: 7,
        endColumn: 41,
        rule: 'PF101',
        message: 'await inside a for loop: each call waits for the previous one, though the calls look independent',
        fixable: true,
      },
      {
        file: join('proj', 'app', 'other.py'),
        line: 3,
        column: 9,
        endLine: 3,
        endColumn: 28,
        rule: 'PF101',
        message: parsed.findings[1].message,
        fixable: false,
      },
    ]);
    assert.match(String(parsed.findings[1].message), /no automatic fix: every call shares client/);
  });

  test('a folder is searched for *.py, skipping .venv, node_modules and test files', async () => {
    const io = fakeIo(root);
    await lint(['proj'], io);
    const files = io.out().split('\n').filter(Boolean).map((l) => l.split(':')[0]);
    assert.deepEqual(files, [join('proj', 'app', 'main.py'), join('proj', 'app', 'other.py')]);
  });

  test('text mode prints file:line:col: RULE message, one line per finding', async () => {
    const io = fakeIo(root);
    assert.equal(await lint(['proj/app/main.py'], io), 1);
    assert.equal(io.out(), 'proj/app/main.py:7:24: PF101 await inside a for loop: each call waits for the previous one, though the calls look independent\n');
  });

  test('a file named explicitly is linted even when it looks like a test file', async () => {
    const io = fakeIo(root);
    assert.equal(await lint(['proj/tests/test_main.py'], io), 1);
  });

  test('no findings exits 0 with no output', async () => {
    const io = fakeIo(root);
    assert.equal(await lint(['proj/app/clean.py'], io), 0);
    assert.equal(io.out(), '');
  });

  test('a missing path exits 2 with a two-line message and lints nothing', async () => {
    const io = fakeIo(root);
    assert.equal(await lint(['proj/app/main.py', 'nope.py'], io), 2);
    assert.equal(io.out(), '');
    assert.equal(io.err(), "profile-first lint: cannot read 'nope.py' (no such file or folder).\nCheck the path: lint takes .py files and folders.\n");
  });

  test('no PATH is a usage error', async () => {
    await assert.rejects(lint([], fakeIo(root)), /needs at least one PATH/);
    await assert.rejects(lint(['--frobnicate', 'x.py'], fakeIo(root)), /unknown option/);
  });

  test('--fix rewrites only fixable findings, keeps the file mode, leaves no temp file, and reports what is left', async () => {
    const dir = join(root, 'fix');
    mkdirSync(dir);
    writeFileSync(join(dir, 'main.py'), SIMPLE_LOOP);
    writeFileSync(join(dir, 'other.py'), NOT_FIXABLE);
    chmodSync(join(dir, 'main.py'), 0o640);
    const io = fakeIo(root);
    assert.equal(await lint(['--fix', '--json', 'fix'], io), 1);
    const fixed = readFileSync(join(dir, 'main.py'), 'utf8');
    assert.match(fixed, /^    results = await asyncio\.gather\(\*\[fetch\(item\) for item in items\]\)$/m);
    assert.equal(statSync(join(dir, 'main.py')).mode & 0o777, 0o640);
    assert.equal(readFileSync(join(dir, 'other.py'), 'utf8'), NOT_FIXABLE);
    assert.deepEqual(readdirSync(dir).sort(), ['main.py', 'other.py']);
    assert.deepEqual((JSON.parse(io.out()) as { findings: { file: string }[] }).findings.map((f) => f.file), [join('fix', 'other.py')]);
    assert.equal(io.err(), 'Fixed 1 finding in 1 file; 1 left.\n');
  });

  test('--help prints the usage and exits 0', async () => {
    const io = fakeIo(root);
    assert.equal(await lint(['--help'], io), 0);
    assert.match(io.out(), /^Usage: profile-first lint PATH\.\.\. \[--json\] \[--fix\]/);
  });
});
