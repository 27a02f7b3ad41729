/**
 * No recording is lost (issue 9, point 5): folders that refuse writes fail with a typed error
 * before anything is recorded and leave existing files whole; a profile that cannot be moved into
 * place is kept under its temporary name; a sidecar that cannot be written costs a warning, not
 * the profile; a symbolic link planted at the temporary name is not followed. As root a chmod 555 folder is still writable, so "read-only" is made with the
 * immutable attribute (chattr +i), which binds root too; a user without rights is covered in
 * permissions.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { classifyPySpyExit } from '../../../src/core/capture/pyspyFailures';
import { temporaryProfilePath, writeFileAtomic, writeRecordingSidecar } from '../../../src/core/capture/recordingFiles';
import { PySpyRecording } from '../../../src/core/capture/pyspyRecording';
import { RunFailedError } from '../../../src/core/errors';
import { cpuHot, lineShare, CPU_HOT_LINE, processesWithMarker, requirePySpy, requirePython } from '../helpers/pyspyTestEnv';

let pyspy: string;
let python: string;
const out = mkdtempSync(join(tmpdir(), 'pf-atomic-'));
before(async () => {
  pyspy = await requirePySpy();
  python = await requirePython();
});
after(() => rmSync(out, { recursive: true, force: true }));

/** Sets or clears the immutable attribute; fails with what is needed when the file system cannot. */
function chattr(flag: '+i' | '-i', path: string): void {
  const r = spawnSync('chattr', [flag, path], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `chattr ${flag} ${path} failed (${r.error?.message ?? r.stderr.trim()}): these tests need root, chattr (e2fsprogs: apt-get install e2fsprogs) and a temporary folder on a file system with the immutable attribute (ext4, xfs, btrfs; set TMPDIR to one)`,
    );
  }
}

/** A folder holding an earlier recording, made immutable for the test (and writable again after). */
function immutableFolderWithRecording(t: TestContext, name: string): { dir: string; before: Map<string, string> } {
  const dir = join(out, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'earlier.speedscope.json'), '{"profiles":[],"note":"an earlier recording"}');
  writeFileSync(join(dir, 'earlier.speedscope.json.pfmeta.json'), '{"sampleRate":100}');
  const before = snapshot(dir);
  chattr('+i', dir);
  t.after(() => chattr('-i', dir));
  return { dir, before };
}

function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

test('recording into an immutable folder fails before py-spy starts, with a RunFailedError naming the folder, and the files there stay whole', (t) => {
  const { dir, before } = immutableFolderWithRecording(t, 'immutable');
  assert.throws(
    () => PySpyRecording.launch({ pyspy, outputFile: join(dir, 'new.speedscope.json'), options: { rate: 100 }, target: { python, script: cpuHot, args: ['1'] } }),
    (err: unknown) => {
      assert.ok(err instanceof RunFailedError, String(err));
      assert.match(err.message, new RegExp(`^Cannot write the profile in ${dir}: EPERM: operation not permitted, .*\\. Choose another output folder\\.$`));
      return true;
    },
  );
  assert.deepEqual(processesWithMarker(dir), [], 'py-spy was started anyway');
  assert.deepEqual(snapshot(dir), before);
});

test('an output path below a regular file (ENOTDIR) fails at once with a RunFailedError and writes nothing', () => {
  const file = join(out, 'a-file');
  writeFileSync(file, 'not a folder');
  assert.throws(
    () => PySpyRecording.launch({ pyspy, outputFile: join(file, 'sub', 'p.speedscope.json'), options: { rate: 100 }, target: { python, script: cpuHot, args: ['1'] } }),
    (err: unknown) => err instanceof RunFailedError && /^Cannot create the folder for .*: ENOTDIR: not a directory, .*Choose another output folder\.$/.test(err.message),
  );
  assert.equal(readFileSync(file, 'utf8'), 'not a folder');
});

test('a profile that cannot be moved into place is kept under its temporary name, and the error says where', async () => {
  const dir = join(out, 'blocked');
  const outputFile = join(dir, 'p.speedscope.json');
  // A non-empty folder where the profile should go: rename(2) cannot replace it.
  mkdirSync(outputFile, { recursive: true });
  writeFileSync(join(outputFile, 'keep.txt'), 'mine');
  const rec = PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: cpuHot, args: ['0.6'] } });
  await assert.rejects(rec.result, (err: unknown) => {
    assert.ok(err instanceof RunFailedError, String(err));
    assert.equal(err.partialProfile, rec.temporaryFile);
    assert.match(err.message, new RegExp(`^Could not move the profile to ${outputFile}: .*\\. It was kept at ${rec.temporaryFile}\\.$`));
    return true;
  });
  const { samples, share } = lineShare(rec.temporaryFile, 'cpu_hot.py', CPU_HOT_LINE);
  assert.ok(samples > 20 && share > 0.5, `the kept profile is the whole recording (${samples} samples, HOT ${(share * 100).toFixed(0)} %)`);
  assert.equal(readFileSync(join(outputFile, 'keep.txt'), 'utf8'), 'mine');
});

test('a sidecar that cannot be written costs a warning, not the profile', async () => {
  const dir = join(out, 'no-sidecar');
  const outputFile = join(dir, 'p.speedscope.json');
  mkdirSync(`${outputFile}.pfmeta.json`, { recursive: true });
  writeFileSync(join(`${outputFile}.pfmeta.json`, 'x'), 'in the way');
  const result = await PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: cpuHot, args: ['0.5'] } }).result;
  assert.equal(result.outcome, 'completed');
  assert.equal(result.outputWritten, true);
  assert.equal(result.metadataFile, undefined);
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0], new RegExp(`^Could not write ${outputFile}\\.pfmeta\\.json \\(.*\\); the profile opens without its sample rate\\.$`));
  assert.ok(lineShare(outputFile, 'cpu_hot.py', CPU_HOT_LINE).samples > 10);
  assert.deepEqual(readdirSync(dir).sort(), ['p.speedscope.json', 'p.speedscope.json.pfmeta.json'], 'a temporary file was left behind');
});

test('an atomic write into an immutable folder throws and leaves the earlier file whole, with no temporary file', async (t) => {
  const { dir, before } = immutableFolderWithRecording(t, 'immutable-sidecar');
  await assert.rejects(writeRecordingSidecar(join(dir, 'earlier.speedscope.json'), { tool: 'py-spy', kind: 'cpu', sampleRate: 1, durationSec: 1, commandLine: 'x', startedAt: '', mode: 'launch', recordedWith: '' }), {
    code: 'EPERM',
  });
  assert.deepEqual(snapshot(dir), before);
});

test('an atomic write over an immutable file throws and leaves it whole, with no temporary file beside it', async (t) => {
  const dir = join(out, 'immutable-file');
  mkdirSync(dir);
  const file = join(dir, 'page.html');
  writeFileSync(file, 'the earlier page');
  chattr('+i', file);
  t.after(() => chattr('-i', file));
  await assert.rejects(writeFileAtomic(file, 'a new page'), { code: 'EPERM' });
  assert.equal(readFileSync(file, 'utf8'), 'the earlier page');
  assert.deepEqual(readdirSync(dir), ['page.html']);
});

test('a symbolic link planted at the temporary name is refused, and the file it points to stays whole', () => {
  const dir = join(out, 'planted');
  mkdirSync(dir);
  const victim = join(out, 'victim.txt');
  writeFileSync(victim, 'precious');
  const outputFile = join(dir, 'p.speedscope.json');
  symlinkSync(victim, temporaryProfilePath(outputFile));
  assert.throws(
    () => PySpyRecording.launch({ pyspy, outputFile, options: { rate: 100 }, target: { python, script: cpuHot, args: ['1'] } }),
    (err: unknown) => err instanceof RunFailedError && err.message === `Cannot write the profile in ${dir}: ${temporaryProfilePath(outputFile)} already exists; remove it. Choose another output folder.`,
  );
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
  assert.deepEqual(processesWithMarker(dir), [], 'py-spy was started anyway');
});

test('a disk that fills up while py-spy writes gives a RunFailedError that says so and names the folder', () => {
  // py-spy 0.4.3's stderr when its output folder was a full 64 KiB tmpfs (RUST_BACKTRACE set).
  const stderr = 'Error: No space left on device (os error 28)\n\nStack backtrace:\n   0: anyhow::error::<impl core::convert::From<E> for anyhow::Error>::from\n   1: py_spy::run_spy_command\n';
  const err = classifyPySpyExit({ mode: 'launch', exitCode: 1, signal: null, stderr, stopRequested: false, pyspyCommand: [pyspy, 'record'], outputFile: '/data/profiles/p.speedscope.json' });
  assert.ok(err instanceof RunFailedError);
  assert.equal(err.message, 'The disk is full: py-spy could not write the profile in /data/profiles, so this recording is lost. Free some space or choose another output folder, then record again.');
});
