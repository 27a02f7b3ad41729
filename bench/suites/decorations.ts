import { measureEditorHints } from '../editorHints.bench';
import type { BenchSuite } from '../lib/benchContext';
import { row } from '../lib/benchRow';

/**
 * Decorations for a 10,000-line file: the core half of an update (bench/editorHints.bench.ts),
 * in the worst case (every line hinted, self and total) and with the default floor.
 */
export const decorationsSuite: BenchSuite = {
  name: 'decorations',
  async run(ctx) {
    ctx.log('decorations for a 10,000-line file');
    const { lines, baselineMs, cases } = measureEditorHints(ctx.sizes.mode === 'tiny' ? 5 : 200);
    const worst = cases.reduce((a, b) => (b.ms > a.ms ? b : a));
    const usual = cases.find((c) => c.label.startsWith('default floor (0.5 %), self')) ?? worst;
    return [worst, usual].map((c, i) =>
      row({
        name: `decorations, ${lines.toLocaleString('en-US')}-line file, ${i === 0 ? 'worst case' : 'default settings'}: per update`,
        value: c.ms,
        unit: 'ms',
        baseline: baselineMs,
        baselineWhat: `copying ${lines.toLocaleString('en-US')} objects`,
        target: { on: 'value', max: 5 },
        note: `${c.label}: ${c.hints.toLocaleString('en-US')} hints; median over repeated updates`,
      }),
    );
  },
};
