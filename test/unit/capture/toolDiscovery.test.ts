import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ToolMissingError } from '../../../src/core/errors';
import { findOnPath, findPySpy, resolvePython } from '../../../src/core/capture/toolDiscovery';

// Fake tools are tiny shell scripts, so these tests run without Python or py-spy (POSIX only).
const root = mkdtempSync(join(tmpdir(), 'pf-discovery-'));
after(() => rmSync(root, { recursive: true, force: true }));

function script(file: string, body: string): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A fake interpreter whose sysconfig scripts folder is `scriptsDir`. */
const fakePython = (file: string, scriptsDir: string): string => script(file, `echo "${scriptsDir}"`);
const fakePySpy = (file: string, version: string): string => script(file, `echo "py-spy ${version}"`);

const envDir = join(root, 'venv', 'bin');
const pathDir = join(root, 'usr', 'bin');
const python = fakePython(join(root, 'venv', 'bin', 'python'), envDir);
const env = { PATH: pathDir };
const ctx = { env, cwd: root, platform: 'linux' as const };

test('py-spy in the interpreter\'s scripts folder wins over PATH and the configured path', async () => {
  const own = fakePySpy(join(envDir, 'py-spy'), '0.4.3');
  fakePySpy(join(pathDir, 'py-spy'), '0.3.0');
  try {
    assert.deepEqual(await findPySpy({ ...ctx, python, configuredPath: join(pathDir, 'py-spy') }), { path: own, version: '0.4.3', source: 'interpreter' });
  } finally {
    rmSync(own);
    rmSync(join(pathDir, 'py-spy'));
  }
});

test('without one in the environment, PATH is next, then the configured path', async () => {
  const onPath = fakePySpy(join(pathDir, 'py-spy'), '0.4.1');
  const configured = fakePySpy(join(root, 'tools', 'py-spy'), '0.4.0');
  assert.deepEqual(await findPySpy({ ...ctx, python, configuredPath: configured }), { path: onPath, version: '0.4.1', source: 'path' });
  rmSync(onPath);
  assert.deepEqual(await findPySpy({ ...ctx, python, configuredPath: configured }), { path: configured, version: '0.4.0', source: 'configured' });
  rmSync(configured);
});

test('a candidate that does not answer --version like py-spy is skipped', async () => {
  const broken = script(join(envDir, 'py-spy'), 'echo "not it"');
  const good = fakePySpy(join(pathDir, 'py-spy'), '0.4.3');
  try {
    assert.equal((await findPySpy({ ...ctx, python })).path, good);
  } finally {
    rmSync(broken);
    rmSync(good);
  }
});

test('missing py-spy is a ToolMissingError naming the interpreter, with its pip install command', async () => {
  await assert.rejects(findPySpy({ ...ctx, python, configuredPath: '/nowhere/py-spy' }), (err: unknown) => {
    assert.ok(err instanceof ToolMissingError);
    assert.equal(err.tool, 'py-spy');
    assert.deepEqual(err.installCommand, [python, '-m', 'pip', 'install', 'py-spy']);
    assert.match(err.message, new RegExp(`not found for ${python}`));
    assert.match(err.message, /the configured path \/nowhere\/py-spy does not exist/);
    return true;
  });
});

test('python3 on PATH resolves to its absolute path; empty and relative PATH entries are never searched', async () => {
  const py3 = fakePython(join(pathDir, 'python3'), envDir);
  fakePython(join(root, 'python3'), envDir); // in cwd: must not be found through '' or '.'
  assert.equal(await resolvePython('python3', { ...ctx, env: { PATH: `:.:${pathDir}` } }), py3);
  assert.equal(await findOnPath('python3', { ...ctx, env: { PATH: ':.' } }), undefined);
});

test('a relative interpreter path is resolved against cwd; a missing one is a ToolMissingError', async () => {
  assert.equal(await resolvePython('venv/bin/python', ctx), python);
  await assert.rejects(resolvePython('./nope/python', ctx), (err: unknown) => err instanceof ToolMissingError && /nope\/python does not exist/.test(err.message));
  await assert.rejects(resolvePython('python9', ctx), (err: unknown) => err instanceof ToolMissingError && /"python9" was not found on PATH/.test(err.message));
});

test('a hung probe times out instead of hanging discovery', async () => {
  const slow = script(join(root, 'slow', 'py-spy'), 'exec sleep 30');
  const started = Date.now();
  await assert.rejects(findPySpy({ ...ctx, env: { PATH: '' }, configuredPath: slow, timeoutMs: 300 }), ToolMissingError);
  assert.ok(Date.now() - started < 5000);
});
