/** Capture files: telling a finished capture from one memray is still writing, children's captures, clean-up. */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { captureFileState, childCaptureFiles, compressionTempPath, removeTemporaryCapture, temporaryCapturePath } from '../../../src/core/capture/memrayFiles';
import { memrayFixture } from './memrayFixtures';

const dir = mkdtempSync(join(tmpdir(), 'pf-memray-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** An uncompressed capture header (memray 1.20.0 layout) whose allocation count is `n`. */
function header(n: bigint): Buffer {
  const buf = Buffer.alloc(64);
  buf.write('memray\0', 0, 'latin1');
  buf.writeInt32LE(13, 7);
  buf.writeBigUInt64LE(n, 17);
  return buf;
}

test('a compressed capture (LZ4, what memray writes after tracking ended) is finished', async () => {
  assert.equal(await captureFileState(memrayFixture('mem_hot.bin')), 'finished');
});

test('an uncompressed capture is finished once its header counts allocations, still writing while it counts 0', async () => {
  writeFileSync(join(dir, 'open.bin'), header(0n));
  writeFileSync(join(dir, 'done.bin'), header(361n));
  assert.equal(await captureFileState(join(dir, 'open.bin')), 'writing');
  assert.equal(await captureFileState(join(dir, 'done.bin')), 'finished');
});

test('while memray compresses (<file>.lz4.tmp exists) the capture is still being written', async () => {
  const file = join(dir, 'compressing.bin');
  copyFileSync(memrayFixture('mem_hot.bin'), file);
  writeFileSync(compressionTempPath(file), 'partial');
  assert.equal(await captureFileState(file), 'writing');
});

test('no file yet is missing; an empty file is being written', async () => {
  assert.equal(await captureFileState(join(dir, 'nope.bin')), 'missing');
  writeFileSync(join(dir, 'empty.bin'), '');
  assert.equal(await captureFileState(join(dir, 'empty.bin')), 'writing');
});

test('children of --follow-fork are <tmp>.<pid>; clean-up removes them and memray temporary files', async () => {
  const tmp = temporaryCapturePath(join(dir, 'c.bin'), 11);
  assert.equal(tmp, join(dir, 'c.bin.tmp-11.bin'));
  for (const f of [tmp, `${tmp}.123`, `${tmp}.123.lz4.tmp`, `${tmp}.lz4.tmp`, `${tmp}.x`]) writeFileSync(f, '');
  assert.deepEqual(await childCaptureFiles(tmp), [{ file: `${tmp}.123`, pid: 123 }]);
  await removeTemporaryCapture(tmp);
  assert.deepEqual([tmp, `${tmp}.123`, `${tmp}.123.lz4.tmp`, `${tmp}.lz4.tmp`].filter(existsSync), []);
  assert.ok(existsSync(`${tmp}.x`), 'only memray files are removed');
  assert.equal(readFileSync(`${tmp}.x`, 'utf8'), '');
});
