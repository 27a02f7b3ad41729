import { compareSamples } from '../../../src/core/verify/result';
import { mulberry32 } from '../../../src/core/verify/stats/prng';
import type { RunMeasurement } from '../../../src/core/verify/measurement';
const rnd = mulberry32(123);
const gauss = () => { const u = 1 - rnd(), v = rnd(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v); };
const n = Number(process.argv[2] ?? 10), trials = Number(process.argv[3] ?? 1000), effect = Number(process.argv[4] ?? 1), noise = 0.1;
const t0 = Date.now();
const out: Record<string, Record<string, number>> = { holm: {}, none: {} };
const run = (f: number) => (): RunMeasurement => { const w = 0.3 * f * Math.exp(noise * gauss()); return { wallSec: w, cpuSec: w * 0.97 * Math.exp(0.01 * gauss()), peakRssBytes: 4096 * Math.round(2500 * Math.exp(0.002 * gauss())) }; };
for (let t = 0; t < trials; t++) {
  const s = { runs: n, warmup: 0, baseline: { argv: [], runs: Array.from({ length: n }, run(1)) }, candidate: { argv: [], runs: Array.from({ length: n }, run(effect)) } };
  for (const fw of ['holm', 'none'] as const) {
    const r = compareSamples(s, { familywise: fw, bootstrap: { resamples: 2000 } });
    out[fw][r.verdict] = (out[fw][r.verdict] ?? 0) + 1;
  }
}
console.log(JSON.stringify({ n, trials, effect, out, ms: Date.now() - t0 }));
