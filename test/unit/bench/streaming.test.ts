/**
 * The 300 MB path (issue 8) on a smaller generated file: a big profile is read through a stream
 * of small chunks and never held whole. The reader's own accounting (StreamStats) says how much
 * text it held at once; the result must equal parsing the whole text in memory.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, mock, test } from 'node:test';
import { writeRawProfile, writeSpeedscopeProfile } from '../../../bench/generate/writeProfiles';
import { parsePySpyRawText } from '../../../src/core/formats/pySpyRaw';
import { readProfileFile } from '../../../src/core/formats/readProfileFile';
import { parseSpeedscope } from '../../../src/core/formats/speedscope';
import { emptyStreamStats } from '../../../src/core/formats/streamStats';

const CHUNK = 4096;
let dir: string;
let rawFile: string;
let speedscopeFile: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pf-streaming-'));
  rawFile = join(dir, 'big.txt');
  speedscopeFile = join(dir, 'big.speedscope.json');
  writeRawProfile(rawFile, { uniqueStacks: 3000, seed: 11 }); // ~3.6 MB
  writeSpeedscopeProfile(speedscopeFile, { uniqueStacks: 6000, seed: 12 }); // ~2.4 MB
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Fails the test if the file is read whole with readFile or readFileSync (the old JSON path did). */
function forbidWholeFileReads(path: string): () => void {
  const check = (file: unknown): void => assert.notEqual(String(file), path, `${path} was read whole`);
  // The module objects themselves (not an import namespace), so the mocks reach readProfileFile.
  const fs = createRequire(__filename)('node:fs') as typeof import('node:fs');
  const readFile = fs.promises.readFile;
  const readFileSync = fs.readFileSync;
  const spies = [
    mock.method(fs.promises, 'readFile', (...args: Parameters<typeof readFile>) => (check(args[0]), readFile(...args))),
    mock.method(fs, 'readFileSync', (...args: Parameters<typeof readFileSync>) => (check(args[0]), readFileSync(...args))),
  ];
  return () => spies.forEach((s) => s.mock.restore());
}

test('a raw profile is read in small chunks, holding no more than a chunk and one line at a time', async () => {
  const size = statSync(rawFile).size;
  const longestLine = Math.max(...readFileSync(rawFile, 'utf8').split('\n').map((l) => l.length));
  const stats = emptyStreamStats();
  const restore = forbidWholeFileReads(rawFile);
  const profile = await readProfileFile(rawFile, { chunkBytes: CHUNK, streamStats: stats }).finally(restore);
  assert.ok(stats.chunks >= size / CHUNK, `${stats.chunks} chunks for ${size} bytes`);
  assert.ok(stats.largestChunk <= CHUNK);
  assert.ok(stats.largestHeld <= CHUNK + longestLine, `held ${stats.largestHeld} characters at once`);
  assert.ok(stats.largestHeld < size / 100, 'never more than 1 % of the file');
  const whole = parsePySpyRawText(readFileSync(rawFile, 'utf8'), rawFile);
  assert.deepEqual(profile.stacks, whole.stacks);
  assert.deepEqual(profile.weights, whole.weights);
  assert.deepEqual(profile.frames, whole.frames);
});

test('a speedscope profile is parsed from the byte stream, never as one string, to the same profile as JSON.parse', async () => {
  const size = statSync(speedscopeFile).size;
  const stats = emptyStreamStats();
  const restore = forbidWholeFileReads(speedscopeFile);
  const profile = await readProfileFile(speedscopeFile, { chunkBytes: CHUNK, streamStats: stats }).finally(restore);
  assert.ok(stats.chunks >= size / CHUNK, `${stats.chunks} chunks for ${size} bytes`);
  assert.ok(stats.largestHeld <= CHUNK);
  const whole = parseSpeedscope(JSON.parse(readFileSync(speedscopeFile, 'utf8')), speedscopeFile);
  assert.deepEqual(profile, whole);
});

test('the default chunk size keeps a big file to about a megabyte in flight', async () => {
  const stats = emptyStreamStats();
  await readProfileFile(rawFile, { streamStats: stats });
  assert.ok(stats.largestChunk <= 1024 * 1024);
  assert.ok(stats.chunks >= 3);
});
