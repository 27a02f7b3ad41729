import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLibraryPath } from '../../../src/core/editor/libraryPath';
import { buildFileLineHints, type LineCost, type LineHintOptions } from '../../../src/core/editor/lineHints';
import type { ProfileMeta } from '../../../src/core/model/profile';
import { cpuMeta } from './handBuilt';

// 1000 samples at 100 Hz (10 s).
const stats: LineCost[] = [
  { file: '/app/main.py', line: 10, self: 0, total: 1000 },
  { file: '/app/lib.py', line: 8, self: 4, total: 5 },
  { file: '/app/lib.py', line: 3, self: 234, total: 401 },
  { file: '/usr/lib/python3.12/json/decoder.py', line: 337, self: 50, total: 50 },
];
const hideLibrary = (f: string) => (isLibraryPath(f) ? undefined : f);
const options: LineHintOptions = { total: 1000, meta: cpuMeta, mode: 'self', minLineShare: 0.005, localPath: hideLibrary };

test('self mode shows the self share and self time of each line at or above the minimum share', () => {
  assert.deepEqual(
    buildFileLineHints(stats, options),
    new Map([['/app/lib.py', [{ line: 3, self: 234, total: 401, selfShare: 0.234, totalShare: 0.401, level: 4, text: '▇ 23.4 % · 2.34 s', stale: false }]]]),
  );
});

test('total mode shows the total share and total time, with heat from the total', () => {
  const hints = buildFileLineHints(stats, { ...options, mode: 'total' });
  assert.deepEqual(
    [...hints].map(([file, list]) => [file, list.map((h) => [h.line, h.level, h.text])]),
    [
      ['/app/main.py', [[10, 5, '▇ 100.0 % · 10.00 s']]],
      [
        '/app/lib.py',
        [
          [3, 5, '▇ 40.1 % · 4.01 s'],
          [8, 1, '▇ 0.5 % · 50.0 ms'],
        ],
      ],
    ],
  );
});

test('both mode shows self and total, each with its time', () => {
  const hints = buildFileLineHints(stats, { ...options, mode: 'both' });
  assert.equal(hints.get('/app/lib.py')?.[0].text, '▇ self 23.4 % (2.34 s) · total 40.1 % (4.01 s)');
  assert.equal(hints.get('/app/lib.py')?.[0].level, 5);
});

test('off mode builds no hints', () => {
  assert.equal(buildFileLineHints(stats, { ...options, mode: 'off' }).size, 0);
});

test('without a sampling rate the hint shows the share only, never seconds', () => {
  const meta: ProfileMeta = { tool: 'collapsed', kind: 'cpu', unit: 'samples' };
  assert.equal(buildFileLineHints(stats, { ...options, meta }).get('/app/lib.py')?.[0].text, '▇ 23.4 %');
  assert.equal(buildFileLineHints(stats, { ...options, meta, mode: 'both' }).get('/app/lib.py')?.[0].text, '▇ self 23.4 % · total 40.1 %');
});

test('a memory profile shows bytes', () => {
  const meta: ProfileMeta = { tool: 'memray', kind: 'memory', unit: 'bytes' };
  const mib = 1024 * 1024;
  const hints = buildFileLineHints([{ file: '/app/load.py', line: 7, self: 2.5 * mib, total: 5 * mib }], { ...options, meta, total: 10 * mib });
  assert.equal(hints.get('/app/load.py')?.[0].text, '▇ 25.0 % · 2.5 MiB');
});

test('a profile weighted in seconds shows seconds without a rate', () => {
  const meta: ProfileMeta = { tool: 'speedscope', kind: 'cpu', unit: 'seconds' };
  const hints = buildFileLineHints([{ file: '/app/x.py', line: 2, self: 1.5, total: 1.5 }], { ...options, meta, total: 6 });
  assert.equal(hints.get('/app/x.py')?.[0].text, '▇ 25.0 % · 1.50 s');
});

test('shares are of the total given, so a zoomed total raises them', () => {
  const hint = buildFileLineHints(stats, { ...options, total: 468 }).get('/app/lib.py')?.[0];
  assert.equal(hint?.selfShare, 0.5);
  assert.equal(hint?.text, '▇ 50.0 % · 2.34 s');
});

test('two recorded paths of one local file add up on the same line', () => {
  const hints = buildFileLineHints(
    [
      { file: '/srv/app/lib.py', line: 3, self: 100, total: 150 },
      { file: 'lib.py', line: 3, self: 50, total: 50 },
    ],
    { ...options, localPath: () => '/home/me/app/lib.py' },
  );
  assert.deepEqual(
    hints.get('/home/me/app/lib.py')?.map((h) => [h.line, h.self, h.total, h.text]),
    [[3, 150, 200, '▇ 15.0 % · 1.50 s']],
  );
});

test('the path mapper is asked once per recorded file, not once per line', () => {
  const asked: string[] = [];
  const many: LineCost[] = Array.from({ length: 50 }, (_, i) => ({ file: i % 2 === 0 ? '/a.py' : '/b.py', line: i + 1, self: 10, total: 10 }));
  buildFileLineHints(many, { ...options, localPath: (f) => (asked.push(f), f) });
  assert.deepEqual(asked, ['/a.py', '/b.py']);
});

test('hints come sorted by line, and lines below 1 are ignored', () => {
  const hints = buildFileLineHints(
    [
      { file: '/x.py', line: 9, self: 100, total: 100 },
      { file: '/x.py', line: 0, self: 100, total: 100 },
      { file: '/x.py', line: 2, self: 100, total: 100 },
    ],
    options,
  );
  assert.deepEqual(hints.get('/x.py')?.map((h) => h.line), [2, 9]);
});

test('an empty profile builds no hints', () => {
  assert.equal(buildFileLineHints(stats, { ...options, total: 0 }).size, 0);
});

test('a huge line number from a malformed profile is still hinted, in order, without a huge allocation', () => {
  const hints = buildFileLineHints(
    [
      { file: '/x.py', line: 2 ** 31, self: 100, total: 100 },
      { file: '/x.py', line: 7, self: 100, total: 100 },
      { file: '/x.py', line: 7, self: 50, total: 50 },
    ],
    options,
  );
  assert.deepEqual(hints.get('/x.py')?.map((h) => [h.line, h.self]), [
    [7, 150],
    [2 ** 31, 100],
  ]);
});
