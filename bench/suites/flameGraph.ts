import { buildFlameGraphData } from '../../src/core/model/callTree';
import type { Profile } from '../../src/core/model/profile';
import { generatedProfile } from '../generate/benchInputs';
import type { BenchContext, BenchSuite } from '../lib/benchContext';
import { row, type BenchRow } from '../lib/benchRow';
import { productionBundles } from '../lib/bundles';
import { FlamePageRig } from '../lib/flamePage';
import { median } from '../lib/measureProcess';

/**
 * The flame graph at 10^5 and 10^6 distinct stacks: the host builds the call tree once and prunes
 * it (profileFirst.flameGraph.minFramePercent's default 0.1 %, node cap), then the real page draws
 * what the host sends. The page's limits hold at any profile size because the message does not
 * grow with it; the host rows show what that costs on the host.
 */

const MIN_FRAME_PERCENT = 0.1;
const PAGE_RUNS = 3;

function label(stacks: number): string {
  const exp = Math.log10(stacks);
  return Number.isInteger(exp) ? `1e${exp}` : stacks.toLocaleString('en-US');
}

/** One read of every frame of every stack: the least any tree build has to do. */
function touchEveryFrame(profile: Profile): number {
  let sum = 0;
  for (const stack of profile.stacks) for (let i = 0; i < stack.length; i++) sum += stack[i];
  return sum;
}

function timed(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

async function rowsFor(ctx: BenchContext, rig: FlamePageRig, stacks: number): Promise<BenchRow[]> {
  const name = `flame graph, ${label(stacks)} stacks`;
  ctx.log(`${name}: generating the profile in memory`);
  const profile = generatedProfile({ uniqueStacks: stacks });
  ctx.log(`${name}: host tree + prune, then the page`);
  const started = performance.now();
  const data = buildFlameGraphData(profile, { title: name, minFramePercent: MIN_FRAME_PERCENT });
  const hostMs = performance.now() - started;
  const touchMs = timed(() => touchEveryFrame(profile));
  const messageKb = JSON.stringify(data).length / 1024;
  const runs = [];
  for (let i = 0; i < (ctx.sizes.mode === 'tiny' ? 1 : PAGE_RUNS); i++) runs.push(await rig.measure(data));
  const m = runs[runs.length - 1];
  const base = await rig.baseline(m.framesDrawn);
  const frames = `${data.nodeCount.toLocaleString('en-US')} tree nodes, ${data.shownNodeCount.toLocaleString('en-US')} sent (${messageKb.toFixed(0)} KiB message), ${m.framesDrawn.toLocaleString('en-US')} frames drawn`;
  return [
    row({
      name: `${name}: host builds and prunes the tree`,
      value: hostMs,
      unit: 'ms',
      baseline: touchMs,
      baselineWhat: 'one read of every frame',
      note: frames,
    }),
    row({
      name: `${name}: first paint after the data message`,
      value: median(runs.map((r) => r.firstPaintMs)),
      unit: 'ms',
      baseline: base.drawMs,
      baselineWhat: 'same frames as plain DOM',
      target: { on: 'value', max: 300 },
      note: `median of ${runs.length} fresh pages; the synchronous render call took ${median(runs.map((r) => r.renderSyncMs)).toFixed(0)} ms of it`,
    }),
    row({
      name: `${name}: zoom to a node`,
      value: median(runs.map((r) => r.zoomMs)),
      unit: 'ms',
      baseline: base.moveMs,
      baselineWhat: 'moving them as plain DOM',
      target: { on: 'value', max: 100 },
      note: `click on a frame at depth 3–6 with ${(m.zoomedShare * 100).toFixed(0)} % of the samples, to the next paint`,
    }),
    row({ name: `${name}: DOM elements`, value: m.domElements, unit: 'elements', baseline: 20_000, baselineWhat: 'target', target: { on: 'value', max: 20_000 } }),
    row({
      name: `${name}: JS heap`,
      value: m.heapBytes / 1e6,
      unit: 'MB',
      baseline: m.heapBeforeBytes / 1e6,
      baselineWhat: 'the page before the message',
      target: { on: 'value', max: 100 },
      note: 'used heap after the paint and a full GC (CDP Runtime.getHeapUsage)',
    }),
  ];
}

export const flameGraphSuite: BenchSuite = {
  name: 'flame-graph',
  async run(ctx) {
    const rig = await FlamePageRig.start(await productionBundles());
    try {
      const rows: BenchRow[] = [];
      for (const stacks of ctx.sizes.flameStacks) rows.push(...(await rowsFor(ctx, rig, stacks)));
      return rows;
    } finally {
      await rig.close();
    }
  },
};
