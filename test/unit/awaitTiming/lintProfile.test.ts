import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { UsageError, type CliIo } from '../../../src/cli/cliIo';
import { lint } from '../../../src/cli/commands/lint';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'async_fetch', 'fetch.py');

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: {} };
}

describe('lint --profile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pf-lint-profile-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(EXAMPLE, join(dir, 'fetch.py'));
  writeFileSync(join(dir, 'p.json'), '{}');

  test('a profile recorded in a container (/app/src/fetch.py) gives the local fetch.py its waiting time', async () => {
    const site = { file: '/app/src/fetch.py', line: 79, seconds: 2.1, calls: 20 };
    writeFileSync(join(dir, 'p.json.awaits.json'), JSON.stringify({ version: 1, python: '3.12.1', wallSec: 2.3, sites: [site] }));
    const cli = io(dir);
    assert.equal(await lint(['fetch.py', '--profile', 'p.json'], cli), 1);
    assert.equal(cli.out.join(''), 'fetch.py:79:24: PF101 await inside a for loop: this loop waited 2.1 s, 91 % of the run, 20 calls one at a time\n');
    assert.equal(cli.err.join(''), '');
  });

  test('the awaits file itself may be given', async () => {
    const cli = io(dir);
    assert.equal(await lint(['fetch.py', '--profile', 'p.json.awaits.json'], cli), 1);
    assert.match(cli.out.join(''), /this loop waited 2\.1 s, 91 % of the run/);
  });

  test('a truncated awaits file is a warning; the findings stay without a time', async () => {
    writeFileSync(join(dir, 'p.json.awaits.json'), '{"version": 1, "wallSec": 2.3, "sites": [{"file": "/app');
    const cli = io(dir);
    assert.equal(await lint(['fetch.py', '--profile', 'p.json'], cli), 1);
    assert.match(cli.err.join(''), /^warning: no await timings for p\.json \(p\.json\.awaits\.json: not JSON/);
    assert.doesNotMatch(cli.out.join(''), /waited/);
  });

  test('a profile that does not exist is a usage error', async () => {
    await assert.rejects(lint(['fetch.py', '--profile', 'missing.json'], io(dir)), UsageError);
  });
});
