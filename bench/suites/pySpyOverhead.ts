import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { awaitTimingEnvironment, findAwaitTimingDir } from '../../src/core/awaitTiming';
import { buildLaunchArgs } from '../../src/core/capture/pyspyArgs';
import type { BenchSuite } from '../lib/benchContext';
import { row } from '../lib/benchRow';
import { REPO_ROOT } from '../lib/bundles';
import { median } from '../lib/measureProcess';

/**
 * py-spy's cost on the profiled program: examples/cpu_hot.py run alone and under py-spy at
 * 100 Hz with the exact command line the extension builds (buildLaunchArgs), alternated so drift
 * hits both alike; medians. cpu_hot.py runs for a fixed time and prints how many rounds of work
 * it finished, so besides wall time the rows compare time per round, which is where a sampler's
 * overhead shows.
 */

const SCRIPT = path.join(REPO_ROOT, 'examples', 'cpu_hot.py');

function tool(venvName: string, fallback: string): string {
  const venv = path.join(REPO_ROOT, '.venv', 'bin', venvName);
  if (existsSync(venv)) return venv;
  const found = spawnSync('sh', ['-c', `command -v ${fallback}`], { encoding: 'utf8' }).stdout.trim();
  if (found === '') throw new Error(`${fallback} not found: run \`npm run setup\` (it installs py-spy into .venv) or put ${fallback} on PATH.`);
  return found;
}

/** Wall milliseconds and milliseconds of program time per round of work. */
function run(command: string, args: readonly string[], seconds: number, env: NodeJS.ProcessEnv = process.env): { wallMs: number; msPerRound: number } {
  const started = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', cwd: REPO_ROOT, env });
  const wallMs = performance.now() - started;
  const rounds = /(\d+) rounds/.exec(r.stdout)?.[1];
  if (r.status !== 0 || rounds === undefined) throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-2).join(' ')}`);
  return { wallMs, msPerRound: (seconds * 1000) / Number(rounds) };
}

export const pySpyOverheadSuite: BenchSuite = {
  name: 'py-spy-overhead',
  async run(ctx) {
    const pyspy = tool('py-spy', 'py-spy');
    const python = tool('python', 'python3');
    const { pySpySeconds: seconds, pySpyPairs: pairs } = ctx.sizes;
    ctx.log(`py-spy overhead: ${pairs} alternated pairs of examples/cpu_hot.py ${seconds}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'pf-bench-pyspy-'));
    try {
      const plain: ReturnType<typeof run>[] = [];
      const profiled: ReturnType<typeof run>[] = [];
      const nonblocking: ReturnType<typeof run>[] = [];
      const timed: ReturnType<typeof run>[] = [];
      const timerDir = findAwaitTimingDir(REPO_ROOT);
      for (let i = 0; i < pairs; i++) {
        plain.push(run(python, [SCRIPT, String(seconds)], seconds));
        const args = buildLaunchArgs({ rate: 100 }, path.join(dir, `run${i}.json`), { python, script: SCRIPT, args: [String(seconds)] });
        profiled.push(run(pyspy, args, seconds));
        // For comparison only: py-spy pauses the program for each sample unless told not to.
        nonblocking.push(run(pyspy, [args[0], '--nonblocking', ...args.slice(1)], seconds));
        // What Profile Python File adds to py-spy by default: the await timer in the program.
        const timedOut = path.join(dir, `timed${i}.json`);
        const timedArgs = buildLaunchArgs({ rate: 100 }, timedOut, { python, script: SCRIPT, args: [String(seconds)] });
        timed.push(run(pyspy, timedArgs, seconds, awaitTimingEnvironment(process.env, timerDir, timedOut)));
      }
      // What the same program alone does from run to run on this machine: a per-round ratio inside
      // this spread is not a cost the bench can see (on a shared 2-core VM it was ±30 %).
      const alone = plain.map((r) => r.msPerRound);
      const spread = `the program alone took ${Math.min(...alone).toFixed(1)}–${Math.max(...alone).toFixed(1)} ms per round over its ${pairs} runs`;
      const note = `examples/cpu_hot.py ${seconds}, py-spy ${buildLaunchArgs({ rate: 100 }, 'OUT', { python: 'python', script: 'cpu_hot.py' }).slice(0, 6).join(' ')}; median of ${pairs} alternated pairs`;
      return [
        row({
          name: 'py-spy overhead at 100 Hz: wall time',
          value: median(profiled.map((r) => r.wallMs)),
          unit: 'ms',
          baseline: median(plain.map((r) => r.wallMs)),
          baselineWhat: 'the program alone',
          target: { on: 'ratio', max: 1.05 },
          note: `${note}; the program runs a fixed time, so this is mostly py-spy's start and stop`,
        }),
        row({
          name: 'py-spy overhead at 100 Hz: time per round of work',
          value: median(profiled.map((r) => r.msPerRound)),
          unit: 'ms',
          baseline: median(plain.map((r) => r.msPerRound)),
          baselineWhat: 'the program alone',
          target: { on: 'ratio', max: 1.05 },
          note: `how much slower the program itself runs while sampled; ${spread}`,
        }),
        row({
          name: 'py-spy --nonblocking at 100 Hz: time per round of work',
          value: median(nonblocking.map((r) => r.msPerRound)),
          unit: 'ms',
          baseline: median(plain.map((r) => r.msPerRound)),
          baselineWhat: 'the program alone',
          note: 'for comparison: the extension does not pass --nonblocking (py-spy then stops the program briefly at every sample)',
        }),
        row({
          name: 'what the extension adds to py-spy: the await timer, wall time',
          value: median(timed.map((r) => r.wallMs)),
          unit: 'ms',
          baseline: median(profiled.map((r) => r.wallMs)),
          baselineWhat: 'py-spy without the timer',
          target: { on: 'ratio', max: 1.05 },
          note: 'Profile Python File runs the program with python/await_timing on PYTHONPATH (profileFirst.awaitTiming, default on)',
        }),
        row({
          name: 'what the extension adds to py-spy: the await timer, time per round of work',
          value: median(timed.map((r) => r.msPerRound)),
          unit: 'ms',
          baseline: median(profiled.map((r) => r.msPerRound)),
          baselineWhat: 'py-spy without the timer',
          target: { on: 'ratio', max: 1.05 },
          note: `cpu_hot.py does not use asyncio: the timer costs it only its start-up; ${spread}`,
        }),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
