import { build } from 'esbuild';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadForViewInWorker } from '../../src/core/load/loadInWorker';
import { restrictToNode, restrictToNodeInSlices, ZOOM_STACKS_PER_SLICE } from '../../src/core/editor/zoom';
import { nextTurn } from '../../src/core/load/packedProfile';
import { loadForView, type ViewLoad, type ViewLoadRequest } from '../../src/core/load/viewLoad';
import { aggregateLinesAndFunctions, aggregateLinesAndFunctionsInSlices } from '../../src/core/model/aggregate';
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
  // The histogram's timer starts on the next turn: a synchronous `open` would otherwise go unseen.
  await new Promise((resolve) => setTimeout(resolve, 10));
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
  // Zooming the editor hints: the samples under the widest child of the root's widest child,
  // restricted and re-aggregated as HotLinesController.zoom does (in slices), and at once.
  const { profile, data } = there.load;
  const node = [...(data.root.children[0]?.children ?? [])].sort((a, b) => b.total - a.total)[0] ?? data.root.children[0];
  const slices = { sliceSize: ZOOM_STACKS_PER_SLICE, pause: nextTurn, cancelled: () => false };
  ctx.log(`host thread: zooming the hints into ${node.name}`);
  const sliced = await watchLoop(async () => {
    const restricted = await restrictToNodeInSlices(profile, data.root, node.id, slices);
    if (restricted !== undefined) await aggregateLinesAndFunctionsInSlices(restricted, slices);
    return there.load;
  });
  const atOnce = await watchLoop(async () => {
    const restricted = restrictToNode(profile, data.root, node.id);
    if (restricted !== undefined) aggregateLinesAndFunctions(restricted);
    return there.load;
  });
  const share = ((100 * node.total) / data.root.total).toFixed(0);
  // Last: it leaves a 10^6-stack profile of garbage behind.
  ctx.log('host thread: opening the same file on the thread');
  const here = await watchLoop(() => loadForView(req));
  const mb = (input.bytes / 1e6).toFixed(0);
  return [
    row({
      name: `longest block of the host thread while zooming the hints of a ${label(stacks)}-stack profile`,
      value: sliced.longestMs,
      unit: 'ms',
      baseline: atOnce.longestMs,
      baselineWhat: 'the same zoom done at once',
      target: { on: 'value', max: MAX_BLOCK_MS },
      note: `into a frame with ${share} % of the samples; done in ${(sliced.wallMs / 1000).toFixed(1)} s in slices, ${(atOnce.wallMs / 1000).toFixed(1)} s at once`,
    }),
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
