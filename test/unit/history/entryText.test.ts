/** What the Profiles view says about a recording, and which two recordings Compare Profiles proposes. */
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { baselineChoices, defaultComparison, entryDescription, entryTimeLabel, entryTooltip, formatDuration, groupKeyOf, groupLabel, recordingTitle, type HistoryEntry } from '../../../src/core/history';

function entry(id: string, recordedAt: string, more: Partial<HistoryEntry> = {}): HistoryEntry {
  return { id, profilePath: `/rec/${id}`, recordedAt, ...more };
}

test('the description is kind · duration · rate · short commit, with "dirty" for uncommitted changes', () => {
  const e = entry('a', '2026-01-01T10:00:00Z', { kind: 'cpu', durationSec: 2.413, sampleRate: 100, git: { commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', dirty: true } });
  assert.equal(entryDescription(e), 'cpu · 2.4 s · 100 Hz · a1b2c3d dirty');
  assert.equal(entryDescription({ ...e, git: { commit: 'a1b2c3d4e5f6', dirty: false } }), 'cpu · 2.4 s · 100 Hz · a1b2c3d');
  assert.equal(entryDescription(entry('m', '2026-01-01T10:00:00Z', { kind: 'memory', durationSec: 0.84, mode: 'attach' })), 'memory (attached) · 0.84 s');
  assert.equal(entryDescription(entry('bare', '2026-01-01T10:00:00Z')), '');
});

test('durations read as people say them', () => {
  assert.equal(formatDuration(0.84), '0.84 s');
  assert.equal(formatDuration(2.449), '2.4 s');
  assert.equal(formatDuration(75.4), '75 s');
  assert.equal(formatDuration(725), '12 min 5 s');
});

test('the label is the local time of the recording', () => {
  const local = new Date(2026, 0, 2, 3, 4, 5);
  assert.equal(entryTimeLabel(entry('a', local.toISOString())), '2026-01-02 03:04:05');
});

test('recordings are grouped by script file name; attached ones share a group', () => {
  assert.equal(groupLabel(groupKeyOf(entry('a', '2026-01-01T10:00:00Z', { script: '/w/app/cpu_hot.py' }))), 'cpu_hot.py');
  assert.equal(groupLabel(groupKeyOf(entry('a', '2026-01-01T10:00:00Z', { pid: 12 }))), 'Attached processes');
});

test('the tooltip names the file, command, interpreter and full commit', () => {
  const e = entry('a', '2026-01-01T10:00:00Z', { commandLine: 'python3 x.py', interpreter: '/usr/bin/python3', git: { commit: 'abcdef0123', dirty: false } });
  assert.equal(entryTooltip(e), '/rec/a\nCommand: python3 x.py\nInterpreter: /usr/bin/python3\nGit: abcdef0123');
});

const newestFirst = [
  entry('c3', '2026-01-01T10:05:00Z', { script: '/w/a.py' }),
  entry('o2', '2026-01-01T10:04:00Z', { script: '/w/other.py' }),
  entry('c2', '2026-01-01T10:03:00Z', { script: '/w/a.py' }),
  entry('c1', '2026-01-01T10:01:00Z', { script: '/w/a.py' }),
  entry('o1', '2026-01-01T10:00:00Z', { script: '/w/other.py' }),
];

test('the default comparison is the newest recording against the previous one of the same script', () => {
  const choice = defaultComparison(newestFirst);
  assert.equal(choice?.candidate.id, 'c3');
  assert.equal(choice?.baseline.id, 'c2');
});

test('without another recording of the same script the next newest is the baseline; one recording gives none', () => {
  assert.equal(defaultComparison([newestFirst[1], newestFirst[0]])?.baseline.id, 'c3');
  assert.equal(defaultComparison([newestFirst[0]]), undefined);
  assert.equal(defaultComparison([]), undefined);
});

test('baselines offered: the same script first, then the others, each newest first, never the candidate', () => {
  assert.deepEqual(baselineChoices(newestFirst, newestFirst[2]).map((e) => e.id), ['c3', 'c1', 'o2', 'o1']);
});

describe('recordingTitle', () => {
  const startedAt = new Date(2026, 10, 28, 1, 32, 50).toISOString();

  it('names a recording by its script, local start time and commit', () => {
    assert.equal(recordingTitle('profile-cpu_hot-1.json', { script: '/w/cpu_hot.py', startedAt, git: { commit: '1a2b3c4d5e6f', dirty: true } }), 'cpu_hot.py 2026-11-28 01:32:50 (1a2b3c4 dirty)');
    assert.equal(recordingTitle('profile-cpu_hot-1.json', { script: '/w/cpu_hot.py', startedAt }), 'cpu_hot.py 2026-11-28 01:32:50');
  });

  it('falls back to the file name without a script, a time, or with an unreadable time', () => {
    assert.equal(recordingTitle('p.json', undefined), 'p.json');
    assert.equal(recordingTitle('p.json', { startedAt }), 'p.json');
    assert.equal(recordingTitle('p.json', { script: '/w/a.py' }), 'p.json');
    assert.equal(recordingTitle('p.json', { script: '/w/a.py', startedAt: 'yesterday' }), 'p.json');
  });
});
