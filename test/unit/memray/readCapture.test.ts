/**
 * Reading memray captures (.bin) through python/memray_export.py with the real memray: the
 * numbers match the committed export of the same capture, the interpreter comes from the
 * sidecar when there is one, and every bad capture is one line naming the file.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ProfileParseError, ToolMissingError } from '../../../src/core/errors';
import { readMemrayCapture } from '../../../src/core/formats/memrayRead';
import { readProfileFile } from '../../../src/core/formats/readProfileFile';
import { buildReport } from '../../../src/core/model/report';
import { loadCapture, memrayFixture, requireMemrayPython } from './memrayFixtures';

const dir = mkdtempSync(join(tmpdir(), 'pf-memray-read-'));
let python: string;
before(() => {
  python = requireMemrayPython();
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Reads `file` with the real memray; expects a one-line ProfileParseError naming it; returns the problem. */
async function problem(file: string): Promise<string> {
  const err = await readProfileFile(file, { memray: { python } }).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ProfileParseError, `expected a ProfileParseError, got ${String(err)}`);
  assert.ok(err.message.startsWith(`${file}: `) && !/[\r\n]/.test(err.message), err.message);
  return err.problem;
}

test('a capture reads exactly like its committed export (same helper, same memray)', async () => {
  const capture = await readMemrayCapture(memrayFixture('mem_hot.bin'), { python });
  const committed = loadCapture('mem_hot.json');
  assert.deepEqual(capture.info, committed.info);
  assert.deepEqual(capture.snapshots, committed.snapshots);
  assert.deepEqual(capture.peak?.weights, committed.peak?.weights);
  assert.deepEqual(capture.leaks?.allocations, committed.leaks?.allocations);
  const report = buildReport(await readProfileFile(memrayFixture('mem_hot.bin'), { memray: { python } }), { top: 1 });
  assert.deepEqual(report.lines, [{ file: 'examples/mem_hot.py', line: 12, self: 67108928, total: 67108928 }]);
});

test('without an interpreter given, the one named in the sidecar reads the capture', async () => {
  const file = join(dir, 'with-sidecar.bin');
  copyFileSync(memrayFixture('mem_hot.bin'), file);
  writeFileSync(`${file}.pfmeta.json`, JSON.stringify({ tool: 'memray', interpreter: python, commandLine: 'python mem_hot.py' }));
  // No python3 on this PATH: only the sidecar can name an interpreter.
  const profile = await readProfileFile(file, { memray: { env: { PATH: '/nonexistent' } } });
  assert.equal(profile.meta.commandLine, 'python mem_hot.py');
  assert.equal(profile.meta.unit, 'bytes');
  // Where the workspace is not trusted, the host refuses the sidecar's choice of what runs.
  await assert.rejects(readProfileFile(file, { memray: { env: { PATH: '/nonexistent' }, useRecordedInterpreter: false } }), ToolMissingError);
});

test('an interpreter without memray is a ToolMissingError with the pip command for it', async () => {
  // The venv's interpreter with -S: no site-packages, so no memray.
  const bare = join(dir, 'bare-python');
  writeFileSync(bare, `#!/bin/sh\nexec ${python} -S "$@"\n`);
  chmodSync(bare, 0o755);
  const err = await readMemrayCapture(memrayFixture('mem_hot.bin'), { python: bare }).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ToolMissingError, String(err));
  assert.deepEqual(err.installCommand, [bare, '-m', 'pip', 'install', 'memray']);
  assert.match(err.message, /needs memray, which is not installed for/);
});

test('a truncated capture says so, with the counts from its header', async () => {
  assert.equal(await problem(memrayFixture('truncated.bin')), 'the memray capture is truncated: its header lists 13 allocation records but only 0 could be read; record it again');
});

test('a capture from another memray version says to read it with the interpreter that recorded it', async () => {
  assert.match(await problem(memrayFixture('other-version.bin')), /^this capture was written by another memray version \(capture format 99\), which memray 1\.20\.0 cannot read; read it with the interpreter that recorded it/);
});

test('a file with the memray magic but garbage after it is damaged; a file that only ends in .bin is not a capture', async () => {
  const garbage = join(dir, 'garbage.bin');
  writeFileSync(garbage, Buffer.concat([Buffer.from('memray\0', 'latin1'), Buffer.from('x'.repeat(100))]));
  assert.equal(await problem(garbage), 'the memray capture is damaged (its header is not valid); record it again');
  // readProfileFile sends only memray's magic to memray (this text goes to the text parsers);
  // the helper itself recognises a file that is not a capture.
  const notCapture = memrayFixture('not-a-capture.bin');
  const err = await readMemrayCapture(notCapture, { python }).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ProfileParseError && err.message.startsWith(`${notCapture}: `), String(err));
  assert.equal(err.problem, 'not a memray capture (expected a .bin file written by `memray run` or `memray attach`)');
  assert.match(await problem(notCapture), /not a supported profile format/);
});

test('a read that takes longer than its timeout is stopped and reported', async () => {
  const err = await readMemrayCapture(memrayFixture('mem_hot.bin'), { python, timeoutMs: 1 }).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ProfileParseError);
  assert.match(err.message, /took longer than 1\.0 ms and was stopped/);
});
