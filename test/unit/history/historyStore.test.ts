/**
 * The run history of an output folder: newest first, written atomically, and rebuilt from the
 * files on disk whenever the index is missing, truncated or corrupt, without losing a recording.
 */
import assert from 'node:assert/strict';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { entryForProfile, HISTORY_INDEX_NAME, HistoryStore, parseHistoryIndex } from '../../../src/core/history';
import { tempFolder, writeBareProfile, writeCpuRecording, writeMemoryRecording } from './historyFiles';

const SCRIPT = '/work/app/cpu_hot.py';
const OTHER = '/work/app/alloc.py';

/** Three recordings made 1 minute apart (the memory one is the newest), all registered. */
async function threeRecordings(dir: string, log?: (line: string) => void): Promise<HistoryStore> {
  const store = new HistoryStore(dir, log);
  const a = await writeCpuRecording(dir, 'profile-cpu_hot-20260101-100000.speedscope.json', SCRIPT, '2026-01-01T10:00:00.000Z');
  const b = await writeCpuRecording(dir, 'profile-cpu_hot-20260101-100100.speedscope.json', SCRIPT, '2026-01-01T10:01:00.000Z', { git: { commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', dirty: true } });
  const c = await writeMemoryRecording(dir, 'memory-alloc-20260101-100200.bin', OTHER, '2026-01-01T10:02:00.000Z');
  for (const file of [b, a, c]) assert.ok(await store.addProfile(file));
  return store;
}

const NEWEST_FIRST = ['memory-alloc-20260101-100200.bin', 'profile-cpu_hot-20260101-100100.speedscope.json', 'profile-cpu_hot-20260101-100000.speedscope.json'];

test('recordings are listed newest first with the metadata of their sidecars', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  try {
    const store = await threeRecordings(dir);
    const entries = await store.list();
    assert.deepEqual(entries.map((e) => e.id), NEWEST_FIRST);
    const cpu = entries[1];
    assert.equal(cpu.profilePath, join(dir, 'profile-cpu_hot-20260101-100100.speedscope.json'));
    assert.equal(cpu.kind, 'cpu');
    assert.equal(cpu.tool, 'py-spy');
    assert.equal(cpu.sampleRate, 100);
    assert.equal(cpu.durationSec, 2.413);
    assert.equal(cpu.script, SCRIPT);
    assert.equal(cpu.interpreter, '/usr/bin/python3');
    assert.deepEqual(cpu.git, { commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', dirty: true });
    assert.equal(cpu.recordedAt, '2026-01-01T10:01:00.000Z');
    assert.equal(cpu.pid, 4242);
    assert.equal(entries[0].kind, 'memory');
    assert.deepEqual(entries[0].args, ['--size', '3']);
    assert.equal(entries[0].git, undefined);
  } finally {
    remove();
  }
});

test('equal start times are ordered by file name, newest name first; a profile without a sidecar sorts by its modification time', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  try {
    const store = new HistoryStore(dir);
    await store.addProfile(await writeCpuRecording(dir, 'p-1.json', SCRIPT, '2026-01-01T10:00:00.000Z'));
    await store.addProfile(await writeCpuRecording(dir, 'p-2.json', SCRIPT, '2026-01-01T10:00:00.000Z'));
    await store.addProfile(writeBareProfile(dir, 'bare.txt', new Date('2026-01-01T09:00:00.000Z')));
    const entries = await store.list();
    assert.deepEqual(entries.map((e) => e.id), ['p-2.json', 'p-1.json', 'bare.txt']);
    assert.equal(entries[2].recordedAt, '2026-01-01T09:00:00.000Z');
    assert.equal(entries[2].kind, undefined);
  } finally {
    remove();
  }
});

test('the index is replaced by rename on every write (never written in place) and no temporary file is left', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  try {
    const store = await threeRecordings(dir);
    const index = join(dir, HISTORY_INDEX_NAME);
    // A reader that opened the index before the write: held open, its inode cannot be reused.
    const held = openSync(index, 'r');
    try {
      const before = fstatSync(held);
      await store.addProfile(await writeCpuRecording(dir, 'p-new.json', SCRIPT, '2026-01-01T11:00:00.000Z'));
      // A new inode means a new file was renamed over the old one, and the old file still
      // holds the complete old index: nobody can see a half-written one.
      assert.notEqual(statSync(index).ino, before.ino);
      assert.equal(fstatSync(held).size, before.size);
      const old = parseHistoryIndex(readFileSync(held, 'utf8'), dir);
      assert.ok(old.ok && old.entries.length === 3);
    } finally {
      closeSync(held);
    }
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.tmp-')), []);
    const parsed = parseHistoryIndex(readFileSync(index, 'utf8'), dir);
    assert.ok(parsed.ok);
    assert.equal(parsed.entries.length, 4);
  } finally {
    remove();
  }
});

test('a reader polling the index while 40 recordings are added never sees a partial file', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  try {
    const store = new HistoryStore(dir);
    const index = join(dir, HISTORY_INDEX_NAME);
    let reads = 0;
    let done = false;
    const reader = (async () => {
      while (!done) {
        if (existsSync(index)) {
          const text = readFileSync(index, 'utf8');
          assert.ok(parseHistoryIndex(text, dir).ok, `partial index seen: ${text.length} chars`);
          reads++;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 40; i++) {
      await store.addProfile(await writeCpuRecording(dir, `p-${String(i).padStart(2, '0')}.json`, SCRIPT, new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString()));
    }
    done = true;
    await reader;
    assert.ok(reads > 0, 'the reader never saw the index');
    assert.equal((await store.list()).length, 40);
  } finally {
    remove();
  }
});

for (const [what, damage] of [
  ['truncated to half', (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2))],
  ['overwritten with garbage', (file: string) => writeFileSync(file, '\u0000\u00ff garbage {{{')],
  ['empty', (file: string) => writeFileSync(file, '')],
  ['of an unknown version', (file: string) => writeFileSync(file, '{"version":99,"entries":[]}')],
  ['whose entries list is not a list', (file: string) => writeFileSync(file, '{"version":1,"entries":{}}')],
] as const) {
  test(`an index ${what} is rebuilt from the files on disk with every recording listed, and the repair is logged`, async () => {
    const { dir, remove } = tempFolder('pf-history-');
    try {
      await threeRecordings(dir);
      damage(join(dir, HISTORY_INDEX_NAME));
      const log: string[] = [];
      const store = new HistoryStore(dir, (line) => log.push(line));
      const entries = await store.list();
      assert.deepEqual(entries.map((e) => e.id), NEWEST_FIRST);
      assert.deepEqual(entries[1].git, { commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', dirty: true });
      assert.equal(log.length, 1);
      assert.match(log[0], /rebuilt it from the 3 recording\(s\) in the folder/);
      const reread = parseHistoryIndex(readFileSync(join(dir, HISTORY_INDEX_NAME), 'utf8'), dir);
      assert.ok(reread.ok && reread.entries.length === 3, 'the repaired index is written back');
    } finally {
      remove();
    }
  });
}

test('a missing index is built from the recordings in the folder', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  try {
    await writeCpuRecording(dir, 'a.json', SCRIPT, '2026-01-01T10:00:00.000Z');
    await writeMemoryRecording(dir, 'b.bin', OTHER, '2026-01-01T10:05:00.000Z');
    const log: string[] = [];
    const entries = await new HistoryStore(dir, (l) => log.push(l)).list();
    assert.deepEqual(entries.map((e) => e.id), ['b.bin', 'a.json']);
    assert.match(log[0], /No history index .* built one from the 2 recording\(s\)/);
    assert.ok(existsSync(join(dir, HISTORY_INDEX_NAME)));
  } finally {
    remove();
  }
});

test('an empty folder lists nothing and gets no index file', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  try {
    assert.deepEqual(await new HistoryStore(dir).list(), []);
    assert.deepEqual(readdirSync(dir), []);
    assert.deepEqual(await new HistoryStore(join(dir, 'not-created-yet')).list(), []);
  } finally {
    remove();
  }
});

test('recordings deleted outside are dropped, and recordings the index does not know are added', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  try {
    const store = await threeRecordings(dir);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, NEWEST_FIRST[0]));
    // A recording made by the CLI into the same folder: a profile with a sidecar, never registered.
    await writeCpuRecording(dir, 'cli.json', SCRIPT, '2026-01-01T09:00:00.000Z');
    const entries = await store.list();
    assert.deepEqual(entries.map((e) => e.id), [NEWEST_FIRST[1], NEWEST_FIRST[2], 'cli.json']);
    const reread = parseHistoryIndex(readFileSync(join(dir, HISTORY_INDEX_NAME), 'utf8'), dir);
    assert.ok(reread.ok);
    assert.deepEqual(reread.entries.map((e) => e.id), [NEWEST_FIRST[1], NEWEST_FIRST[2], 'cli.json']);
  } finally {
    remove();
  }
});

test('remove deletes the profile, its sidecar and the companions we write, and nothing else', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  try {
    const store = await threeRecordings(dir);
    const id = NEWEST_FIRST[0];
    writeFileSync(join(dir, `${id}.awaits.json`), '{}');
    writeFileSync(join(dir, `${id}.31337`), 'child capture');
    writeFileSync(join(dir, `${id}.notes.txt`), 'the user\'s own file');
    const entries = await store.remove(id);
    assert.deepEqual(entries.map((e) => e.id), NEWEST_FIRST.slice(1));
    const left = readdirSync(dir).sort();
    assert.deepEqual(left, [
      `${id}.notes.txt`,
      HISTORY_INDEX_NAME,
      `${NEWEST_FIRST[2]}`,
      `${NEWEST_FIRST[2]}.pfmeta.json`,
      `${NEWEST_FIRST[1]}`,
      `${NEWEST_FIRST[1]}.pfmeta.json`,
    ].sort());
    assert.deepEqual((await store.list()).map((e) => e.id), NEWEST_FIRST.slice(1));
  } finally {
    remove();
  }
});

test('ids that are not plain file names are refused by remove and dropped from a tampered index', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  try {
    const store = await threeRecordings(dir);
    await assert.rejects(store.remove('../outside.json'), /is not a recording of this history/);
    writeFileSync(
      join(dir, HISTORY_INDEX_NAME),
      JSON.stringify({ version: 1, entries: [{ id: '../../etc/passwd', recordedAt: '2026-01-01T00:00:00Z' }, { id: NEWEST_FIRST[2], recordedAt: '2026-01-01T10:00:00.000Z', profilePath: '/elsewhere/x' }] }),
    );
    const entries = await store.list();
    assert.ok(entries.every((e) => e.profilePath.startsWith(dir)));
    assert.deepEqual(entries.map((e) => e.id), NEWEST_FIRST);
  } finally {
    remove();
  }
});

test('an entry for a file outside the folder is refused', async () => {
  const { dir, remove } = tempFolder('pf-history-');
  const other = tempFolder('pf-history-other-');
  try {
    const store = new HistoryStore(dir);
    const file = await writeCpuRecording(other.dir, 'x.json', SCRIPT, '2026-01-01T10:00:00.000Z');
    const entry = await entryForProfile(file);
    assert.ok(entry);
    await assert.rejects(store.add(entry), /is not in the history folder/);
  } finally {
    remove();
    other.remove();
  }
});
