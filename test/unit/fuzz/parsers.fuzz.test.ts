/**
 * Bad input never crashes anything (issue 9, point 1). Thousands of mutated versions of the real
 * fixtures go through the sniffer and readProfileFile; each must end within 2 s in either a sound
 * Profile or a ProfileParseError whose message is one line naming the file. A sample of the
 * refused files then goes through the real CLI: exit status 2, one or two lines, no stack trace.
 * memray captures (.bin), which memray itself reads in a subprocess, are fuzzed through the
 * sniffer only.
 *
 * PF_FUZZ_SEED=N replays a run (the seed is printed), PF_FUZZ_CASES=N sets the count (default
 * 2000; `npm run soak` runs 50,000), PF_FUZZ_ONLY=i,j runs just those case indices,
 * PF_FUZZ_CLI=N sets how many refused files the CLI is run on (default 50).
 */
import assert from 'node:assert/strict';
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SNIFF_BYTES, sniffFormat } from '../../../src/core/formats/sniff';
import { loadFixtures, makeCase, OPERATOR_NAMES, type Fixture, type FuzzCase } from './mutator';
import type { ParseReply, ParseRequest } from './parseWorker';

const root = join(__dirname, '..', '..', '..');
const SEED = process.env.PF_FUZZ_SEED !== undefined && process.env.PF_FUZZ_SEED !== '' ? Number(process.env.PF_FUZZ_SEED) >>> 0 : randomInt(2 ** 32);
const CASES = positiveInt(process.env.PF_FUZZ_CASES, 2000);
const CLI_SAMPLE = positiveInt(process.env.PF_FUZZ_CLI, 50);
const ONLY = (process.env.PF_FUZZ_ONLY ?? '')
  .split(',')
  .filter((s) => s.trim() !== '')
  .map(Number);
/**
 * The issue's budget for one case, in CPU time of the parsing process: CI machines run other
 * work beside the tests, and wall-clock time there can stretch several-fold. A case is killed
 * as hung when it has not answered after the budget plus HANG_SLACK_MS of wall-clock time.
 */
const CASE_LIMIT_MS = 2000;
const HANG_SLACK_MS = 8000;

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}

const work = mkdtempSync(join(tmpdir(), 'pf-fuzz-'));
after(() => rmSync(work, { recursive: true, force: true }));
const fixtures: Fixture[] = loadFixtures(join(root, 'test', 'fixtures'));
const replay = (indices: readonly number[]): string => `PF_FUZZ_SEED=${SEED}${indices.length > 0 ? ` PF_FUZZ_ONLY=${indices.slice(0, 20).join(',')}` : ''}`;

/** Where case `c` is written: the fixture's extension kept, so names look like real profiles. */
function casePath(c: FuzzCase): string {
  const ext = /\.(speedscope\.json|raw\.txt|[a-z]+)$/.exec(c.fixture)?.[0] ?? '.txt';
  return join(work, `case-${c.index}${ext}`);
}

function writeCase(c: FuzzCase): string {
  const file = casePath(c);
  writeFileSync(file, c.bytes);
  if (c.sidecar !== undefined) writeFileSync(`${file}.pfmeta.json`, c.sidecar);
  return file;
}

function removeCase(file: string): void {
  rmSync(file, { force: true });
  rmSync(`${file}.pfmeta.json`, { force: true });
}

type ParseEnd = ParseReply | { hang: true } | { died: string };

/** Loading tsx and the parsers in a new child is not part of a case's 2 s. */
const CHILD_STARTUP_MS = 10_000;

/** The parse child: restarted after a case that hung or killed it. */
class ParseChild {
  private child: ChildProcess | undefined;
  private fresh = true;
  private stderr = '';

  private start(): ChildProcess {
    this.stderr = '';
    this.fresh = true;
    const child = fork(join(__dirname, 'parseWorker.ts'), [], { cwd: root, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      this.stderr = (this.stderr + d).slice(-2000);
    });
    this.child = child;
    return child;
  }

  /** Parses one file; a hang past the limit or a dead child is answered as such. */
  parse(req: ParseRequest): Promise<ParseEnd> {
    const child = this.child ?? this.start();
    return new Promise((resolve) => {
      const done = (value: ParseEnd): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(value);
      };
      const onMessage = (reply: ParseReply): void => {
        if (reply.index !== req.index) return;
        this.fresh = false;
        done(reply);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        this.child = undefined;
        done({ died: `the parser process died (${signal ?? `exit ${code}`}): ${this.stderr.trim().split('\n').slice(-3).join(' | ')}` });
      };
      const timer = setTimeout(
        () => {
          this.child = undefined;
          child.kill('SIGKILL');
          done({ hang: true });
        },
        CASE_LIMIT_MS + HANG_SLACK_MS + (this.fresh ? CHILD_STARTUP_MS : 0),
      );
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(req);
    });
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
}

/** What is wrong with how case `c` ended (empty when it ended well). */
function judge(file: string, reply: ParseEnd): string[] {
  if ('hang' in reply) return [`did not end within ${CASE_LIMIT_MS + HANG_SLACK_MS} ms of wall-clock time`];
  if ('died' in reply) return [reply.died];
  const problems: string[] = [];
  if (reply.cpuMs > CASE_LIMIT_MS) problems.push(`took ${reply.cpuMs.toFixed(0)} ms of CPU time (${reply.ms.toFixed(0)} ms wall-clock)`);
  if (reply.sniff.startsWith('threw')) problems.push(`the sniffer ${reply.sniff}`);
  if (reply.outcome === 'otherError') {
    problems.push(`threw ${reply.errorName}, not a ProfileParseError: ${reply.message?.split('\n').slice(0, 4).join(' | ')}`);
    return problems;
  }
  if (reply.outcome === 'profile') {
    if (reply.sniff.startsWith('unsupported')) problems.push(`gave a profile although the sniffer said ${reply.sniff}`);
    problems.push(...reply.profileProblems.map((p) => `unsound profile: ${p}`));
    return problems;
  }
  const message = reply.message ?? '';
  if (reply.errorFile !== file) problems.push(`ProfileParseError.file is ${reply.errorFile}`);
  if (!message.startsWith(`${file}: `)) problems.push(`message does not start with the file: ${message.slice(0, 120)}`);
  if (/[\r\n\u2028\u2029]/.test(message)) problems.push(`message is not one line: ${JSON.stringify(message.slice(0, 200))}`);
  if (message.length > file.length + 600) problems.push(`message is ${message.length} characters long`);
  if (reply.sniff.startsWith('unsupported: ') && !message.endsWith(reply.sniff.slice('unsupported: '.length))) {
    problems.push(`the sniffer said "${reply.sniff}" but the error is "${message}"`);
  }
  return problems;
}

/** Parse-error case indices, kept for the CLI check. */
const refused: number[] = [];

test(`${CASES} mutated profiles each end within 2 s in a sound profile or a one-line ProfileParseError naming the file`, async (t) => {
  assert.ok(fixtures.length > 0, 'no fixtures found under test/fixtures/pyspy');
  t.diagnostic(`fuzz seed ${SEED}: replay with PF_FUZZ_SEED=${SEED} PF_FUZZ_CASES=${CASES}`);
  console.log(`fuzz seed ${SEED} (${CASES} cases over ${fixtures.length} fixtures, ${OPERATOR_NAMES.length} operators)`);
  const child = new ParseChild();
  const failures: { index: number; text: string }[] = [];
  const outcomes = new Map<string, number>();
  let slowest = 0;
  const indices = ONLY.length > 0 ? ONLY : Array.from({ length: CASES }, (_, i) => i);
  try {
    for (const index of indices) {
      const c = makeCase(SEED, index, fixtures);
      const file = writeCase(c);
      const reply = await child.parse({ index, file });
      removeCase(file);
      const outcome = 'hang' in reply ? 'hang' : 'died' in reply ? 'died' : reply.outcome;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      if (!('hang' in reply) && !('died' in reply)) {
        slowest = Math.max(slowest, reply.cpuMs);
        if (reply.outcome === 'parseError') refused.push(index);
      }
      for (const problem of judge(file, reply)) {
        failures.push({ index, text: `case ${index} (${c.fixture} ← ${c.ops.join(' + ')}, ${c.bytes.length} bytes): ${problem}` });
      }
    }
  } finally {
    child.stop();
  }
  const summary = `${indices.length} cases: ${[...outcomes].map(([k, v]) => `${v} ${k}`).join(', ')}; slowest ${slowest.toFixed(0)} ms of CPU time`;
  t.diagnostic(summary);
  console.log(summary);
  const failed = [...new Set(failures.map((f) => f.index))];
  assert.equal(
    failures.length,
    0,
    `${failed.length} of ${indices.length} cases failed (seed ${SEED}; replay: ${replay(failed)} node --import tsx --test test/unit/fuzz/parsers.fuzz.test.ts):\n${failures
      .slice(0, 25)
      .map((f) => f.text)
      .join('\n')}`,
  );
});

test('the sniffer classifies mutated memray captures without throwing, and only calls intact magic memray', (t) => {
  // Captures are read by memray itself in a subprocess (seconds each), so only the sniffer,
  // which decides whether that happens, is fuzzed on them here.
  const captures = loadFixtures(join(root, 'test', 'fixtures'), true);
  if (captures.length === 0) {
    t.diagnostic('no memray captures under test/fixtures/memray');
    return;
  }
  const problems: string[] = [];
  for (let index = 0; index < CASES; index++) {
    const c = makeCase(SEED, index, captures);
    const lz4 = c.bytes.length >= 4 && c.bytes.readUInt32LE(0) === 0x184d2204;
    const magic = c.bytes.subarray(0, 7).toString('latin1') === 'memray\0' || (lz4 && c.bytes.subarray(0, 64).includes('memray\0'));
    try {
      const r = sniffFormat(c.bytes.subarray(0, SNIFF_BYTES));
      if (r.format === 'memray' && !magic) problems.push(`case ${index} (${c.ops.join(' + ')}): called memray without its magic`);
    } catch (err) {
      problems.push(`case ${index} (${c.ops.join(' + ')}): the sniffer threw ${String(err)}`);
    }
  }
  assert.deepEqual(problems.slice(0, 20), [], `seed ${SEED}: ${replay([])}`);
});

/** dist/cli.js, built first when missing. */
function cliPath(): string {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  assert.ok(existsSync(cli), 'dist/cli.js is missing and `node esbuild.mjs` did not make it');
  return cli;
}

function runCli(cli: string, file: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'report', file], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PROFILE_FIRST_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

test('the CLI refuses a sample of the bad files with exit status 2 and one or two plain lines, no stack trace', async (t) => {
  assert.ok(refused.length > 0, 'the fuzz run produced no refused files to try');
  const cli = cliPath();
  const step = Math.max(1, Math.floor(refused.length / CLI_SAMPLE));
  const sample = refused.filter((_, i) => i % step === 0).slice(0, CLI_SAMPLE);
  const problems: string[] = [];
  const queue = [...sample];
  const worker = async (): Promise<void> => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      const c = makeCase(SEED, index, fixtures);
      const file = writeCase(c);
      const r = await runCli(cli, file);
      removeCase(file);
      const lines = r.stderr.replace(/\n$/, '').split('\n');
      const what = `case ${index} (${c.fixture} ← ${c.ops.join(' + ')})`;
      if (r.status !== 2) problems.push(`${what}: exit status ${r.status}, stderr ${JSON.stringify(r.stderr.slice(0, 300))}`);
      if (r.stderr === '' || lines.length > 2) problems.push(`${what}: stderr has ${r.stderr === '' ? 0 : lines.length} lines`);
      if (/^\s+at /m.test(r.stderr)) problems.push(`${what}: stack trace on stderr`);
      if (!r.stderr.includes(file)) problems.push(`${what}: stderr does not name the file: ${r.stderr.slice(0, 200)}`);
      if (r.stdout !== '') problems.push(`${what}: printed on stdout`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  t.diagnostic(`CLI run on ${sample.length} refused files`);
  assert.deepEqual(problems, [], `seed ${SEED}: ${replay([])}`);
});
