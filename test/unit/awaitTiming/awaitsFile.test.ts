import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isAwaitTimings, parseAwaitTimings, readAwaitTimings } from '../../../src/core/awaitTiming';

/** What the timer wrote for examples/async_fetch/fetch.py (Python 3.11.7), trimmed to two sites. */
const GOOD = JSON.stringify({
  version: 1,
  python: '3.11.7',
  wallSec: 2.667471,
  sites: [
    { file: '/work/main/examples/async_fetch/fetch.py', line: 79, seconds: 2.067387, calls: 20 },
    { file: '/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/streams.py', line: 701, seconds: 2.028055, calls: 44 },
  ],
});

describe('parseAwaitTimings', () => {
  test('reads a complete file written by the timer', () => {
    assert.deepEqual(parseAwaitTimings(GOOD), {
      python: '3.11.7',
      wallSec: 2.667471,
      partial: false,
      sites: [
        { file: '/work/main/examples/async_fetch/fetch.py', line: 79, seconds: 2.067387, calls: 20 },
        { file: '/root/.pyenv/versions/3.11.7/lib/python3.11/asyncio/streams.py', line: 701, seconds: 2.028055, calls: 44 },
      ],
    });
  });

  test('keeps the partial flag of a snapshot and the timer error', () => {
    const r = parseAwaitTimings(JSON.stringify({ version: 1, python: '3.13.0', wallSec: 3.1, sites: [], partial: true, error: 'TypeError: boom' }));
    assert.ok(isAwaitTimings(r));
    assert.equal(r.partial, true);
    assert.equal(r.error, 'TypeError: boom');
  });

  test('a truncated file is a problem, not an exception', () => {
    assert.deepEqual(parseAwaitTimings(GOOD.slice(0, 80)), { problem: 'not JSON (the program may have been stopped while writing it)' });
  });

  test('wrong types name the field that is wrong', () => {
    const site = { file: 'a.py', line: 3, seconds: 1, calls: 2 };
    const cases: [unknown, string][] = [
      [[], 'not a JSON object'],
      [{ version: 2, wallSec: 1, sites: [] }, 'version 2 is not supported (expected 1)'],
      [{ version: 1, wallSec: '2.6', sites: [] }, '"wallSec" is not a positive number'],
      [{ version: 1, wallSec: 0, sites: [] }, '"wallSec" is not a positive number'],
      [{ version: 1, wallSec: 1, sites: {} }, '"sites" is not a list'],
      [{ version: 1, wallSec: 1, sites: [site, null] }, 'site 1 is not an object'],
      [{ version: 1, wallSec: 1, sites: [{ ...site, file: 7 }] }, 'site 0: "file" is not a path'],
      [{ version: 1, wallSec: 1, sites: [{ ...site, line: 2.5 }] }, 'site 0: "line" is not a line number'],
      [{ version: 1, wallSec: 1, sites: [{ ...site, line: 0 }] }, 'site 0: "line" is not a line number'],
      [{ version: 1, wallSec: 1, sites: [{ ...site, seconds: -1 }] }, 'site 0: "seconds" is not a number ≥ 0'],
      [{ version: 1, wallSec: 1, sites: [{ ...site, calls: '20' }] }, 'site 0: "calls" is not a count'],
    ];
    for (const [value, problem] of cases) assert.deepEqual(parseAwaitTimings(JSON.stringify(value)), { problem }, JSON.stringify(value));
  });
});

describe('readAwaitTimings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pf-awaits-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('reads <profile>.awaits.json; no file is undefined; a bad file is a problem', async () => {
    const profile = join(dir, 'p.speedscope.json');
    assert.equal(await readAwaitTimings(profile), undefined);
    writeFileSync(`${profile}.awaits.json`, GOOD);
    const read = await readAwaitTimings(profile);
    assert.ok(isAwaitTimings(read));
    assert.equal(read.sites.length, 2);
    writeFileSync(`${profile}.awaits.json`, '{"version": 1, "wallSec": 2.6, "sites": [');
    assert.deepEqual(await readAwaitTimings(profile), { problem: 'not JSON (the program may have been stopped while writing it)' });
  });
});
