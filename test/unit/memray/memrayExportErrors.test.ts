/**
 * The export reader treats the helper's JSON as untrusted: each malformed part is refused with
 * a one-line ProfileParseError that names the file and where in the document the problem is.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ProfileParseError } from '../../../src/core/errors';
import { parseMemrayExport } from '../../../src/core/formats/memrayExport';
import { readProfileFile } from '../../../src/core/formats/readProfileFile';
import { loadJson } from './memrayFixtures';

const dir = mkdtempSync(join(tmpdir(), 'pf-memray-json-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Parses `doc` as if read from `file`; expects a one-line ProfileParseError and returns its problem. */
function problem(doc: unknown, file = '/data/capture.json'): string {
  try {
    parseMemrayExport(doc, file);
  } catch (err) {
    assert.ok(err instanceof ProfileParseError, String(err));
    assert.ok(err.message.startsWith(`${file}: `), err.message);
    assert.ok(!/[\r\n]/.test(err.message), err.message);
    return err.problem;
  }
  return assert.fail('expected the document to be refused');
}

/** The mem_hot export with one change applied. */
function hotWith(change: (doc: Record<string, unknown> & { peak: { records: Record<string, unknown>[] } & Record<string, unknown> }) => void): unknown {
  const doc = loadJson('mem_hot.json') as Parameters<typeof change>[0];
  change(doc);
  return doc;
}

test('another format or a newer export version is refused with what was expected', () => {
  assert.match(problem({ format: 'speedscope' }), /format: expected "profile-first-memray", got "speedscope"/);
  assert.match(problem(hotWith((d) => (d.version = 2))), /version: this reader understands version 1, got 2/);
  assert.match(problem([1, 2]), /document: expected a JSON object/);
});

test('a record with a negative, fractional or missing size names the record', () => {
  assert.match(problem(hotWith((d) => (d.peak.records[3].size = -5))), /peak\.records\[3\]\.size: expected a whole number ≥ 0, got -5/);
  assert.match(problem(hotWith((d) => (d.peak.records[0].size = 1.5))), /peak\.records\[0\]\.size/);
  assert.match(problem(hotWith((d) => delete d.peak.records[1].n_allocations)), /peak\.records\[1\]\.n_allocations: expected a whole number ≥ 0, got nothing/);
});

test('a frame that is not [function, file, line] names the frame', () => {
  assert.match(problem(hotWith((d) => ((d.peak.records[0].stack as unknown[])[1] = ['main', 'x.py']))), /peak\.records\[0\]\.stack\[1\]: expected \[function, file, line\]/);
  assert.match(problem(hotWith((d) => ((d.peak.records[0].stack as unknown[])[0] = ['main', 'x.py', 3, 'cython']))), /stack\[0\]: expected/);
  assert.match(problem(hotWith((d) => ((d.peak.records[0].stack as unknown[])[0] = [7, 'x.py', 3]))), /stack\[0\]\[0\]: expected a string, got 7/);
});

test('totals that do not add up are refused (a truncated or edited export)', () => {
  assert.match(problem(hotWith((d) => (d.peak.total_size = 1))), /peak\.total_size: is 1 but the records and omitted add up to 68197396/);
});

test('missing sections, bad metadata and bad snapshots are refused', () => {
  assert.match(problem(hotWith((d: Record<string, unknown>) => (delete d.peak, delete d.leaks))), /has neither a "peak" nor a "leaks" section/);
  assert.match(problem(hotWith((d) => ((d.metadata as Record<string, unknown>).file_format = 'zip'))), /metadata\.file_format: expected "all" or "aggregated"/);
  assert.match(problem(hotWith((d) => ((d.metadata as Record<string, unknown>).start_time = 'yesterday'))), /metadata\.start_time: not a date/);
  assert.match(problem(hotWith((d) => ((d.snapshots as unknown[])[2] = { time_ms: 1, rss: 'big', heap: 0 }))), /snapshots\[2\]\.rss: expected a whole number/);
  assert.match(problem(hotWith((d) => (d.warnings = 'none'))), /warnings: expected an array/);
});

test('control characters in untrusted values stay escaped in the one-line message', () => {
  assert.match(problem({ format: 'x\ny' }), /got "x\\ny"/);
});

test('readProfileFile: garbage after a memray export header, or a truncated export, is one line naming the file', async () => {
  const text = JSON.stringify(loadJson('mem_hot.json'));
  const truncated = join(dir, 'truncated.json');
  writeFileSync(truncated, text.slice(0, text.length / 2));
  const err = await readProfileFile(truncated).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ProfileParseError && err.message.startsWith(`${truncated}: `) && !/\n/.test(err.message), String(err));
  const edited = join(dir, 'edited.json');
  writeFileSync(edited, text.replace('"n_allocations":64', '"n_allocations":"many"'));
  await assert.rejects(readProfileFile(edited), (e: unknown) => e instanceof ProfileParseError && /^.*edited\.json: not a valid memray export: peak\.records\[0\]\.n_allocations/.test(e.message));
});
