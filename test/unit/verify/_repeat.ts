import { verifyChange } from '../../../src/core/verify/verifyChange';
const [base, cand, times, runs] = process.argv.slice(2);
(async () => {
  for (let i = 0; i < Number(times); i++) {
    const t0 = Date.now();
    const { result, samples } = await verifyChange({ baseline: base, candidate: cand, runs: Number(runs ?? 10), cwd: process.cwd(), env: process.env });
    const m = Object.fromEntries(result.metrics.map((c) => [c.metric, `${c.ratio.toFixed(2)} [${c.ci95[0].toFixed(2)},${c.ci95[1].toFixed(2)}] p=${c.pValue.toPrecision(2)} ${c.direction}`]));
    require('node:fs').appendFileSync(process.env.DUMP ?? '/tmp/samples.jsonl', JSON.stringify(samples) + '\n');
    console.log(JSON.stringify({ i, verdict: result.verdict, s: (Date.now() - t0) / 1000, ...m }));
  }
})();
