/** The workspace's git state for the sidecar, with the real git. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readGitState } from '../../../src/core/capture/gitState';

const dir = mkdtempSync(join(tmpdir(), 'pf-git-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
}

test('a clean repository gives HEAD and dirty=false; a changed file makes it dirty', async () => {
  git('init', '-q');
  writeFileSync(join(dir, 'a.py'), 'print(1)\n');
  git('add', 'a.py');
  git('commit', '-q', '-m', 'one');
  const head = git('rev-parse', 'HEAD');
  assert.deepEqual(await readGitState(dir), { commit: head, dirty: false });
  writeFileSync(join(dir, 'a.py'), 'print(2)\n');
  assert.deepEqual(await readGitState(dir), { commit: head, dirty: true });
});

test('a folder that is not a repository (or does not exist) gives undefined', async () => {
  const plain = mkdtempSync(join(tmpdir(), 'pf-nogit-'));
  try {
    // GIT_CEILING_DIRECTORIES is not needed: the temp folder is not inside a repository.
    assert.equal(await readGitState(plain), undefined);
    assert.equal(await readGitState(join(plain, 'missing')), undefined);
  } finally {
    rmSync(plain, { recursive: true, force: true });
  }
});
