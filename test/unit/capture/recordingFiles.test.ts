import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defaultProfileName, fileTimestamp, readRecordingSidecar, sidecarPathFor, temporaryProfilePath, unusedPath, writeFileAtomic } from '../../../src/core/capture/recordingFiles';

const dir = mkdtempSync(join(tmpdir(), 'pf-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const when = new Date(2025, 0, 2, 3, 4, 5);

test('default names carry the script (or PID) and a local timestamp without colons', () => {
  assert.equal(fileTimestamp(when), '20250102-030405');
  assert.equal(defaultProfileName('/src/cpu_hot.py', when), 'profile-cpu_hot-20250102-030405.speedscope.json');
  assert.equal(defaultProfileName('my app.py', when), 'profile-my_app-20250102-030405.speedscope.json');
  assert.equal(defaultProfileName(4242, when), 'profile-pid4242-20250102-030405.speedscope.json');
});

test('an existing name gets -2, -3 before the extension', async () => {
  const name = 'profile-x-20250102-030405.speedscope.json';
  writeFileSync(join(dir, name), '{}');
  writeFileSync(join(dir, 'profile-x-20250102-030405-2.speedscope.json'), '{}');
  assert.equal(await unusedPath(dir, name), join(dir, 'profile-x-20250102-030405-3.speedscope.json'));
});

test('the temporary profile and the sidecar sit beside the final file', () => {
  assert.equal(temporaryProfilePath('/p/a.speedscope.json', 12), '/p/a.speedscope.json.tmp-12.json');
  assert.equal(sidecarPathFor('/p/a.speedscope.json'), '/p/a.speedscope.json.pfmeta.json');
});

test('atomic writes leave only the final file', async () => {
  const file = join(dir, 'atomic.json');
  await writeFileAtomic(file, '{"a":1}');
  await writeFileAtomic(file, '{"a":2}');
  assert.equal(readFileSync(file, 'utf8'), '{"a":2}');
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('atomic')), ['atomic.json']);
});

test('a malformed or missing sidecar reads as undefined', async () => {
  writeFileSync(sidecarPathFor(join(dir, 'bad.json')), '[1,2');
  assert.equal(await readRecordingSidecar(join(dir, 'bad.json')), undefined);
  assert.equal(await readRecordingSidecar(join(dir, 'none.json')), undefined);
});

test('the sidecar names the script by its absolute path (the history groups by it); -m and -c forms stay as given', async () => {
  const { absoluteScript } = await import('../../../src/core/capture/recordingFiles');
  assert.equal(absoluteScript('app/main.py', '/work'), '/work/app/main.py');
  assert.equal(absoluteScript('/abs/x.py', '/work'), '/abs/x.py');
  assert.equal(absoluteScript('-m', '/work'), '-m');
});
