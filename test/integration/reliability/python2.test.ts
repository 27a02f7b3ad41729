/**
 * Every Python version the machine has (issue 9, point 7), beyond pythonVersions.test.ts: that
 * matrix records examples/cpu_hot.py, which needs Python 3.6, so the Python 2 interpreters pyenv
 * may hold (py-spy 0.4 reads 2.3–2.7) are recorded here with a program written for 2.7.
 * No py-spy-unsupported version exists on the machines this runs on (pyenv 2.7 and 3.6–3.13), so
 * the message for one is covered only from py-spy's error text, in test/unit/capture/pyspyFailures.test.ts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PySpyRecording } from '../../../src/core/capture/pyspyRecording';
import { lineShare, requirePySpy } from '../helpers/pyspyTestEnv';
import { reliabilityPrograms } from './reliabilityEnv';

/** The line of busy27.py marked `# HOT`. */
const HOT_LINE = 11;

/** pyenv's Python 2 interpreters, as [version, path]. */
function python2Interpreters(): [string, string][] {
  let root: string;
  let versions: string[];
  try {
    root = execFileSync('pyenv', ['root'], { encoding: 'utf8', timeout: 10_000 }).trim();
    versions = execFileSync('pyenv', ['versions', '--bare'], { encoding: 'utf8', timeout: 10_000 }).split('\n').map((v) => v.trim());
  } catch {
    return [];
  }
  return versions
    .filter((v) => /^2\.\d+\.\d+$/.test(v))
    .map((v): [string, string] => [v, join(root, 'versions', v, 'bin', 'python2')])
    .filter(([, python]) => existsSync(python));
}

const out = mkdtempSync(join(tmpdir(), 'pf-python2-'));
after(() => rmSync(out, { recursive: true, force: true }));

test('every pyenv Python 2 is recorded with the hot line first', async (t) => {
  const found = python2Interpreters();
  if (found.length === 0) {
    t.diagnostic('no Python 2 under pyenv on this machine: nothing beyond pythonVersions.test.ts to record');
    return;
  }
  const pyspy = await requirePySpy();
  const seen: string[] = [];
  for (const [version, python] of found) {
    const outputFile = join(out, `py${version}.speedscope.json`);
    const result = await PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: join(reliabilityPrograms, 'busy27.py'), args: ['1'] } }).result;
    assert.equal(result.outputWritten, true, version);
    const { share, samples } = lineShare(outputFile, 'busy27.py', HOT_LINE);
    seen.push(`${version}: ${(share * 100).toFixed(0)} % of ${samples}`);
    assert.ok(samples > 30 && share > 0.5, `Python ${version}: HOT line ${(share * 100).toFixed(1)} % of ${samples} samples`);
  }
  t.diagnostic(`HOT line share by Python 2 version: ${seen.join('; ')}`);
});
