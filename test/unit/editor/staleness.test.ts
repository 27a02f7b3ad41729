import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineHint } from '../../../src/core/editor/lineHints';
import { applyStaleness, MTIME_TOLERANCE_MS, STALE_HINT_TEXT, staleness } from '../../../src/core/editor/staleness';

const recordedAt = Date.UTC(2025, 0, 1, 12, 0, 0);

test('a file older than the recording with every line inside it is fresh', () => {
  assert.deepEqual(staleness({ recordedAt, fileMtime: recordedAt - 60_000, lineCount: 40, lines: [1, 12, 40] }), {
    fileNewer: false,
    changed: false,
    stale: [],
    pastEnd: [],
  });
});

test('a file modified after the recording makes every hinted line stale', () => {
  assert.deepEqual(staleness({ recordedAt, fileMtime: recordedAt + 60_000, lineCount: 40, lines: [3, 12] }), {
    fileNewer: true,
    changed: true,
    stale: [3, 12],
    pastEnd: [],
  });
});

test('a modification time within the 2-second filesystem tolerance is not newer', () => {
  assert.equal(MTIME_TOLERANCE_MS, 2000);
  assert.equal(staleness({ recordedAt, fileMtime: recordedAt + 2000, lineCount: 10, lines: [1] }).fileNewer, false);
  assert.equal(staleness({ recordedAt, fileMtime: recordedAt + 2001, lineCount: 10, lines: [1] }).fileNewer, true);
});

test('a line past the end marks the file changed even with an older modification time', () => {
  assert.deepEqual(staleness({ recordedAt, fileMtime: recordedAt - 60_000, lineCount: 20, lines: [5, 20, 21, 90] }), {
    fileNewer: false,
    changed: true,
    stale: [5, 20],
    pastEnd: [21, 90],
  });
});

test('unsaved edits in the editor count as newer than the recording', () => {
  assert.equal(staleness({ recordedAt, fileMtime: recordedAt - 60_000, lineCount: 20, lines: [5], isDirty: true }).fileNewer, true);
});

const hint = (line: number): LineHint => ({ line, self: 10, total: 20, selfShare: 0.1, totalShare: 0.2, level: 4, text: '▇ 10.0 % · 100 ms', stale: false });

test('stale hints show the stale mark at level 0 and hints past the end are dropped', () => {
  const result = staleness({ recordedAt, fileMtime: recordedAt - 60_000, lineCount: 20, lines: [5, 21] });
  assert.deepEqual(applyStaleness([hint(5), hint(21)], result), [{ ...hint(5), level: 0, text: STALE_HINT_TEXT, stale: true }]);
  assert.equal(STALE_HINT_TEXT, '⚠ stale: file changed since the recording');
});

test('fresh hints pass through unchanged', () => {
  const result = staleness({ recordedAt, fileMtime: recordedAt - 60_000, lineCount: 20, lines: [5] });
  assert.deepEqual(applyStaleness([hint(5)], result), [hint(5)]);
});
