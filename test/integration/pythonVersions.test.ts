import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PySpyRecording } from '../../src/core/capture/pyspyRecording';
import { findOnPath } from '../../src/core/capture/toolDiscovery';
import { CPU_HOT_LINE, cpuHot, lineShare, requirePySpy } from './helpers/pyspyTestEnv';

/**
 * Every CPython 3.6–3.14 on this machine (pyenv's versions, else python3.X on PATH): py-spy 0.4
 * reads 3.3–3.14, and cpu_hot.py needs 3.6 (f-strings, underscores in numbers).
 */
async function interpreters(): Promise<{ version: string; python: string }[]> {
  const found = new Map<string, string>();
  try {
    const root = execFileSync('pyenv', ['root'], { encoding: 'utf8', timeout: 10_000 }).trim();
    for (const v of execFileSync('pyenv', ['versions', '--bare'], { encoding: 'utf8', timeout: 10_000 }).split('\n')) {
      const m = /^3\.(\d+)\.\d+$/.exec(v.trim());
      const python = join(root, 'versions', v.trim(), 'bin', 'python3');
      if (m && Number(m[1]) >= 6 && Number(m[1]) <= 14 && existsSync(python)) found.set(`3.${m[1]}`, python);
    }
  } catch {
    // no pyenv: PATH below
  }
  if (found.size === 0) {
    for (let minor = 6; minor <= 14; minor++) {
      const python = await findOnPath(`python3.${minor}`, { env: process.env, cwd: '/' });
      if (python) found.set(`3.${minor}`, python);
    }
  }
  return [...found].map(([version, python]) => ({ version, python }));
}

const out = mkdtempSync(join(tmpdir(), 'pf-versions-'));
after(() => rmSync(out, { recursive: true, force: true }));
let versions: { version: string; python: string }[] = [];
before(async () => {
  versions = await interpreters();
});

test('the machine has Python versions to test (pyenv, or python3.X on PATH)', () => {
  assert.ok(versions.length > 0, 'no python3.X found: install one (e.g. with pyenv) to run the version matrix');
});

test('cpu_hot.py profiled under every Python version found puts the HOT line first', async () => {
  const pyspy = await requirePySpy();
  const results: string[] = [];
  for (const { version, python } of versions) {
    const outputFile = join(out, `py${version}.speedscope.json`);
    const result = await PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: cpuHot, args: ['1'] } }).result;
    assert.equal(result.outputWritten, true, version);
    const { share, samples } = lineShare(outputFile, 'cpu_hot.py', CPU_HOT_LINE);
    results.push(`${version}: ${(share * 100).toFixed(0)} % of ${samples}`);
    assert.ok(share > 0.5, `Python ${version}: HOT line ${(share * 100).toFixed(1)} % of ${samples} samples`);
  }
  console.log(`HOT line share by Python version: ${results.join('; ')}`);
});
