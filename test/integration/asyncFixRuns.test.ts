/**
 * The rewrites run: for every fixable fixture, the original and each rewritten program run with
 * the real python3 on a fake I/O workload (asyncio.sleep-based calls of about 50 ms each, see
 * test/fixtures/async/_support), print the same results, and the rewrite takes less than 0.6x
 * the original's wall time. The time is the wall time of `asyncio.run(main(...))`, measured by
 * the fixture's runner and printed on stderr: on a loaded 2-core machine interpreter start-up
 * alone varies by more than the 0.4 s the fake workload takes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { CORPUS_DIR, header, listCases, readCase, SUPPORT_DIR } from '../unit/asyncLint/corpus';
import { syntaxErrorCount } from '../unit/asyncLint/pythonTree';

const PYTHON = process.env.PROFILE_FIRST_PYTHON ?? 'python3';

interface Run {
  readonly stdout: string;
  readonly seconds: number;
}

function runPython(file: string): Run {
  const r = spawnSync(PYTHON, [file], {
    cwd: CORPUS_DIR,
    env: { ...process.env, PYTHONPATH: SUPPORT_DIR, PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error !== undefined) throw new Error(`could not run ${PYTHON}: ${r.error.message}. Install Python 3.11+ or set PROFILE_FIRST_PYTHON.`);
  assert.equal(r.status, 0, `${file} exited with ${r.status}:\n${r.stderr}`);
  const took = /fake_io: main took ([\d.]+) s/.exec(r.stderr);
  assert.ok(took !== null, `${file} printed no time on stderr (it must end with fake_io.run(main)):\n${r.stderr}`);
  return { stdout: r.stdout, seconds: Number(took[1]) };
}

const originals = new Map<string, Run>();
/** The original's run, once per fixture (each variant is compared with the same run). */
function runOriginal(name: string): Run {
  let run = originals.get(name);
  if (run === undefined) {
    run = runPython(join(CORPUS_DIR, `${name}.py`));
    originals.set(name, run);
  }
  return run;
}

const fixable = listCases().filter((name) => header(readCase(name).text).kind === 'fixable');

describe('fixed fixtures run the same, faster, with the real Python', () => {
  before(() => {
    const r = spawnSync(PYTHON, ['-c', 'import sys; print(sys.version_info >= (3, 11))'], { encoding: 'utf8' });
    assert.equal(r.stdout?.trim(), 'True', `${PYTHON} must be Python 3.11 or later (TaskGroup variants); install it or set PROFILE_FIRST_PYTHON.`);
  });

  test('every fixable fixture has a rewritten file and, unless it is the syntax-error case, a main to run', async () => {
    for (const name of fixable) {
      assert.ok(existsSync(join(CORPUS_DIR, `${name}.fixed.py`)), `${name}.fixed.py exists`);
      const { text } = readCase(name);
      if ((await syntaxErrorCount(text)) > 0) continue;
      assert.match(text, /^if __name__ == "__main__":/m, `${name}.py can run`);
    }
  });

  for (const name of fixable) {
    const { text } = readCase(name);
    if (!/^if __name__ == "__main__":/m.test(text)) continue;
    for (const suffix of ['fixed', 'semaphore', 'taskgroup']) {
      const rewritten = join(CORPUS_DIR, `${name}.${suffix}.py`);
      if (!existsSync(rewritten)) continue;
      test(`${name}.${suffix}.py prints what ${name}.py prints, in less than 0.6x its wall time`, async () => {
        assert.equal(await syntaxErrorCount(readCase(name).text), 0);
        const original = runOriginal(name);
        const fixed = runPython(rewritten);
        assert.equal(fixed.stdout, original.stdout);
        assert.ok(original.stdout.trim().length > 0, 'the program printed its results');
        assert.ok(
          fixed.seconds < 0.6 * original.seconds,
          `rewritten ${fixed.seconds.toFixed(2)} s vs original ${original.seconds.toFixed(2)} s (ratio ${(fixed.seconds / original.seconds).toFixed(2)})`,
        );
      });
    }
  }
});
