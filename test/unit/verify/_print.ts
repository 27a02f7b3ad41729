import type { RunMeasurement } from '../../../src/core/verify/measurement';
import { compareSamples } from '../../../src/core/verify/result';
import { formatVerifyText } from '../../../src/core/verify/textReport';
const run = (w: number, rss: number): RunMeasurement => ({ wallSec: w, cpuSec: w * 0.9, peakRssBytes: rss });
const result = compareSamples({
  runs: 5, warmup: 1,
  baseline: { argv: ['a'], runs: [0.41, 0.4, 0.44, 0.42, 0.43].map((w) => run(w, 14 * 2 ** 20)) },
  candidate: { argv: ['b'], runs: [0.2, 0.21, 0.19, 0.22, 0.205].map((w) => run(w, 214 * 2 ** 20)) },
  energyUnavailable: 'no RAPL counters in /sys/class/powercap',
});
process.stdout.write(formatVerifyText(result, { baseline: 'python3 slow.py', candidate: 'python3 fast_hungry.py' }));
