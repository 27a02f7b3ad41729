import { build } from 'esbuild';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadForViewInWorker } from '../../src/core/load/loadInWorker';
import { loadForView, type ViewLoad, type ViewLoadRequest } from '../../src/core/load/viewLoad';
import { BENCH_OUT, ensureInput } from '../generate/benchInputs';
import type { BenchContext, BenchSuite } from '../lib/benchContext';
import { row, type BenchRow } from '../lib/benchRow';
import { REPO_ROOT } from '../lib/bundles';

/**
 * The extension host's thread while a big profile opens (issue 8: "a worker thread for parsing
 * if it blocks the UI for more than 50 ms"). ProfileViewer parses files over 10 MB and builds
 * their tree in the parse worker (dist/profileWorker.js); the host only rebuilds the stacks in
 * slices. The longest stall of the event loop (perf_hooks.monitorEventLoopDelay) is measured
 * for the worker path against the same file parsed on the thread itself.
 */

/** The UI's budget for one block of the host thread. */
const MAX_BLOCK_MS = 50;

/** The worker bundle as esbuild.mjs builds dist/profileWorker.js (production options), into bench/out/build. */
async function workerBundle(): Promise<string> {
  const outfile = path.join(BENCH_OUT, 'build', 'profileWorker.js');
  await build({
    entryPoints: ['src/core/load/profileLoadWorker.ts'],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    absWorkingDir: REPO_ROOT,
    logLevel: 'warning',
  });
  return outfile;
}

interface Blocked {
  /** Longest event-loop delay seen, ms. */
  readonly longestMs: number;
  /** Wall time of the whole open, ms. */
  readonly wallMs: number;
  readonly load: ViewLoad;
}

/** Runs `open` while watching how long the event loop is kept from running. */
async function watchLoop(open: () => Promise<ViewLoad>): Promise<Blocked> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const load = await open();
  const wallMs = performance.now() - started;
  // The histogram records a stall when its timer finally runs: let it run once after the last
  // synchronous stretch (the tree build, on the thread), or that stall would go unseen.
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
  return { longestMs: delay.max / 1e6, wallMs, load };
}

function label(stacks: number): string {
  const exp = Math.log10(stacks);
  return Number.isInteger(exp) ? `1e${exp}` : stacks.toLocaleString('en-US');
}

async function rows(ctx: BenchContext): Promise<BenchRow[]> {
  const stacks = ctx.sizes.flameStacks[ctx.sizes.flameStacks.length - 1];
  // speedscope, as the extension records: a raw file of 10^6 distinct stacks would be over 1 GB.
  const input = ensureInput('speedscope', { uniqueStacks: stacks }, ctx.log);
  const req: ViewLoadRequest = {
    path: input.file,
    title: 'bench',
    minFramePercent: 0.1,
    memoryMode: 'peak',
    useRecordedInterpreter: false,
    countAllocations: false,
  };
  const worker = await workerBundle();
  // The worker first: the thread's run leaves a 10^6-stack profile of garbage whose collection
  // would otherwise land in the worker run's measurement.
  ctx.log(`host thread: opening ${path.basename(input.file)} through the parse worker`);
  const there = await watchLoop(() => loadForViewInWorker({ file: worker }, req));
  ctx.log('host thread: the same on the thread');
  const here = await watchLoop(() => loadForView(req));
  const mb = (input.bytes / 1e6).toFixed(0);
  return [
    row({
      name: `longest block of the host thread while opening a ${label(stacks)}-stack profile`,
      value: there.longestMs,
      unit: 'ms',
      baseline: here.longestMs,
      baselineWhat: 'the same file parsed on the host thread',
      target: { on: 'value', max: MAX_BLOCK_MS },
      note: `${mb} MB speedscope, ${there.load.data.nodeCount.toLocaleString('en-US')} tree nodes; open took ${(there.wallMs / 1000).toFixed(1)} s in the worker, ${(here.wallMs / 1000).toFixed(1)} s on the thread`,
    }),
  ];
}

export const hostThreadSuite: BenchSuite = {
  name: 'host-thread',
  run: rows,
};
