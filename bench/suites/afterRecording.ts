import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ensureInput } from '../generate/benchInputs';
import type { BenchSuite } from '../lib/benchContext';
import { row } from '../lib/benchRow';
import { median } from '../lib/measureProcess';

/**
 * "Our processing after a 60 s recording ≤ 10 % of the recording time": a py-spy speedscope file
 * as the extension records it (100 Hz, 8 threads with --idle, one profile per thread) for the
 * recording length, processed the way the extension does before the panel shows, in a fresh
 * process each run (cold code, as after a real recording).
 */

const RATE = 100;
const THREADS = 8;
/** Mean samples per distinct stack of the generator (Pareto, tail 1.5, measured): sizes the file for the recording length. */
const SAMPLES_PER_STACK = 2.6;
const PROBE = path.join(__dirname, '..', 'lib', 'processRecording.ts');

export const afterRecordingSuite: BenchSuite = {
  name: 'after-recording',
  async run(ctx) {
    const seconds = ctx.sizes.recordingSeconds;
    const uniqueStacks = Math.round((seconds * RATE * THREADS) / SAMPLES_PER_STACK);
    const input = ensureInput('speedscope', { uniqueStacks, threads: THREADS, seed: 60 }, ctx.log);
    // The recording this file stands for: every thread sampled RATE times a second.
    const recordedMs = (input.samples / (RATE * THREADS)) * 1000;
    ctx.log(`processing a ${(recordedMs / 1000).toFixed(0)} s recording (${input.samples.toLocaleString('en-US')} samples)`);
    const runs = Math.max(3, ctx.sizes.runs + 2);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', PROBE, input.file], { encoding: 'utf8' });
      times.push((JSON.parse(out) as { ms: number }).ms);
    }
    return [
      row({
        name: `processing after a ${seconds} s recording (parse, aggregate, tree, prune, message)`,
        value: median(times),
        unit: 'ms',
        baseline: recordedMs,
        baselineWhat: 'recording time',
        target: { on: 'ratio', max: 0.1 },
        note: `py-spy speedscope, ${RATE} Hz × ${THREADS} threads: ${input.uniqueStacks.toLocaleString('en-US')} distinct stacks, ${(input.bytes / 1e6).toFixed(1)} MB; median of ${runs} fresh processes`,
      }),
    ];
  },
};
