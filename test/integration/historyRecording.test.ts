// Run history with the real tools: a py-spy and a memray recording write the history metadata
// (kind, tool, script, args, interpreter, git commit of the workspace, start time, PID) in their
// sidecars, and the history of their folder lists both from those sidecars alone.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readGitState } from '../../src/core/capture/gitState';
import { MemrayRecording } from '../../src/core/capture/memrayRecording';
import { PySpyRecording } from '../../src/core/capture/pyspyRecording';
import { HISTORY_INDEX_NAME, HistoryStore } from '../../src/core/history';
import { cpuHot, repoRoot, requirePySpy, requirePython } from './helpers/pyspyTestEnv';

const out = mkdtempSync(join(tmpdir(), 'pf-history-rec-'));
const memHot = join(repoRoot, 'examples', 'mem_hot.py');
const venvPython = join(repoRoot, '.venv', 'bin', 'python');
let pyspy: string;
let python: string;
/** The repository's HEAD: examples/ lives in this checkout. */
let head: string;

before(async () => {
  pyspy = await requirePySpy();
  python = await requirePython();
  const probe = spawnSync(venvPython, ['-c', 'import memray'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`This test runs the real memray, which was not found in ${venvPython}. Run \`npm run setup\`.`);
  head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
});
after(() => rmSync(out, { recursive: true, force: true }));

test('a py-spy and a memray recording are listed by the history with their sidecar metadata, newest first', { timeout: 90_000 }, async () => {
  const cpu = await PySpyRecording.launch({
    pyspy,
    outputFile: join(out, 'cpu.speedscope.json'),
    options: { rate: 50 },
    target: { python, script: cpuHot, args: ['1'] },
    gitState: readGitState(repoRoot),
  }).result;
  const memory = await MemrayRecording.launch({
    target: { python: venvPython, script: memHot, args: ['8', '0.1'] },
    outputFile: join(out, 'memory.bin'),
    options: {},
    gitState: readGitState(repoRoot),
  }).result;
  const store = new HistoryStore(out);
  await store.addProfile(cpu.outputFile);
  await store.addProfile(memory.outputFile);
  const entries = await store.list();
  assert.deepEqual(entries.map((e) => e.id), ['memory.bin', 'cpu.speedscope.json']);
  const [mem, prof] = entries;
  assert.deepEqual([prof.kind, prof.tool, prof.mode, prof.sampleRate, prof.script, prof.interpreter], ['cpu', 'py-spy', 'launch', 50, cpuHot, python]);
  assert.deepEqual(prof.args, ['1']);
  assert.equal(prof.git?.commit, head);
  assert.ok(prof.durationSec !== undefined && prof.durationSec >= 1, `duration ${prof.durationSec}`);
  assert.ok(prof.pid !== undefined && prof.pid > 0);
  assert.deepEqual([mem.kind, mem.tool, mem.mode, mem.sampleRate, mem.script, mem.interpreter], ['memory', 'memray', 'launch', undefined, memHot, venvPython]);
  assert.deepEqual(mem.args, ['8', '0.1']);
  assert.equal(mem.git?.commit, head);
  assert.ok(Date.parse(mem.recordedAt) > Date.parse(prof.recordedAt));

  // Losing the index loses nothing: the sidecars rebuild it.
  rmSync(join(out, HISTORY_INDEX_NAME));
  assert.deepEqual(await new HistoryStore(out).list(), entries);
});
