/**
 * The extension host reads big profiles in a worker thread (issue 8). The worker path must give
 * exactly what the in-thread path gives: the same profile, the same flame graph data, the same
 * line and function aggregates, and the same errors (class and message).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { writeRawProfile } from '../../../bench/generate/writeProfiles';
import { ProfileFirstError, ProfileParseError } from '../../../src/core/errors';
import { loadForViewInWorker, type WorkerScript } from '../../../src/core/load/loadInWorker';
import { packProfile, STACKS_PER_SLICE, unpackProfile } from '../../../src/core/load/packedProfile';
import { loadForView, type ViewLoadRequest } from '../../../src/core/load/viewLoad';
import { aggregateFunctions, aggregateLines } from '../../../src/core/model/aggregate';
import type { Profile } from '../../../src/core/model/profile';

const root = join(__dirname, '..', '..', '..');
const workerEntry = join(root, 'src', 'core', 'load', 'profileLoadWorker.ts');

let dir: string;
let bigRaw: string;
/**
 * The worker bundled from its own entry, as esbuild.mjs builds dist/profileWorker.js (a worker
 * thread does not inherit tsx's loader hooks, so the TypeScript entry cannot run as is).
 */
let worker: WorkerScript;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pf-worker-'));
  bigRaw = join(dir, 'big.txt');
  writeRawProfile(bigRaw, { uniqueStacks: 18_000, seed: 8 }); // ~21 MB: over the host's 10 MB worker threshold
  worker = { file: join(dir, 'profileWorker.js') };
  await build({ entryPoints: [workerEntry], outfile: worker.file, bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning' });
});

after(() => rmSync(dir, { recursive: true, force: true }));

function request(path: string, extra: Partial<ViewLoadRequest> = {}): ViewLoadRequest {
  return { path, title: 'big', minFramePercent: 0.1, memoryMode: 'peak', useRecordedInterpreter: false, countAllocations: false, ...extra };
}

test('a 20 MB raw file read in the worker gives the same profile, flame graph and aggregates as on the calling thread', async () => {
  assert.ok(statSync(bigRaw).size > 20 * 1024 * 1024, `${statSync(bigRaw).size} bytes`);
  const here = await loadForView(request(bigRaw));
  const there = await loadForViewInWorker(worker, request(bigRaw));
  assert.equal(there.profile.stacks.length, 18_000);
  assert.deepEqual(there.data, here.data);
  assert.deepEqual(plain(there.profile), here.profile);
  assert.deepEqual(aggregateLines(there.profile), aggregateLines(here.profile));
  assert.deepEqual(aggregateFunctions(there.profile), aggregateFunctions(here.profile));
});

test('a small file reads the same in the worker', async () => {
  const small = join(dir, 'small.txt');
  writeFileSync(small, 'a (/a.py:1);b (/b.py:2) 3\na (/a.py:1) 1\n');
  const there = await loadForViewInWorker(worker, request(small));
  assert.deepEqual({ ...there, profile: plain(there.profile) }, await loadForView(request(small)));
  assert.equal(there.data.total, 4);
});

test('a parse error in the worker arrives as the same ProfileParseError with the same message', async () => {
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, 'a (/a.py:1) 3\nb (/b.py:2) three\n');
  const expected = await loadForView(request(bad)).then(
    () => assert.fail('expected an error'),
    (err: unknown) => err,
  );
  await assert.rejects(loadForViewInWorker(worker, request(bad)), (err: unknown) => {
    assert.ok(err instanceof ProfileParseError);
    assert.equal(err.message, `${bad}: line 2: the sample count "three" is not a number`);
    assert.equal(err.message, (expected as Error).message);
    assert.equal(err.file, bad);
    return true;
  });
  await assert.rejects(loadForViewInWorker(worker, request(join(dir, 'missing.txt'))), (err: unknown) => {
    assert.ok(err instanceof ProfileParseError && err instanceof ProfileFirstError);
    assert.equal(err.message, `${join(dir, 'missing.txt')}: file not found`);
    return true;
  });
});

/** The profile with each stack as a plain array, to compare with one a parser built. */
function plain<P extends Profile>(profile: P): P {
  return { ...profile, stacks: profile.stacks.map((s) => Array.from(s)) };
}

test('a packed profile unpacks equal to the original, its stacks views into one array, yielding between slices', async () => {
  const { profile } = await loadForView(request(bigRaw));
  const memory = { ...profile, allocations: profile.weights.map((w) => w * 2) };
  const { packed, transfer } = packProfile(memory);
  assert.equal(transfer.length, 4, 'stack starts, stack frames, weights, allocations');
  let pauses = 0;
  const back = await unpackProfile(packed, async () => {
    pauses++;
  });
  assert.deepEqual(plain(back), memory);
  assert.ok(back.stacks.every((s) => s instanceof Int32Array && s.buffer === packed.stackFrames.buffer));
  assert.equal(STACKS_PER_SLICE, 5_000);
  assert.equal(pauses, 3, '18,000 stacks: slices of 5,000 × 3 and 3,000, a pause between each two');
  const single = packProfile({ ...profile, stacks: profile.stacks.slice(0, 5_000), weights: profile.weights.slice(0, 5_000) });
  assert.equal(single.transfer.length, 3, 'no allocations array for a CPU profile');
  pauses = 0;
  await unpackProfile(single.packed, async () => {
    pauses++;
  });
  assert.equal(pauses, 0);
});
