import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AsyncLinter } from '../../../src/core/asyncLint';
import { awaitEvidenceLookup, runSeconds, topAwaitSites, type AwaitTimings } from '../../../src/core/awaitTiming';

const FILE = '/work/app/fetch.py';
const LOOP = ['import httpx', '', 'async def fetch_all(urls):', '    async with httpx.AsyncClient() as c:', '        out = []', '        for u in urls:', '            out.append(await c.get(u))', '        return out', ''].join('\n');

function timings(sites: AwaitTimings['sites'], wallSec = 2.5, partial = false): AwaitTimings {
  return { python: '3.11.7', wallSec, sites, partial };
}

describe('awaitEvidenceLookup', () => {
  test('gives seconds, the share of the run and the number of awaits for a recorded line', () => {
    const lookup = awaitEvidenceLookup(timings([{ file: FILE, line: 7, seconds: 2.4, calls: 20 }]));
    assert.deepEqual(lookup(FILE, 7), { seconds: 2.4, waitingShare: 0.96, calls: 20 });
    assert.equal(lookup(FILE, 6), undefined);
    assert.equal(lookup('/elsewhere/fetch.py', 7), undefined);
  });

  test('maps recorded paths to local ones, and drops those that map to nothing', () => {
    const lookup = awaitEvidenceLookup(
      timings([
        { file: '/app/fetch.py', line: 7, seconds: 1, calls: 4 },
        { file: '/usr/lib/python3.11/asyncio/tasks.py', line: 476, seconds: 2, calls: 1 },
      ]),
      { localPath: (recorded) => (recorded.startsWith('/app/') ? `/work${recorded}` : undefined) },
    );
    assert.deepEqual(lookup(FILE, 7), { seconds: 1, waitingShare: 0.4, calls: 4 });
    assert.equal(lookup('/usr/lib/python3.11/asyncio/tasks.py', 476), undefined);
  });

  test('concurrent tasks at one line add up beyond the run; the share stops at the whole run', () => {
    const lookup = awaitEvidenceLookup(timings([{ file: FILE, line: 7, seconds: 20, calls: 20 }], 2));
    assert.equal(lookup(FILE, 7)?.waitingShare, 1);
  });

  test('a snapshot of a stopped program is measured against the recording when that was longer', () => {
    assert.equal(runSeconds(timings([], 3, true), 10), 10);
    assert.equal(runSeconds(timings([], 3, false), 10), 3);
    assert.equal(runSeconds(timings([], 3, true), undefined), 3);
  });

  test('topAwaitSites keeps the program\'s own lines, longest wait first', () => {
    const t = timings([
      { file: '/usr/lib/python3.11/asyncio/tasks.py', line: 476, seconds: 4, calls: 21 },
      { file: FILE, line: 63, seconds: 2.1, calls: 20 },
      { file: FILE, line: 7, seconds: 2.4, calls: 20 },
      { file: '<frozen runpy>', line: 1, seconds: 9, calls: 1 },
    ]);
    assert.deepEqual(topAwaitSites(t, 5).map((s) => s.line), [7, 63]);
    assert.deepEqual(topAwaitSites(t, 1).map((s) => s.line), [7]);
  });
});

describe('the lint with await timings', () => {
  test('a loop that waited 2.4 s of a 2.5 s run over 20 calls is a warning that says so', async () => {
    const linter = await AsyncLinter.create();
    const evidence = awaitEvidenceLookup(timings([{ file: FILE, line: 7, seconds: 2.4, calls: 20 }]));
    const [f] = linter.lint(LOOP, { file: FILE, evidence });
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, 'await inside a for loop: this loop waited 2.4 s, 96 % of the run, 20 calls one at a time');
  });

  test('below 5 % of the run, below 50 ms, or a single await: information without a time', async () => {
    const linter = await AsyncLinter.create();
    for (const site of [
      { file: FILE, line: 7, seconds: 0.1, calls: 20 },
      { file: FILE, line: 7, seconds: 0.04, calls: 20 },
      { file: FILE, line: 7, seconds: 2.4, calls: 1 },
    ]) {
      const wall = site.seconds === 0.04 ? 0.05 : 2.5;
      const [f] = linter.lint(LOOP, { file: FILE, evidence: awaitEvidenceLookup(timings([site], wall)) });
      assert.equal(f.severity, 'information', JSON.stringify(site));
      assert.doesNotMatch(f.message, /waited/);
    }
  });
});
