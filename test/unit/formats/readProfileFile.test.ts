/**
 * readProfileFile on bad input: every failure is a ProfileParseError whose message is one
 * line starting with the file name. Big and binary inputs are generated into os.tmpdir()
 * at test time (nothing big is committed); each test has a timeout, so a hang fails.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { ProfileParseError } from '../../../src/core/errors';
import { readProfileFile, type ReadProfileOptions } from '../../../src/core/formats/readProfileFile';
import { sniffFormat } from '../../../src/core/formats/sniff';
import { fixture } from './fixturePaths';

const dir = mkdtempSync(join(tmpdir(), 'pf-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Reads `path`, expects a one-line ProfileParseError naming it, and returns the problem. */
async function problem(path: string, opts?: ReadProfileOptions): Promise<string> {
  const err = await readProfileFile(path, opts).then(
    () => assert.fail(`expected ${path} to be refused`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ProfileParseError, `expected ProfileParseError, got ${String(err)}`);
  assert.ok(err.message.startsWith(`${path}: `), err.message);
  assert.ok(!/[\r\n]/.test(err.message), `one line: ${err.message}`);
  return err.problem;
}

/** Deterministic pseudo-random bytes (a fixed LCG), so the garbage is the same on every run. */
function garbage(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const FAST = { timeout: 10_000 };
const TEN_MB = 10 * 1024 * 1024;

test('an empty file is refused as empty', FAST, async () => {
  assert.equal(await problem(write('empty.txt', '')), 'the file is empty');
});

test('a file of blank lines is refused as empty', FAST, async () => {
  assert.equal(await problem(write('blank.txt', '\n  \n\t\n')), 'the file is empty (only blank lines)');
});

test('a truncated speedscope file is reported as invalid JSON', FAST, async () => {
  const whole = readFileSync(fixture('recursive.speedscope.json'), 'utf8');
  const p = await problem(write('cut.json', whole.slice(0, Math.floor(whole.length / 2))));
  assert.match(p, /^not valid JSON \(truncated or not a speedscope file\?\): /);
});

test('binary garbage is refused as binary data', FAST, async () => {
  assert.match(await problem(write('garbage.bin', garbage(100_000))), /^binary data, not a profile/);
});

test('invalid UTF-8 without control bytes is refused as binary data', FAST, async () => {
  assert.match(await problem(write('latin1.txt', Uint8Array.from([0x61, 0x20, 0xe9, 0x20, 0x31, 0x0a]))), /^binary data, not a profile/);
});

test('a memray capture is recognised by its magic, compressed or not', FAST, async () => {
  const plain = write('plain.bin', Buffer.concat([Buffer.from('memray\0'), Buffer.from(garbage(64))]));
  // memray 1.20.0's default output: an LZ4 frame whose first block starts with `memray\0`.
  const lz4 = write('lz4.bin', Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x40, 0x40, 0xc0, 0x61, 0x08, 0, 0, 0xf1, 0x01]), Buffer.from('memray\0'), Buffer.from(garbage(64))]));
  for (const path of [plain, lz4]) assert.deepEqual(sniffFormat(readFileSync(path)), { format: 'memray' });
});

test('gzip data, an SVG flame graph and a JSON array each get their own explanation', FAST, async () => {
  assert.equal(await problem(write('x.gz', Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0]))), 'the file is gzip-compressed: decompress it first');
  assert.match(await problem(write('f.svg', '<?xml version="1.0"?>\n<svg></svg>\n')), /^an SVG\/HTML\/XML file \(py-spy's default --format flamegraph\?\)/);
  assert.match(await problem(write('t.json', '[{"ph":"B"}]')), /^a JSON array \(py-spy --format chrometrace\?\)/);
});

test('text in an unknown format is refused at its first line', FAST, async () => {
  assert.match(await problem(write('notes.txt', 'Some notes\nabout nothing\n')), /^not a supported profile format: line 1 is not a "frame;frame;… COUNT" stack line/);
});

test('JSON that is not speedscope is refused', FAST, async () => {
  assert.match(await problem(write('cpu.json', '{"nodes":[],"startTime":0}')), /^is JSON but not a speedscope profile/);
});

test('a 10 MB single line without spaces or count is refused quickly', FAST, async (t) => {
  const path = write('long-nospace.txt', 'f;'.repeat(TEN_MB / 2));
  const start = performance.now();
  assert.match(await problem(path), /^not a supported profile format: line 1 .*found no sample count/);
  t.diagnostic(`rejected in ${(performance.now() - start).toFixed(0)} ms`);
});

test('a 10 MB single line of frames without a count is refused quickly', FAST, async (t) => {
  const frame = 'work (/app/lib.py:3);';
  const path = write('long-frames.txt', frame.repeat(Math.ceil(TEN_MB / frame.length)));
  const start = performance.now();
  assert.match(await problem(path), /the sample count "\(\/app\/lib\.py:3\);" is not a number/);
  t.diagnostic(`rejected in ${(performance.now() - start).toFixed(0)} ms`);
});

test('a line longer than the line limit is refused with its line number', FAST, async () => {
  const path = write('limit.txt', `a 1\n${'x'.repeat(5000)}\nb 2\n`);
  assert.equal(await problem(path, { maxLineChars: 1000 }), 'line 2 is longer than 1000 characters: not a py-spy raw or collapsed file');
});

test('a count that is not a number is reported with its line number', FAST, async () => {
  const path = write('badcount.txt', 'a (/a.py:1) 3\nb (/b.py:2) 4\nc (/c.py:3) three\n');
  assert.equal(await problem(path), 'line 3: the sample count "three" is not a number');
});

test('a JSON file above the size limit is refused before it is read', FAST, async () => {
  assert.match(await problem(fixture('recursive.speedscope.json'), { maxJsonBytes: 100 }), /^the JSON file is 0 MB, more than the 0 MB that can be read/);
});

test('a missing file, a directory and a device are refused', FAST, async () => {
  assert.equal(await problem(join(dir, 'nope.txt')), 'file not found');
  assert.equal(await problem(dir), 'is a directory, not a profile file');
  assert.equal(await problem('/dev/null'), 'is not a regular file');
});

test('a file this user cannot read is refused with permission denied', FAST, async () => {
  const sub = join(dir, 'locked');
  mkdirSync(sub);
  chmodSync(dir, 0o755);
  chmodSync(sub, 0o755);
  const path = join(sub, 'secret.txt');
  writeFileSync(path, 'a (/a.py:1) 1\n');
  chmodSync(path, 0o000);
  if (process.getuid?.() !== 0) {
    assert.equal(await problem(path), 'permission denied: this user cannot read the file');
    return;
  }
  // root reads any file, so read it as `nobody` in a child process.
  const script = `require('./src/core/formats/readProfileFile.ts').readProfileFile(process.argv[1]).then(() => console.log('read'), (e) => console.log(e.constructor.name + ': ' + e.message))`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, path], {
    cwd: resolve(__dirname, '..', '..', '..'),
    uid: 65534,
    gid: 65534,
    encoding: 'utf8',
  });
  assert.equal(r.stdout.trim(), `ProfileParseError: ${path}: permission denied: this user cannot read the file`, r.stderr);
});

test('a UTF-8 byte-order mark before raw text is ignored', FAST, async () => {
  const p = await readProfileFile(write('bom.txt', '\ufeffa (/a.py:1) 2\n'));
  assert.deepEqual(p.frames[0], { name: 'a', file: '/a.py', line: 1, kind: 'python' });
});

test('a sidecar beside a raw file supplies the rate, duration and command line', FAST, async () => {
  const path = join(dir, 'with-sidecar.txt');
  copyFileSync(fixture('recursive.raw.txt'), path);
  writeFileSync(`${path}.pfmeta.json`, JSON.stringify({ sampleRate: 100, durationSec: 1.08, commandLine: 'python3 -S recursive.py' }));
  const p = await readProfileFile(path);
  assert.deepEqual(p.meta, { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100, durationSec: 1.08, commandLine: 'python3 -S recursive.py' });
});

test('a corrupt sidecar is ignored and the profile still opens', FAST, async () => {
  const path = join(dir, 'corrupt-sidecar.txt');
  copyFileSync(fixture('recursive.raw.txt'), path);
  writeFileSync(`${path}.pfmeta.json`, '{"sampleRate": 10');
  const p = await readProfileFile(path);
  assert.equal(p.meta.sampleRate, undefined);
  assert.equal(p.weights.reduce((a, b) => a + b, 0), 108);
});

test('sidecar fields of the wrong type are dropped one by one', FAST, async () => {
  const path = join(dir, 'typed-sidecar.txt');
  copyFileSync(fixture('recursive.raw.txt'), path);
  writeFileSync(`${path}.pfmeta.json`, JSON.stringify({ sampleRate: '100', durationSec: -1, commandLine: 'python3 x.py' }));
  const p = await readProfileFile(path);
  assert.deepEqual(p.meta, { tool: 'py-spy', kind: 'cpu', unit: 'samples', commandLine: 'python3 x.py' });
});
